import { ContainerModule, type Container } from 'inversify';
import type { AuditLog } from '../../platform/audit/audit-log.js';
import type { Config } from '../../platform/config/config.js';
import type { PlatformModule } from '../../platform/container/platform-module.js';
import { PLATFORM } from '../../platform/container/tokens.js';
import type { UnitOfWork } from '../../platform/database/unit-of-work.js';
import type { Clock } from '../../platform/domain/clock.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import type { Endpoints } from '../../platform/http/endpoint.js';
import type { Logger } from '../../platform/logging/logger.js';
import { PERSONAL_DATA, type PersonalDataHolder } from '../../platform/privacy/personal-data.js';
import type { PushSender } from '../../platform/push/ports.js';
import type { JobQueue, JobQueues } from '../../platform/queue/job-queue.js';
import type { IncidentActionAssigned, IncidentMembersLinked } from '../incidents/domain/events.js';
import type { TenantLookup } from '../tenants/application/tenant-lookup.js';
import { TENANTS_APP } from '../tenants/application/tokens.js';
import type { PeopleDirectory } from '../users/application/people-directory.js';
import { USERS_APP } from '../users/application/tokens.js';
import { messagingEntities } from './adapters/messaging.schema.js';
import {
  MikroOrmDeviceRepository,
  MikroOrmMessageRepository,
  SqlAppVersionPolicy,
  SqlDeliveryStore,
  SqlOutbox,
  SqlRecipientStore,
} from './adapters/mikro-orm-messaging.repositories.js';
import type { MessagingDeps } from './application/deps.js';
import { CheckAppVersion, GetMinimumVersions, ListDevices, RegisterDevice, SetMinimumVersions, UnregisterDevice } from './application/devices.js';
import { FanOut, FanOutSweeper } from './application/fan-out.js';
import { AnswerCallUp, GetInboxMessage, ListInbox, MarkRead } from './application/inbox.js';
import { IncidentNotifications } from './application/incident-notifications.js';
import { MessagingPersonalData } from './application/personal-data.js';
import { CancelMessage, SendMessage } from './application/send-message.js';
import { GetMessageStats, ListMessages, ListResponses, PreviewReach } from './application/sender-view.js';
import { appVersionGate, messagingRouter } from './http/messaging.router.js';
import type { DeliveryJob } from './ports.js';
import { messagingProblems } from './domain/messaging.errors.js';

export const MESSAGING_APP = {
  Deps: Symbol.for('messaging.Deps'),
  FanOut: Symbol.for('messaging.FanOut'),
  SendMessage: Symbol.for('messaging.SendMessage'),
  CheckAppVersion: Symbol.for('messaging.CheckAppVersion'),
} as const;

const DELIVERY_QUEUE = 'message-delivery';

function deliveryQueue(queues: JobQueues, config: Config): JobQueue<DeliveryJob> {
  // The queue retries a failing batch a little more often than a delivery may be tried, so the
  // delivery's own attempt count is what ends it.
  return queues.queue<DeliveryJob>(DELIVERY_QUEUE, { attempts: config.PUSH_MAX_ATTEMPTS + 2, backoffMs: config.PUSH_RETRY_BASE_MS });
}

