import { createHmac } from 'node:crypto';
import { Router } from 'express';
import { ContainerModule, type Container } from 'inversify';
import type { AuditLog } from '../../platform/audit/audit-log.js';
import type { Config } from '../../platform/config/config.js';
import type { PlatformModule } from '../../platform/container/platform-module.js';
import { PLATFORM } from '../../platform/container/tokens.js';
import type { UnitOfWork } from '../../platform/database/unit-of-work.js';
import type { Clock } from '../../platform/domain/clock.js';
import type { Endpoints } from '../../platform/http/endpoint.js';
import type { Logger } from '../../platform/logging/logger.js';
import { PERSONAL_DATA, type PersonalDataHolder } from '../../platform/privacy/personal-data.js';
import type { PushSender } from '../../platform/push/ports.js';
import type { JobQueue, JobQueues } from '../../platform/queue/job-queue.js';
import type { TenantLookup } from '../tenants/application/tenant-lookup.js';
import { TENANTS_APP } from '../tenants/application/tokens.js';
import type { PeopleDirectory } from '../users/application/people-directory.js';
import { USERS_APP } from '../users/application/tokens.js';
import { messagingEntities } from './adapters/messaging.schema.js';
import {
  MikroOrmDeviceRepository,
  MikroOrmMessageRepository,
  MikroOrmMessageTemplateRepository,
  SqlAppVersionPolicy,
  SqlDeliveryStore,
  SqlOutbox,
  SqlRecipientStore,
  SqlFallbackStore,
  SqlWaveStore,
} from './adapters/mikro-orm-messaging.repositories.js';
import { CmSmsSender, NoSmsSender } from '../../adapters/sms/cm-sms.js';
import type { SmsSender } from '../../platform/sms/ports.js';
import { MailFallback, SmsFallback } from './application/fallback.js';
import type { Mailer } from '../../platform/mail/mailer.js';
import { problemsOf } from '../../platform/domain/errors.js';
import { AnswerLinks, answerLinkToken } from './application/answer-link.js';
import { answerLinkPage } from './http/answer-link.page.js';
import { answerLinkApi, type AnswerLinkHttpDeps } from './http/answer-link.router.js';
import type { CountryCode } from 'libphonenumber-js';
import type { MessagingDeps } from './application/deps.js';
import { CheckAppVersion, GetMinimumVersions, ListDevices, RegisterDevice, SetMinimumVersions, UnregisterDevice } from './application/devices.js';
import { CloseCallUp, Escalation } from './application/escalation.js';
import { FanOut, FanOutSweeper } from './application/fan-out.js';
import { AnswerCallUp, GetInboxMessage, ListInbox, MarkRead } from './application/inbox.js';
import { NotifyPeople } from './application/notify-people.js';
import { MessagingPersonalData } from './application/personal-data.js';
import { CancelMessage, SendMessage } from './application/send-message.js';
import { GetMessageStats, ListMessages, ListResponses, PreviewReach } from './application/sender-view.js';
import { MESSAGING_PUBLIC } from './application/tokens.js';
import { appVersionGate, messagingRouter } from './http/messaging.router.js';
import { CreateMessageTemplate, DeleteMessageTemplate, EnsureMessageTemplates, GetMessageTemplate, ListMessageTemplates, MessageTemplateCatalogue, ReplaceMessageTemplate } from './application/templates.js';
import type { DeliveryJob } from './ports.js';
import * as messagingErrors from './domain/messaging.errors.js';

export const MESSAGING_APP = {
  Deps: Symbol.for('messaging.Deps'),
  FanOut: Symbol.for('messaging.FanOut'),
  SendMessage: Symbol.for('messaging.SendMessage'),
  CheckAppVersion: Symbol.for('messaging.CheckAppVersion'),
  SmsFallback: Symbol.for('messaging.SmsFallback'),
  AnswerLinks: Symbol.for('messaging.AnswerLinks'),
  MailFallback: Symbol.for('messaging.MailFallback'),
  AnswerLinkSecret: Symbol.for('messaging.AnswerLinkSecret'),
} as const;

