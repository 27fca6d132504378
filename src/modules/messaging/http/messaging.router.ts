import { Router, type RequestHandler } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { NotFound } from '../../../platform/domain/errors.js';
import { InvalidDeliveryReport } from '../domain/messaging.errors.js';
import type { SmsFallback } from '../application/fallback.js';
import type { components, PathOf, QueryOf, RequestBody } from '../../../platform/http/contract.js';
import { unwrap, type Endpoints } from '../../../platform/http/endpoint.js';
import type { Device } from '../domain/device.js';
import type { Message } from '../domain/message.js';
import type { CheckAppVersion, GetMinimumVersions, ListDevices, RegisterDevice, SetMinimumVersions, UnregisterDevice } from '../application/devices.js';
import type { AnswerCallUp, GetInboxMessage, ListInbox, MarkRead } from '../application/inbox.js';
import type { CloseCallUp } from '../application/escalation.js';
import type { CancelMessage, SendMessage } from '../application/send-message.js';
import type { GetMessageStats, ListMessages, ListResponses, MessageStatsView, PreviewReach } from '../application/sender-view.js';
import type { InboxEntry } from '../ports.js';
import type { MessageTemplate, MessageTemplateFields } from '../domain/message-template.js';
import type { CreateMessageTemplate, DeleteMessageTemplate, GetMessageTemplate, ListMessageTemplates, ReplaceMessageTemplate } from '../application/templates.js';

export interface MessagingHttpDeps {
  endpoints: Endpoints;
  send: SendMessage;
  cancel: CancelMessage;
  close: CloseCallUp;
  list: ListMessages;
  stats: GetMessageStats;
  responses: ListResponses;
  reach: PreviewReach;
  inbox: ListInbox;
  inboxMessage: GetInboxMessage;
  markRead: MarkRead;
  answer: AnswerCallUp;
  registerDevice: RegisterDevice;
  listDevices: ListDevices;
  unregisterDevice: UnregisterDevice;
  getMinimums: GetMinimumVersions;
  setMinimums: SetMinimumVersions;
  checkVersion: CheckAppVersion;
  /** Runs work in a transaction of its own in the tenant (the stream's later reads). */
  inTenant: <T>(tenantId: string, work: () => Promise<T>) => Promise<T>;
  /** How often a live statistics stream re-reads the counts (every api process reads PostgreSQL). */
  statsIntervalMs: number;
  smsFallback: SmsFallback;
  templates: { list: ListMessageTemplates; get: GetMessageTemplate; create: CreateMessageTemplate; replace: ReplaceMessageTemplate; remove: DeleteMessageTemplate };
  /** The secret the SMS provider's delivery-report callback carries; null: no provider, no callback. */
  smsCallbackSecret: string | null;
}

const sameSecret = (given: unknown, secret: string): boolean => {
  if (typeof given !== 'string') return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(secret).digest();
  return timingSafeEqual(a, b);
};

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

const audienceOf = (audience: { everyone?: boolean; groupIds?: string[]; userIds?: string[] }) => ({ everyone: audience.everyone ?? false, groupIds: audience.groupIds ?? [], userIds: audience.userIds ?? [] });

function toTemplateDto(template: MessageTemplate): components['schemas']['MessageTemplate'] {
  return {
    id: template.id,
    name: template.name,
    title: template.title,
    body: template.body,
    format: template.format,
    priority: template.priority,
    answerOptions: template.answerOptions,
    goal: template.goal ? { option: template.goal.option, count: template.goal.count, withinMinutes: template.goal.withinMinutes, autoClose: template.goal.autoClose } : null,
    waves: template.waves.map((wave) => ({ afterMinutes: wave.afterMinutes, audience: wave.audience, remind: wave.remind })),
    placeholders: template.placeholders(),
    createdAt: template.createdAt.toISOString(),
    updatedAt: template.updatedAt.toISOString(),
  };
}

