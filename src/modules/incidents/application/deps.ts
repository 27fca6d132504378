import type { AuditLog } from '../../../platform/audit/audit-log.js';
import type { Clock } from '../../../platform/domain/clock.js';
import type { ActionRepository, ChatRepository, IncidentRepository, LiveNews, LogRepository, MediaLibrary, NotificationReach, Notifier, People, Plans, ReportRenderer, SetupRepository, SituationPictureRepository, TemplateRepository, TenantProfile } from '../ports.js';

/** What this module's use cases stand on, bound once in module.ts; each takes the part it needs. */
export interface IncidentsDeps {
  setups: SetupRepository;
  incidents: IncidentRepository;
  log: LogRepository;
  actions: ActionRepository;
  templates: TemplateRepository;
  pictures: SituationPictureRepository;
  plans: Plans;
  chat: ChatRepository;
  people: People;
  reach: NotificationReach;
  media: MediaLibrary;
  tenants: TenantProfile;
  live: LiveNews;
  /** The same announcements for the chat, on their own topic. */
  chatNews: LiveNews;
  renderer: ReportRenderer;
  notifier: Notifier;
  clock: Clock;
  audit: AuditLog;
  /** Runs work in a transaction of its own, in a tenant (a live feed reads outside any request's transaction). */
  inTenant: <T>(tenantId: string, work: () => Promise<T>) => Promise<T>;
}

