import { text } from 'node:stream/consumers';
import { tenantKey, type ObjectStorage } from '../../../platform/media/ports.js';
import { ErasureRecord, type ErasureReason, type ErasureSubjectType } from '../domain/erasure.js';
import type { ErasureLedgerCopy } from '../ports.js';

const FOLDER = ['privacy', 'erasure-ledger'];

/**
 * The erasure ledger in object storage, under the tenant's prefix: one small JSON object per
 * erasure (ids, reason, time; never a name), named by time and id, only ever added. A restored
 * database backup does not touch it, so it still names everyone erased after the backup.
 */
export class StorageErasureLedger implements ErasureLedgerCopy {
  constructor(private readonly storage: ObjectStorage) {}

  async write(record: ErasureRecord): Promise<void> {
    const line = {
      id: record.id,
      tenantId: record.tenantId,
      subjectType: record.subjectType,
      subjectId: record.subjectId,
      reason: record.reason,
      requestedBy: record.requestedBy,
      erasedAt: record.erasedAt.toISOString(),
    };
    // Time first, so a listing reads in the order the erasures happened.
    const name = `${String(record.erasedAt.getTime()).padStart(15, '0')}-${record.id}.json`;
    await this.storage.put(tenantKey(record.tenantId, ...FOLDER, name), Buffer.from(JSON.stringify(line)), 'application/json');
  }

  async all(tenantId: string): Promise<ErasureRecord[]> {
    const records: ErasureRecord[] = [];
    for await (const key of this.storage.list(tenantKey(tenantId, ...FOLDER))) {
      const line = JSON.parse(await text(await this.storage.get(key))) as {
        id: string;
        tenantId: string;
        subjectType: ErasureSubjectType;
        subjectId: string;
        reason: ErasureReason;
        requestedBy: string;
        erasedAt: string;
      };
      // A line filed under another tenant's prefix is not this tenant's to act on.
      if (line.tenantId !== tenantId) continue;
      records.push(ErasureRecord.restore({ ...line, erasedAt: new Date(line.erasedAt) }));
    }
    return records;
  }
}