function templateFields(body: RequestBody<'createMessageTemplate'>): MessageTemplateFields {
  return {
    name: body.name,
    title: body.title,
    body: body.body,
    format: body.format ?? 'plain',
    priority: body.priority ?? 'normal',
    answerOptions: body.answerOptions ?? [],
    goal: body.goal ? { option: body.goal.option, count: body.goal.count, withinMinutes: body.goal.withinMinutes ?? null, autoClose: body.goal.autoClose ?? false } : null,
    waves: (body.waves ?? []).map((wave) => ({ afterMinutes: wave.afterMinutes, audience: audienceOf(wave.audience), remind: wave.remind ?? false })),
  };
}

function toMessageDto(message: Message): components['schemas']['Message'] {
  return {
    id: message.id,
    title: message.title,
    body: message.body,
    format: message.format,
    priority: message.priority,
    kind: message.isCallUp() ? 'call_up' : 'message',
    answerOptions: message.answerOptions,
    audience: message.audience,
    status: message.status,
    scheduledAt: iso(message.scheduledAt),
    sentAt: iso(message.sentAt),
    closesAt: iso(message.closesAt),
    cancelledAt: iso(message.cancelledAt),
    closedAt: iso(message.closedAt),
    goal: message.goal ? { option: message.goal.option, count: message.goal.count, by: message.goal.by, autoClose: message.goal.autoClose } : null,
    source: message.source,
    recipientCount: message.recipientCount,
    createdAt: message.createdAt.toISOString(),
  };
}

function toInboxDto(entry: InboxEntry): components['schemas']['InboxMessage'] {
  const { message } = entry;
  return {
    id: message.id,
    title: message.title,
    body: message.body,
    format: message.format,
    priority: message.priority,
    kind: message.isCallUp() ? 'call_up' : 'message',
    answerOptions: message.answerOptions,
    sentAt: iso(message.sentAt)!,
    closesAt: iso(message.closesAt),
    readAt: iso(entry.readAt),
    answer: entry.answer,
    answeredAt: iso(entry.answeredAt),
  };
}

function toDeviceDto(device: Device): components['schemas']['PushDevice'] {
  return {
    id: device.id,
    platform: device.platform,
    appVersion: device.appVersion,
    active: device.disabledAt === null,
    disabledReason: device.disabledReason,
    createdAt: device.createdAt.toISOString(),
    updatedAt: device.updatedAt.toISOString(),
  };
}

const statsDto = (view: MessageStatsView): components['schemas']['MessageStats'] => ({
  message: toMessageDto(view.message),
  counts: view.counts,
  callUp: view.callUp
    ? {
        state: view.callUp.state,
        progress: view.callUp.progress,
        waves: view.callUp.waves.map((wave) => ({
          wave: wave.position,
          afterMinutes: wave.afterMinutes,
          audience: wave.audience,
          remind: wave.remind,
          dueAt: wave.dueAt.toISOString(),
          sentAt: iso(wave.sentAt),
          cancelledAt: iso(wave.cancelledAt),
          recipientCount: wave.recipientCount,
        })),
      }
    : null,
});
/**
 * Refuses requests of an app older than the tenant's minimum for its platform, before anything
 * else runs: the app says what it is in X-App-Platform and X-App-Version.
 */
export function appVersionGate(check: CheckAppVersion): Router {
  const gate: RequestHandler = (req, _res, next) => {
    const platform = req.get('x-app-platform');
    const version = req.get('x-app-version');
    const principal = req.principal;
    if (!platform || !version || !principal || principal.kind === 'operator') return next();
    check.execute({ tenantId: principal.tenantId, platform: platform.toLowerCase(), version }).then(
      (result) => (result.ok ? next() : next(result.error)),
      (error: unknown) => next(error),
    );
  };
  return Router().use(gate);
}

