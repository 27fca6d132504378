import { tenantKey, type ObjectStorage } from '../../../platform/media/ports.js';
import type { TenantFiles } from '../ports.js';

/** A tenant's files: everything under its storage prefix. */
export class StorageTenantFiles implements TenantFiles {
  constructor(private readonly storage: ObjectStorage) {}

  list(tenantId: string): AsyncIterable<string> {
    return this.storage.list(tenantKey(tenantId));
  }

  open(key: string) {
    return this.storage.get(key);
  }

  async deleteAll(tenantId: string): Promise<number> {
    const keys: string[] = [];
    for await (const key of this.storage.list(tenantKey(tenantId))) keys.push(key);
    for (const key of keys) await this.storage.delete(key);
    return keys.length;
  }
}