function smsSender(config: Config): SmsSender {
  if (config.SMS_PROVIDER === 'cm') return new CmSmsSender({ productToken: config.CM_PRODUCT_TOKEN!, sender: config.CM_SENDER, endpoint: config.CM_ENDPOINT });
  return new NoSmsSender();
}

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
          templates: new MikroOrmMessageTemplateRepository(uow),
          recipients: new SqlRecipientStore(uow),
          waves: new SqlWaveStore(uow),
          fallbacks: new SqlFallbackStore(uow),
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
            phones: async (tenantId, ids) => new Map((await people.profiles(tenantId, ids)).map((p) => [p.id, p.phone])),
            emails: async (tenantId, ids) => new Map((await people.profiles(tenantId, ids)).map((p) => [p.id, p.email])),
          },
          push,
          tenants: { activeIds: () => tenants.activeIds(), isActive: async (tenantId) => (await tenants.byId(tenantId))?.suspended === false },
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
  const useCase = <T>(id: symbol, make: (d: MessagingDeps) => T) => bind<T>(id).toResolvedValue(make, [MESSAGING_APP.Deps]).inSingletonScope();
  useCase<FanOut>(MESSAGING_APP.FanOut, (d) => new FanOut(d));
  bind<SendMessage>(MESSAGING_APP.SendMessage)
    .toResolvedValue((d: MessagingDeps, fanOut: FanOut) => new SendMessage(d, fanOut), [MESSAGING_APP.Deps, MESSAGING_APP.FanOut])
    .inSingletonScope();
  // Its own key, derived from the platform's link secret: a file link's signature opens no answer.
  bind<string>(MESSAGING_APP.AnswerLinkSecret)
    .toResolvedValue((fileLinkSecret: string) => createHmac('sha256', fileLinkSecret).update('answer-links').digest('base64url'), [PLATFORM.FileLinkSecret])
    .inSingletonScope();
  bind<AnswerLinks>(MESSAGING_APP.AnswerLinks)
    .toResolvedValue((d: MessagingDeps, fanOut: FanOut, secret: string) => new AnswerLinks(d, fanOut, secret), [MESSAGING_APP.Deps, MESSAGING_APP.FanOut, MESSAGING_APP.AnswerLinkSecret])
    .inSingletonScope();
  bind<SmsFallback>(MESSAGING_APP.SmsFallback)
    .toResolvedValue(
      (d: MessagingDeps, config: Config, secret: string) =>
        new SmsFallback(d, smsSender(config), {
          dailyBudget: config.SMS_DAILY_BUDGET,
          unansweredAfterSeconds: config.SMS_UNANSWERED_AFTER_SECONDS === 0 ? null : config.SMS_UNANSWERED_AFTER_SECONDS,
          batchSize: config.SMS_BATCH_SIZE,
          concurrency: config.SMS_CONCURRENCY,
          defaultCountry: config.SMS_DEFAULT_COUNTRY as CountryCode,
          leaseSeconds: config.PUSH_LEASE_SECONDS,
          maxAttempts: config.SMS_MAX_ATTEMPTS,
          answerLinkUrl: (tenantId, linkKey) => `${config.PUBLIC_URL}/a/${answerLinkToken(secret, tenantId, linkKey)}`,
        }),
      [MESSAGING_APP.Deps, PLATFORM.Config, MESSAGING_APP.AnswerLinkSecret],
    )
    .inSingletonScope();
  bind<MailFallback | null>(MESSAGING_APP.MailFallback)
    .toResolvedValue(
      (d: MessagingDeps, config: Config, secret: string, mailer: Mailer) =>
        config.EMAIL_FALLBACK
          ? new MailFallback(d, mailer, {
              unansweredAfterSeconds: config.SMS_UNANSWERED_AFTER_SECONDS === 0 ? null : config.SMS_UNANSWERED_AFTER_SECONDS,
              batchSize: 200,
              concurrency: 4,
              leaseSeconds: config.PUSH_LEASE_SECONDS,
              maxAttempts: config.EMAIL_FALLBACK_MAX_ATTEMPTS,
              answerLinkUrl: (tenantId, linkKey) => `${config.PUBLIC_URL}/a/${answerLinkToken(secret, tenantId, linkKey)}`,
            })
          : null,
      [MESSAGING_APP.Deps, PLATFORM.Config, MESSAGING_APP.AnswerLinkSecret, PLATFORM.Mailer],
    )
    .inSingletonScope();
  bind<NotifyPeople>(MESSAGING_PUBLIC.NotifyPeople).toResolvedValue((send: SendMessage) => new NotifyPeople(send), [MESSAGING_APP.SendMessage]).inSingletonScope();
  useCase<PreviewReach>(MESSAGING_PUBLIC.PreviewReach, (d) => new PreviewReach(d));
  useCase<EnsureMessageTemplates>(MESSAGING_PUBLIC.EnsureMessageTemplates, (d) => new EnsureMessageTemplates(d));
  useCase<MessageTemplateCatalogue>(MESSAGING_PUBLIC.TemplateCatalogue, (d) => new MessageTemplateCatalogue(d));
  useCase<CheckAppVersion>(MESSAGING_APP.CheckAppVersion, (d) => new CheckAppVersion(d));
  useCase<PersonalDataHolder>(PERSONAL_DATA.Holder, (d) => new MessagingPersonalData(d));
});

