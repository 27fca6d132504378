import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import type { Row, Sheet, TableWriter } from '../ports.js';

/** Waits until the stream has room again, so a slow client slows the database reads, not the memory. */
function drained(stream: Writable): Promise<void> {
  return stream.writableNeedDrain ? new Promise((resolve) => stream.once('drain', resolve)) : Promise.resolve();
}

async function* pagesOf(sheet: Sheet): AsyncGenerator<Row[]> {
  yield* sheet.rows;
}

/** exceljs's streaming WorkbookWriter (rows are committed and flushed as they come) and csv-stringify. */
export class StreamingTableWriter implements TableWriter {
  xlsx(sheets: Sheet[]): Readable {
    const out = new PassThrough();
    void (async () => {
      // The workbook writes its first bytes as soon as a sheet is added; the first page is read
      // before that, so an export the database refuses outright is answered as an error, not cut off.
      const pending = sheets.map((sheet) => pagesOf(sheet));
      const first = pending.length > 0 ? await pending[0]!.next() : null;
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
      for (const [index, sheet] of sheets.entries()) {
        const worksheet = workbook.addWorksheet(sheet.name.slice(0, 31));
        worksheet.columns = sheet.columns.map((key) => ({ header: key, key }));
        const rows = pending[index]!;
        for (let page = index === 0 ? first! : await rows.next(); !page.done; page = await rows.next()) {
          for (const row of page.value) worksheet.addRow(Object.fromEntries(sheet.columns.map((c) => [c, row[c] ?? null]))).commit();
          await drained(out);
        }
        worksheet.commit();
      }
      await workbook.commit();
    })().catch((error: unknown) => out.destroy(error as Error));
    return out;
  }

  csv(sheet: Sheet): Readable {
    const out = stringify({ header: true, columns: sheet.columns, bom: true, cast: { date: (d) => d.toISOString(), boolean: (b) => (b ? 'true' : 'false') } });
    void (async () => {
      for await (const page of sheet.rows) {
        for (const row of page) out.write(sheet.columns.map((c) => row[c] ?? null));
        await drained(out);
      }
      out.end();
    })().catch((error: unknown) => out.destroy(error as Error));
    return out;
  }
}