export function messagingRouter(deps: MessagingHttpDeps): Router {
  const router = Router();
  const { endpoints } = deps;
  const send = { permission: 'messages.send' } as const;
  const read = { permission: 'messages.read' } as const;
  const inbox = { permission: 'me.inbox' } as const;
  const devices = { permission: 'me.devices' } as const;

  router.post(
    '/v1/messages',
    endpoints.tenant(send, async (req, actor) => {
      const body = req.body as RequestBody<'sendMessage'>;
      const message = unwrap(
        await deps.send.execute({
          tenantId: actor.tenantId,
          senderType: actor.actorType,
          senderId: actor.actorId,
          // Left out when not given: a template's field then stands.
          ...(body.templateId ? { templateId: body.templateId, placeholders: body.placeholders ?? {} } : {}),
          ...(body.title !== undefined ? { title: body.title } : {}),
          ...(body.body !== undefined ? { body: body.body } : {}),
          ...(body.format ? { format: body.format } : {}),
          ...(body.priority ? { priority: body.priority } : {}),
          ...(body.answerOptions ? { answerOptions: body.answerOptions } : {}),
          audience: { everyone: body.audience.everyone ?? false, groupIds: body.audience.groupIds ?? [], userIds: body.audience.userIds ?? [] },
          scheduledAt: body.scheduledAt ? new Date(body.scheduledAt) : null,
          closesAt: body.closesAt ? new Date(body.closesAt) : null,
          ...(body.goal !== undefined ? { goal: body.goal ? { option: body.goal.option, count: body.goal.count, by: body.goal.by ? new Date(body.goal.by) : null, autoClose: body.goal.autoClose ?? false } : null } : {}),
          ...(body.waves ? { waves: body.waves.map((wave) => ({ afterMinutes: wave.afterMinutes, audience: audienceOf(wave.audience), remind: wave.remind ?? false })) } : {}),
        }),
      );
      return { status: 201, body: toMessageDto(message), headers: { location: `/v1/messages/${message.id}` } };
    }),
  );
  router.get(
    '/v1/message-templates',
    endpoints.tenant(send, async (_req, actor) => ({ status: 200, body: { items: (await deps.templates.list.execute({ tenantId: actor.tenantId })).map(toTemplateDto) } })),
  );
  router.post(
    '/v1/message-templates',
    endpoints.tenant(send, async (req, actor) => {
      const template = unwrap(await deps.templates.create.execute({ actor, fields: templateFields(req.body as RequestBody<'createMessageTemplate'>) }));
      return { status: 201, body: toTemplateDto(template), headers: { location: `/v1/message-templates/${template.id}` } };
    }),
  );
  router.get(
    '/v1/message-templates/:templateId',
    endpoints.tenant(send, async (req, actor) => {
      const { templateId } = req.params as PathOf<'getMessageTemplate'>;
      return { status: 200, body: toTemplateDto(unwrap(await deps.templates.get.execute({ tenantId: actor.tenantId, templateId }))) };
    }),
  );
  router.put(
    '/v1/message-templates/:templateId',
    endpoints.tenant(send, async (req, actor) => {
      const { templateId } = req.params as PathOf<'replaceMessageTemplate'>;
      const template = unwrap(await deps.templates.replace.execute({ actor, templateId, fields: templateFields(req.body as RequestBody<'replaceMessageTemplate'>) }));
      return { status: 200, body: toTemplateDto(template) };
    }),
  );
  router.delete(
    '/v1/message-templates/:templateId',
    endpoints.tenant(send, async (req, actor) => {
      const { templateId } = req.params as PathOf<'deleteMessageTemplate'>;
      unwrap(await deps.templates.remove.execute({ actor, templateId }));
      return { status: 204 };
    }),
  );
  router.get(
    '/v1/messages',
    endpoints.tenant(read, async (req, actor) => {
      const query = req.query as QueryOf<'listMessages'>;
      const page = query.page ?? 1;
      const pageSize = query.pageSize ?? 50;
      const result = await deps.list.execute({ tenantId: actor.tenantId, page, pageSize });
      return { status: 200, body: { items: result.items.map(toMessageDto), total: result.total, page, pageSize } };
    }),
  );
  router.post(
    '/v1/messages/reach',
    endpoints.tenant(send, async (req, actor) => {
      const body = req.body as RequestBody<'previewMessageReach'>;
      const reach = unwrap(await deps.reach.execute({ tenantId: actor.tenantId, audience: { everyone: body.everyone ?? false, groupIds: body.groupIds ?? [], userIds: body.userIds ?? [] } }));
      return { status: 200, body: reach };
    }),
  );
  router.get(
    '/v1/messages/:messageId',
    endpoints.tenant(read, async (req, actor) => {
      const { messageId } = req.params as PathOf<'getMessage'>;
      return { status: 200, body: statsDto(unwrap(await deps.stats.execute({ tenantId: actor.tenantId, messageId }))) };
    }),
  );
  router.post(
    '/v1/messages/:messageId/close',
    endpoints.tenant(send, async (req, actor) => {
      const { messageId } = req.params as PathOf<'closeCallUp'>;
      return { status: 200, body: toMessageDto(unwrap(await deps.close.execute({ tenantId: actor.tenantId, messageId }))) };
    }),
  );
  router.post(
    '/v1/messages/:messageId/cancel',
    endpoints.tenant(send, async (req, actor) => {
      const { messageId } = req.params as PathOf<'cancelMessage'>;
      return { status: 200, body: toMessageDto(unwrap(await deps.cancel.execute({ tenantId: actor.tenantId, messageId }))) };
    }),
  );
  router.get(
    '/v1/messages/:messageId/responses',
    endpoints.tenant(read, async (req, actor) => {
      const { messageId } = req.params as PathOf<'listMessageResponses'>;
      const query = req.query as QueryOf<'listMessageResponses'>;
      const page = query.page ?? 1;
      const pageSize = query.pageSize ?? 50;
      const result = unwrap(await deps.responses.execute({ actor, messageId, page, pageSize, ...(query.answer ? { answer: query.answer } : {}), ...(query.unanswered ? { unanswered: true } : {}) }));
      return {
        status: 200,
        body: {
          total: result.total,
          page,
          pageSize,
          items: result.items.map((row) => ({ userId: row.userId, name: row.name, wave: row.wave, delivered: row.delivered, devices: row.devices, channels: row.channels.map((c) => ({ channel: c.channel as 'sms', status: c.status as 'sent', reason: c.reason, at: c.at.toISOString() })), answeredVia: row.answeredVia, readAt: iso(row.readAt), answer: row.answer, answeredAt: iso(row.answeredAt) })),
        },
      };
    }),
  );
  router.get(
    '/v1/messages/:messageId/stats/stream',
    endpoints.tenantStream(read, async (req, actor) => {
      const { messageId } = req.params as PathOf<'streamMessageStats'>;
      const query = req.query as QueryOf<'streamMessageStats'>;
      const first = unwrap(await deps.stats.execute({ tenantId: actor.tenantId, messageId }));
      const stream = new PassThrough();
      // A frame when anything changed: the counts, or the call-up's state, progress or waves.
      let last = JSON.stringify(statsDto(first));
      stream.write(`event: stats\ndata: ${last}\n\n`);
      const ends = Date.now() + (query.seconds ?? 300) * 1000;
      const timer = setInterval(() => {
        if (Date.now() >= ends) return stop();
        // Each tick reads PostgreSQL in a transaction of its own, so every api process streams the same truth.
        deps
          .inTenant(actor.tenantId, () => deps.stats.execute({ tenantId: actor.tenantId, messageId }))
          .then((result) => {
            if (!result.ok || stream.destroyed) return;
            const now = JSON.stringify(statsDto(result.value));
            if (now !== last) {
              last = now;
              stream.write(`event: stats\ndata: ${now}\n\n`);
            } else stream.write(': keep-alive\n\n');
          })
          .catch(() => stop());
      }, deps.statsIntervalMs);
      const stop = (): void => {
        clearInterval(timer);
        if (!stream.writableEnded) stream.end();
      };
      // The stream closes when the client goes (the pipeline destroys it); the socket outlives the
      // request on a kept-alive connection, so a listener there would stay behind after every stream.
      stream.once('close', stop);
      return { stream, headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' } };
    }),
  );

  // The provider's delivery reports: no principal, the secret in the URL's path given to the
  // provider is the credential (CM.com posts to a configured URL and sends no header of ours); a
  // wrong one answers exactly like a missing endpoint.
  router.post('/v1/callbacks/sms/:secret', (req, res, next) => {
    const secret = deps.smsCallbackSecret;
    if (!secret || !sameSecret(req.params.secret, secret)) return next(new NotFound('Callback'));
    deps.smsFallback.report(req.body).then(
      (matched) => (matched === null ? next(new InvalidDeliveryReport()) : res.status(204).end()),
      (error: unknown) => next(error),
    );
  });

  router.get(
    '/v1/me/inbox',
    endpoints.person(inbox, async (req, actor) => {
      const query = req.query as QueryOf<'listInbox'>;
      const page = query.page ?? 1;
      const pageSize = query.pageSize ?? 20;
      const result = await deps.inbox.execute({ actor, page, pageSize });
      return { status: 200, body: { items: result.items.map(toInboxDto), total: result.total, unread: result.unread, page, pageSize } };
    }),
  );
  router.get(
    '/v1/me/inbox/:messageId',
    endpoints.person(inbox, async (req, actor) => {
      const { messageId } = req.params as PathOf<'getInboxMessage'>;
      return { status: 200, body: toInboxDto(unwrap(await deps.inboxMessage.execute({ actor, messageId }))) };
    }),
  );
  router.post(
    '/v1/me/inbox/:messageId/read',
    endpoints.person(inbox, async (req, actor) => {
      const { messageId } = req.params as PathOf<'markMessageRead'>;
      unwrap(await deps.markRead.execute({ actor, messageId }));
      return { status: 204 };
    }),
  );
  router.put(
    '/v1/me/inbox/:messageId/answer',
    endpoints.person(inbox, async (req, actor) => {
      const { messageId } = req.params as PathOf<'answerCallUp'>;
      const body = req.body as RequestBody<'answerCallUp'>;
      const answered = unwrap(
        await deps.answer.execute({ actor, messageId, option: body.option, clientId: body.clientId ?? null, observedAt: body.observedAt ? new Date(body.observedAt) : null }),
      );
      return { status: 200, body: answered };
    }),
  );

  router.get(
    '/v1/me/devices',
    endpoints.person(devices, async (_req, actor) => ({ status: 200, body: { items: (await deps.listDevices.execute({ actor })).map(toDeviceDto) } })),
  );
  router.post(
    '/v1/me/devices',
    endpoints.person(devices, async (req, actor) => {
      const body = req.body as RequestBody<'registerDevice'>;
      const device = unwrap(await deps.registerDevice.execute({ actor, platform: body.platform, token: body.token, appVersion: body.appVersion }));
      return { status: 201, body: toDeviceDto(device), headers: { location: `/v1/me/devices/${device.id}` } };
    }),
  );
  router.delete(
    '/v1/me/devices/:deviceId',
    endpoints.person(devices, async (req, actor) => {
      const { deviceId } = req.params as PathOf<'unregisterDevice'>;
      unwrap(await deps.unregisterDevice.execute({ actor, deviceId }));
      return { status: 204 };
    }),
  );
  router.get(
    '/v1/settings/app-versions',
    endpoints.tenant({ permission: 'tenant.read' }, async (_req, actor) => ({ status: 200, body: await deps.getMinimums.execute({ tenantId: actor.tenantId }) })),
  );
  router.put(
    '/v1/settings/app-versions',
    endpoints.tenant({ permission: 'tenant.settings.write' }, async (req, actor) => {
      const body = req.body as RequestBody<'setAppVersionMinimums'>;
      const minimums = unwrap(await deps.setMinimums.execute({ tenantId: actor.tenantId, minimums: body }));
      deps.checkVersion.forget(actor.tenantId);
      return { status: 200, body: minimums };
    }),
  );
  return router;
}