/** The answer link's page and API: the links, and a transaction in the token's tenant. */
function answerLinkDeps(container: Container): AnswerLinkHttpDeps {
  const uow = container.get<UnitOfWork>(PLATFORM.UnitOfWork);
  return { links: container.get<AnswerLinks>(MESSAGING_APP.AnswerLinks), inTenant: (tenantId, work) => uow.run(tenantId, work) };
}

export const messagingModule: PlatformModule = {
  problems: problemsOf(messagingErrors),
  name: 'messaging',
  entities: messagingEntities,
  bindings,
  // The answer page is no operation of the contract: it is served before the contract check.
  beforeValidation: (container) =>
    Router()
      .use(appVersionGate(container.get<CheckAppVersion>(MESSAGING_APP.CheckAppVersion)))
      .use(answerLinkPage(answerLinkDeps(container))),
  router: (container) => {
    const d = container.get<MessagingDeps>(MESSAGING_APP.Deps);
    const uow = container.get<UnitOfWork>(PLATFORM.UnitOfWork);
    const config = container.get<Config>(PLATFORM.Config);
    return Router().use(answerLinkApi(answerLinkDeps(container))).use(messagingRouter({
      endpoints: container.get<Endpoints>(PLATFORM.Endpoints),
      send: container.get<SendMessage>(MESSAGING_APP.SendMessage),
      cancel: new CancelMessage(d),
      close: new CloseCallUp(d),
      list: new ListMessages(d),
      stats: new GetMessageStats(d),
      responses: new ListResponses(d),
      reach: container.get<PreviewReach>(MESSAGING_PUBLIC.PreviewReach),
      inbox: new ListInbox(d),
      inboxMessage: new GetInboxMessage(d),
      markRead: new MarkRead(d),
      answer: new AnswerCallUp(d, container.get<FanOut>(MESSAGING_APP.FanOut)),
      registerDevice: new RegisterDevice(d),
      listDevices: new ListDevices(d),
      unregisterDevice: new UnregisterDevice(d),
      getMinimums: new GetMinimumVersions(d),
      setMinimums: new SetMinimumVersions(d),
      checkVersion: container.get<CheckAppVersion>(MESSAGING_APP.CheckAppVersion),
      inTenant: (tenantId, work) => uow.run(tenantId, work),
      statsIntervalMs: config.MESSAGE_STATS_INTERVAL_MS,
      smsFallback: container.get<SmsFallback>(MESSAGING_APP.SmsFallback),
      templates: { list: new ListMessageTemplates(d), get: new GetMessageTemplate(d), create: new CreateMessageTemplate(d), replace: new ReplaceMessageTemplate(d), remove: new DeleteMessageTemplate(d) },
      smsCallbackSecret: config.SMS_PROVIDER === 'none' ? null : (config.SMS_CALLBACK_SECRET ?? null),
    }));
  },
  worker: (container: Container) => {
    const d = container.get<MessagingDeps>(MESSAGING_APP.Deps);
    const config = container.get<Config>(PLATFORM.Config);
    const fanOut = container.get<FanOut>(MESSAGING_APP.FanOut);
    const queue = deliveryQueue(container.get<JobQueues>(PLATFORM.JobQueues), config);
    // Due waves first: their deliveries are then served in the same pass; texts after the pushes.
    const mail = container.get<MailFallback | null>(MESSAGING_APP.MailFallback);
    const sweeper = new FanOutSweeper(
      [new Escalation(d, fanOut), fanOut, container.get<SmsFallback>(MESSAGING_APP.SmsFallback), ...(mail ? [mail] : [])],
      config.FANOUT_SWEEP_MS,
      d.onError,
    );
    return {
      start: () => {
        queue.process(config.WORKER_CONCURRENCY, (job) => fanOut.deliver(job));
        sweeper.start();
      },
      // Called as a shutdown begins, before the queue waits for the running jobs.
      drain: () => fanOut.windDown(),
      stop: () => sweeper.stop(),
    };
  },
};
