import type { AuditLog } from '../../../platform/audit/audit-log.js';
import type { Clock } from '../../../platform/domain/clock.js';
import type { AppVersionPolicy, DeliveryQueue, DeliveryStore, DeviceRepository, MessageRepository, MessageTemplateRepository, MessagingPeople, Outbox, PushSender, RecipientStore, TenantIds, Transactions, WaveStore, FallbackStore } from '../ports.js';

export interface FanOutSettings {
  /** Devices per delivery job. */
  batchSize: number;
  /** Pushes in flight at once within one job. */
  pushConcurrency: number;
  /** Attempts per device before a delivery fails for good. */
  maxAttempts: number;
  /** A claimed delivery whose worker has been silent this long is queued again. */
  leaseSeconds: number;
  /** A queued delivery enqueued this long ago without being claimed is enqueued again. */
  staleSeconds: number;
}

/** What this module's use cases stand on, bound once in module.ts; each takes the part it needs. */
export interface MessagingDeps {
  messages: MessageRepository;
  templates: MessageTemplateRepository;
  recipients: RecipientStore;
  waves: WaveStore;
  fallbacks: FallbackStore;
  devices: DeviceRepository;
  versions: AppVersionPolicy;
  outbox: Outbox;
  deliveries: DeliveryStore;
  queue: DeliveryQueue;
  people: MessagingPeople;
  push: PushSender;
  tenants: TenantIds;
  transactions: Transactions;
  clock: Clock;
  audit: AuditLog;
  settings: FanOutSettings;
  onError: (error: unknown, context: string) => void;
}

