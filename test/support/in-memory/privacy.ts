import { Readable } from 'node:stream';
import type { Breach } from '../../../src/modules/privacy/domain/breach.js';
import type { ProcessingActivity } from '../../../src/modules/privacy/domain/processing-activity.js';
import type { BreachRepository, ProcessingRegister, Row, Sheet, TableWriter } from '../../../src/modules/privacy/ports.js';

export class InMemoryBreachRepository implements BreachRepository {
  readonly breaches: Breach[] = [];

  byId(tenantId: string, id: string): Promise<Breach | null> {
    return Promise.resolve(this.breaches.find((b) => b.tenantId === tenantId && b.id === id) ?? null);
  }

  list(tenantId: string): Promise<Breach[]> {
    return Promise.resolve(this.breaches.filter((b) => b.tenantId === tenantId));
  }

  add(breach: Breach): void {
    this.breaches.push(breach);
  }
}

export class InMemoryProcessingRegister implements ProcessingRegister {
  readonly activities: ProcessingActivity[] = [];

  byId(tenantId: string, id: string): Promise<ProcessingActivity | null> {
    return Promise.resolve(this.activities.find((a) => a.tenantId === tenantId && a.id === id) ?? null);
  }

  list(tenantId: string): Promise<ProcessingActivity[]> {
    return Promise.resolve(this.activities.filter((a) => a.tenantId === tenantId));
  }

  add(activity: ProcessingActivity): void {
    this.activities.push(activity);
  }

  remove(activity: ProcessingActivity): void {
    this.activities.splice(this.activities.indexOf(activity), 1);
  }
}

/** Writes each sheet as JSON lines (`{"sheet":…,"row":…}`), so a spec reads back what would be in the file. */
export class JsonLinesTableWriter implements TableWriter {
  xlsx(sheets: Sheet[]): Readable {
    return Readable.from(lines(sheets));
  }

  csv(sheet: Sheet): Readable {
    return Readable.from(lines([sheet]));
  }
}

async function* lines(sheets: Sheet[]): AsyncIterable<string> {
  for (const sheet of sheets) {
    for await (const page of sheet.rows as AsyncIterable<Row[]>) for (const row of page) yield `${JSON.stringify({ sheet: sheet.name, row })}\n`;
  }
}

/** Everything a readable stream yields, as text. */
export async function textOf(stream: Readable): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += String(chunk);
  return text;
}