const bindings = new ContainerModule(({ bind }) => {
  bind<MessagingDeps>(MESSAGING_APP.Deps)
    .toResolvedValue(
      (uow: UnitOfWork, clock: Clock, audit: AuditLog, people: PeopleDirectory, tenants: TenantLookup, queues: JobQueues, push: PushSender, config: Config, logger: Logger): MessagingDeps => {
        const queue = deliveryQueue(queues, config);
        return {
          messages: new MikroOrmMessageRepository(uow),
          recipients: new SqlRecipientStore(uow),
          devices: new MikroOrmDeviceRepository(uow),
          versions: new SqlAppVersionPolicy(uow),
          outbox: new SqlOutbox(uow),
          deliveries: new SqlDeliveryStore(uow),
          queue: { enqueue: (jobs) => queue.addBulk(jobs), pendingCount: () => queue.pendingCount() },
          people: {
            audienceIds: (tenantId, audience) => people.audienceIds(tenantId, audience),
            missingGroups: (tenantId, ids) => people.missingGroups(tenantId, ids),
            missingUsers: (tenantId, ids) => people.missingUsers(tenantId, ids),
            names: async (tenantId, ids) => new Map((await people.profiles(tenantId, ids)).map((p) => [p.id, p.name])),
          },
          push,
          tenants: { activeIds: () => tenants.activeIds() },
          transactions: { run: (tenantId, work) => uow.run(tenantId, work), afterwards: (tenantId, work) => uow.afterwards(tenantId, work) },
          clock,
          audit,
          settings: {
            batchSize: config.PUSH_BATCH_SIZE,
            pushConcurrency: config.PUSH_CONCURRENCY,
            maxAttempts: config.PUSH_MAX_ATTEMPTS,
            leaseSeconds: config.PUSH_LEASE_SECONDS,
            staleSeconds: config.PUSH_STALE_SECONDS,
          },
          onError: (error, context) => logger.warn({ err: error }, context),
        };
      },
      [
        PLATFORM.UnitOfWork,
        PLATFORM.Clock,
        PLATFORM.AuditLog,
        USERS_APP.PeopleDirectory,
        TENANTS_APP.TenantLookup,
        PLATFORM.JobQueues,
        PLATFORM.PushSender,
        PLATFORM.Config,
        PLATFORM.Logger,
      ],
    )
    .inSingletonScope();
  bind<FanOut>(MESSAGING_APP.FanOut).toResolvedValue((d: MessagingDeps) => new FanOut(d), [MESSAGING_APP.Deps]).inSingletonScope();
  bind<SendMessage>(MESSAGING_APP.SendMessage)
    .toResolvedValue((d: MessagingDeps, fanOut: FanOut) => new SendMessage(d, fanOut), [MESSAGING_APP.Deps, MESSAGING_APP.FanOut])
    .inSingletonScope();
  bind<CheckAppVersion>(MESSAGING_APP.CheckAppVersion).toResolvedValue((d: MessagingDeps) => new CheckAppVersion(d), [MESSAGING_APP.Deps]).inSingletonScope();
  bind<PersonalDataHolder>(PERSONAL_DATA.Holder).toResolvedValue((d: MessagingDeps) => new MessagingPersonalData(d), [MESSAGING_APP.Deps]);
});

export const messagingModule: PlatformModule = {
  problems: messagingProblems,
  name: 'messaging',
  entities: messagingEntities,
  bindings,
  subscriptions: (container) => {
    const notifications = new IncidentNotifications(container.get<SendMessage>(MESSAGING_APP.SendMessage));
    const bus = container.get<EventBus>(PLATFORM.EventBus);
    bus.subscribe<IncidentMembersLinked>('incident.members_linked', (event) => notifications.membersLinked(event));
    bus.subscribe<IncidentActionAssigned>('incident.action_assigned', (event) => notifications.actionAssigned(event));
  },
  beforeValidation: (container) => appVersionGate(container.get<CheckAppVersion>(MESSAGING_APP.CheckAppVersion)),
  router: (container) => {
    const d = container.get<MessagingDeps>(MESSAGING_APP.Deps);
    const uow = container.get<UnitOfWork>(PLATFORM.UnitOfWork);
    const config = container.get<Config>(PLATFORM.Config);
    return messagingRouter({
      endpoints: container.get<Endpoints>(PLATFORM.Endpoints),
      send: container.get<SendMessage>(MESSAGING_APP.SendMessage),
      cancel: new CancelMessage(d),
      list: new ListMessages(d),
      stats: new GetMessageStats(d),
      responses: new ListResponses(d),
      reach: new PreviewReach(d),
      inbox: new ListInbox(d),
      inboxMessage: new GetInboxMessage(d),
      markRead: new MarkRead(d),
      answer: new AnswerCallUp(d),
      registerDevice: new RegisterDevice(d),
      listDevices: new ListDevices(d),
      unregisterDevice: new UnregisterDevice(d),
      getMinimums: new GetMinimumVersions(d),
      setMinimums: new SetMinimumVersions(d),
      checkVersion: container.get<CheckAppVersion>(MESSAGING_APP.CheckAppVersion),
      inTenant: (tenantId, work) => uow.run(tenantId, work),
      statsIntervalMs: config.MESSAGE_STATS_INTERVAL_MS,
    });
  },
  worker: (container: Container) => {
    const d = container.get<MessagingDeps>(MESSAGING_APP.Deps);
    const config = container.get<Config>(PLATFORM.Config);
    const fanOut = container.get<FanOut>(MESSAGING_APP.FanOut);
    const queue = deliveryQueue(container.get<JobQueues>(PLATFORM.JobQueues), config);
    const sweeper = new FanOutSweeper(fanOut, config.FANOUT_SWEEP_MS, d.onError);
    return {
      start: () => {
        queue.process(config.WORKER_CONCURRENCY, (job) => fanOut.deliver(job));
        sweeper.start();
      },
      stop: () => sweeper.stop(),
    };
  },
};
