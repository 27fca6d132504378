import { api } from '../../../lib/api';
import { saveBlob } from '../../../lib/download';
import { unwrap } from '../../../lib/problem';

/** One person's data as JSON (portability) or a spreadsheet (one sheet per category). */
export async function downloadUserExport(userId: string, format: 'json' | 'xlsx'): Promise<void> {
  const result = await api.GET('/v1/privacy/users/{userId}/export', { params: { path: { userId }, query: { format } }, parseAs: 'blob' });
  const blob = unwrap(result);
  saveBlob(blob, result.response, `personal-data-${userId}.${format}`);
}

/** The audit trail as filtered on screen, as CSV or a spreadsheet (the export itself is audited). */
export async function downloadAuditTrail(query: Record<string, string>, format: 'csv' | 'xlsx'): Promise<void> {
  const result = await api.GET('/v1/privacy/exports/audit-events', { params: { query: { ...query, format } }, parseAs: 'blob' });
  saveBlob(unwrap(result), result.response, `audit-trail.${format}`);
}

/** A register (breaches, processing activities) or every user or contact as a file. */
export async function downloadRegister(
  path: '/v1/privacy/exports/breaches' | '/v1/privacy/exports/processing-activities' | '/v1/privacy/exports/users' | '/v1/privacy/exports/contacts',
  format: 'csv' | 'xlsx',
): Promise<void> {
  const result = await api.GET(path, { params: { query: { format } }, parseAs: 'blob' });
  saveBlob(unwrap(result), result.response, `${path.split('/').pop() ?? 'export'}.${format}`);
}

export interface ExportProgress {
  bytes: number;
  /** Rows of a CSV received so far (the header not counted); null for a spreadsheet, whose bytes are compressed. */
  rows: number | null;
}

/**
 * Every user or contact as a file, read as a stream: the server writes rows as the database hands
 * them over (a slow connection slows the reads, it does not time out), and the page counts what
 * arrives without waiting for the whole file, so a 100,000-person export shows its progress and
 * the page stays responsive. The server records the export in the audit trail.
 */
export async function streamPeopleExport(
  kind: 'users' | 'contacts',
  format: 'csv' | 'xlsx',
  onProgress: (progress: ExportProgress) => void,
  signal: AbortSignal,
): Promise<{ bytes: number }> {
  const path = kind === 'users' ? '/v1/privacy/exports/users' : '/v1/privacy/exports/contacts';
  const result = await api.GET(path, { params: { query: { format } }, parseAs: 'stream', signal });
  if (!result.response.ok || !result.data) unwrap({ ...result, data: undefined });
  const reader = (result.data as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  let newlines = 0;
  let reported = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    bytes += value.byteLength;
    if (format === 'csv') for (const byte of value) if (byte === 10) newlines += 1;
    // A re-render per chunk would cost more than the download: at most five updates a second.
    if (performance.now() - reported > 200) {
      reported = performance.now();
      onProgress({ bytes, rows: format === 'csv' ? Math.max(0, newlines - 1) : null });
    }
  }
  onProgress({ bytes, rows: format === 'csv' ? Math.max(0, newlines - 1) : null });
  const type = format === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  saveBlob(new Blob(chunks as BlobPart[], { type }), result.response, `${kind}.${format}`);
  return { bytes };
}
