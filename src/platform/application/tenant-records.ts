import { NotFound } from '../domain/errors.js';
import { fail, ok, type Result } from '../domain/result.js';

/** What removing one of a tenant's records needs of its repository; the removal is written at the commit. */
export interface RemovableRecords<T> {
  byId(tenantId: string, id: string): Promise<T | null>;
  remove(record: T): void;
}

/**
 * Removes the tenant's record of this id, or fails with NotFound (naming `what`) when the tenant
 * has none: another tenant's id is as unknown as one never used. `removed` then tells of it (the audit line).
 */
export async function removeFound<T>(records: RemovableRecords<T>, tenantId: string, id: string, what: string, removed: (record: T) => void): Promise<Result<void, NotFound>> {
  const record = await records.byId(tenantId, id);
  if (!record) return fail(new NotFound(what));
  records.remove(record);
  removed(record);
  return ok(undefined);
}
