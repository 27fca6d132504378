import type { AuditLog } from '../../../platform/audit/audit-log.js';
import type { Clock } from '../../../platform/domain/clock.js';
import type { ContactRepository, ContentRepository, People, SyncSnapshotRepository } from '../ports.js';

/** What this module's use cases stand on, bound once in module.ts; each takes the part it needs. */
export interface ContentDeps {
  items: ContentRepository;
  contacts: ContactRepository;
  snapshots: SyncSnapshotRepository;
  people: People;
  clock: Clock;
  audit: AuditLog;
}

export interface Actor {
  tenantId: string;
  actorType: 'user' | 'api_key';
  actorId: string;
  clientAddress: string | null;
}
