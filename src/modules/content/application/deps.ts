import type { AuditLog } from '../../../platform/audit/audit-log.js';
import type { Clock } from '../../../platform/domain/clock.js';
import type { FileTypeDetector, ImageProcessor, ObjectStorage } from '../../../platform/media/ports.js';
import type { ContactRepository, ContentRepository, MediaRepository, People, SyncSnapshotRepository, TenantLanguage } from '../ports.js';

/** What this module's use cases stand on, bound once in module.ts; each takes the part it needs. */
export interface ContentDeps {
  items: ContentRepository;
  contacts: ContactRepository;
  snapshots: SyncSnapshotRepository;
  people: People;
  language: TenantLanguage;
  media: MediaRepository;
  storage: ObjectStorage;
  images: ImageProcessor;
  fileTypes: FileTypeDetector;
  clock: Clock;
  audit: AuditLog;
  settings: { fileLinkSecret: string; fileLinkTtlSeconds: number };
}

