import { api } from '../../../lib/api';
import { unwrap } from '../../../lib/problem';

/** Hands a fetched file to the browser as a download, named as the server named it. */
export function saveBlob(blob: Blob, response: Response, fallbackName: string): void {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once click() returns; free the memory a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

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
