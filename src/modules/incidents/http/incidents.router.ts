import { Router, type Request } from 'express';
import { PassThrough, Readable } from 'node:stream';
import type { components, PathOf, QueryOf, RequestBody } from '../../../platform/http/contract.js';
import { unwrap, type Endpoints } from '../../../platform/http/endpoint.js';
import type { Clock } from '../../../platform/domain/clock.js';
import type { Logger } from '../../../platform/logging/logger.js';
import type { UploadMedia } from '../../content/application/media.js';
import type { CreateIncidentAction, ListIncidentActions, UpdateIncidentAction } from '../application/actions.js';
import type { ActivateIncident, ChangeIncidentStatus, GetIncident, ListIncidents, PreviewIncidentReach } from '../application/incidents.js';
import type { ChatFeed, ListChatMessages, PostChatMessage, PromoteChatMessage } from '../application/chat.js';
import type { FeedFilter, GetSituationOverview, ListLogEntries, LiveFeed, MarkLogEntry, PostLogEntry, VerifyLogChain } from '../application/log.js';
import { InvalidIncidentInput } from '../domain/incident.errors.js';
import type { MayUploadForIncident } from '../application/media.js';
import type { BuildIncidentReport } from '../application/report.js';
import type { GetIncidentSetup, UpdateIncidentSetup } from '../application/setup.js';
import type { ChangeMemberRole, LinkParticipants, RemoveIncidentMember, RemoveIncidentTeam } from '../application/team.js';
import { toActionDto, toChatDto, toDetailDto, toEntryDto, toIncidentDto, toMemberDto, toSetupDto } from './incident.dto.js';
import { chatStream, feedStream } from './live-feed.stream.js';

export interface IncidentsHttpDeps {
  endpoints: Endpoints;
  clock: Clock;
  logger: Logger;
  getSetup: GetIncidentSetup;
  updateSetup: UpdateIncidentSetup;
  activate: ActivateIncident;
  previewReach: PreviewIncidentReach;
  list: ListIncidents;
  get: GetIncident;
  close: ChangeIncidentStatus;
  reopen: ChangeIncidentStatus;
  archive: ChangeIncidentStatus;
  link: LinkParticipants;
  removeTeam: RemoveIncidentTeam;
  removeMember: RemoveIncidentMember;
  changeRole: ChangeMemberRole;
  post: PostLogEntry;
  entries: ListLogEntries;
  overview: GetSituationOverview;
  mark: MarkLogEntry;
  verify: VerifyLogChain;
  feed: LiveFeed;
  createAction: CreateIncidentAction;
  updateAction: UpdateIncidentAction;
  actions: ListIncidentActions;
  report: BuildIncidentReport;
  postChat: PostChatMessage;
  chat: ListChatMessages;
  chatFeed: ChatFeed;
  promoteChat: PromoteChatMessage;
  mayUpload: MayUploadForIncident;
  upload: UploadMedia;
  /** Keep-alive and re-read interval of live feeds. */
  heartbeatMs: number;
}

/** The highest change number (a PostgreSQL integer). */
const MAX_CHANGE = 2_147_483_647;

/** The log's filters, shared by GET /entries and the live stream. */
function logFilterOf(q: QueryOf<'listLogEntries'> | QueryOf<'streamIncidentLog'>): FeedFilter {
  return {
    ...(q.teamId ? { teamId: q.teamId } : {}),
    ...(q.authorId ? { authorId: q.authorId } : {}),
    ...(q.classification ? { classification: q.classification } : {}),
    ...(q.label ? { label: q.label } : {}),
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.important !== undefined ? { important: q.important } : {}),
    ...(q.from ? { from: new Date(q.from) } : {}),
    ...(q.to ? { to: new Date(q.to) } : {}),
  };
}

/** Where a live stream starts: the client's Last-Event-ID, else `?after=`, else the beginning. */
function lastEventId(req: Request, after: number | undefined): number {
  const header = req.get('last-event-id');
  // Digits only and within a change number's range (PostgreSQL integer): anything else is a 400, never a 500.
  if (header !== undefined && !(/^[0-9]{1,10}$/.test(header) && Number(header) <= MAX_CHANGE)) throw new InvalidIncidentInput('Last-Event-ID', `must be digits only, at most ${MAX_CHANGE}`);
  return header !== undefined ? Number(header) : (after ?? 0);
}

const SSE_HEADERS = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no', connection: 'keep-alive' };

const date = (value: string | null | undefined): Date | null | undefined => (value === undefined ? undefined : value === null ? null : new Date(value));

export function incidentsRouter(deps: IncidentsHttpDeps): Router {
  const router = Router();
  const e = deps.endpoints;
  const incidentIdOf = (req: Request) => (req.params as { incidentId: string }).incidentId;

  router.get('/v1/incident-setup', e.tenant({ permission: 'incidents.read' }, async (_req, actor) => ({ status: 200, body: toSetupDto(await deps.getSetup.execute({ tenantId: actor.tenantId })) })));
  router.put(
    '/v1/incident-setup',
    e.tenant({ permission: 'incidents.setup' }, async (req, actor) => {
      const body = req.body as RequestBody<'updateIncidentSetup'>;
      const { situationPictureTemplates: pictures, ...rest } = body;
      const lists = {
        ...rest,
        locations: body.locations.map((l) => ({ key: l.key, name: l.name, address: l.address ?? null, latitude: l.latitude ?? null, longitude: l.longitude ?? null })),
        ...(pictures ? { situationPictureTemplates: pictures.map((t) => ({ key: t.key, name: t.name, sections: t.sections.map((x) => ({ key: x.key, title: x.title, guidance: x.guidance ?? null })) })) } : {}),
      };
      return { status: 200, body: toSetupDto(unwrap(await deps.updateSetup.execute({ actor, lists }))) };
    }),
  );

  router.get(
    '/v1/incidents',
    e.tenant({ permission: 'incidents.read' }, async (req, actor) => {
      const { status } = req.query as QueryOf<'listIncidents'>;
      const items = await deps.list.execute({ actor, ...(status ? { status } : {}) });
      return { status: 200, body: { items: items.map(toIncidentDto) } };
    }),
  );
  router.post(
    '/v1/incidents',
    e.tenant({ permission: 'incidents.participate' }, async (req, actor) => {
      const body = req.body as RequestBody<'activateIncident'>;
      const location = body.location
        ? { standardKey: body.location.standardKey ?? null, name: null, address: body.location.address ?? null, latitude: body.location.latitude ?? null, longitude: body.location.longitude ?? null }
        : null;
      const detail = unwrap(
        await deps.activate.execute({
          actor,
          details: { title: body.title, typeKey: body.type, severity: body.severity, description: body.description ?? null, location, exercise: body.exercise ?? false },
          links: { teams: body.teams ?? [], users: body.users ?? [] },
        }),
      );
      return { status: 201, body: { ...toDetailDto(detail), notified: detail.notified }, headers: { location: `/v1/incidents/${detail.incident.id}` } };
    }),
  );
  router.post(
    '/v1/incidents/reach',
    e.tenant({ permission: 'incidents.participate' }, async (req, actor) => {
      const body = req.body as RequestBody<'previewIncidentReach'>;
      const reach = unwrap(await deps.previewReach.execute({ actor, links: { teams: body.teams ?? [], users: body.users ?? [] } }));
      return { status: 200, body: reach };
    }),
  );
  router.get('/v1/incidents/:incidentId', e.tenant({ permission: 'incidents.read' }, async (req, actor) => ({ status: 200, body: toDetailDto(unwrap(await deps.get.execute({ actor, incidentId: incidentIdOf(req) }))) })));
  for (const [path, permission, useCase] of [
    ['close', 'incidents.coordinate', deps.close],
    ['reopen', 'incidents.admin', deps.reopen],
    ['archive', 'incidents.admin', deps.archive],
  ] as const) {
    router.post(`/v1/incidents/:incidentId/${path}`, e.tenant({ permission }, async (req, actor) => ({ status: 200, body: toIncidentDto(unwrap(await useCase.execute({ actor, incidentId: incidentIdOf(req) }))) })));
  }

  router.post(
    '/v1/incidents/:incidentId/participants',
    e.tenant({ permission: 'incidents.coordinate' }, async (req, actor) => {
      const body = req.body as RequestBody<'linkIncidentParticipants'>;
      const linked = unwrap(await deps.link.execute({ actor, incidentId: incidentIdOf(req), links: { teams: body.teams ?? [], users: body.users ?? [] } }));
      return { status: 200, body: linked };
    }),
  );
  router.delete(
    '/v1/incidents/:incidentId/teams/:groupId',
    e.tenant({ permission: 'incidents.coordinate' }, async (req, actor) => {
      const { incidentId, groupId } = req.params as PathOf<'removeIncidentTeam'>;
      unwrap(await deps.removeTeam.execute({ actor, incidentId, groupId }));
      return { status: 204 };
    }),
  );
  router.put(
    '/v1/incidents/:incidentId/members/:userId',
    e.tenant({ permission: 'incidents.coordinate' }, async (req, actor) => {
      const { incidentId, userId } = req.params as PathOf<'changeIncidentMemberRole'>;
      const { role } = req.body as RequestBody<'changeIncidentMemberRole'>;
      return { status: 200, body: toMemberDto(unwrap(await deps.changeRole.execute({ actor, incidentId, userId, role }))) };
    }),
  );
  router.delete(
    '/v1/incidents/:incidentId/members/:userId',
    e.tenant({ permission: 'incidents.coordinate' }, async (req, actor) => {
      const { incidentId, userId } = req.params as PathOf<'removeIncidentMember'>;
      unwrap(await deps.removeMember.execute({ actor, incidentId, userId }));
      return { status: 204 };
    }),
  );

  router.post(
    '/v1/incidents/:incidentId/media',
    e.tenant({ permission: 'incidents.participate' }, async (req, actor) => {
      if (!req.upload) throw new Error('upload missing after contract validation');
      unwrap(await deps.mayUpload.execute({ actor, incidentId: incidentIdOf(req) }));
      const media = unwrap(await deps.upload.execute({ actor, upload: req.upload }));
      return { status: 201, body: { id: media.id, kind: media.kind, mimeType: media.mimeType, size: media.size, originalName: media.originalName } };
    }),
  );

  router.get(
    '/v1/incidents/:incidentId/entries',
    e.tenant({ permission: 'incidents.read' }, async (req, actor) => {
      const q = req.query as QueryOf<'listLogEntries'>;
      const filter = {
        ...logFilterOf(q),
        ...(q.after !== undefined ? { after: q.after } : {}),
        ...(q.limit !== undefined ? { limit: q.limit } : {}),
      };
      const entries = unwrap(await deps.entries.execute({ actor, incidentId: incidentIdOf(req), filter }));
      return { status: 200, body: { items: entries.map(toEntryDto) } };
    }),
  );
  router.post(
    '/v1/incidents/:incidentId/entries',
    e.tenant({ permission: 'incidents.participate' }, async (req, actor) => {
      const body = req.body as RequestBody<'postLogEntry'>;
      const { entry, replayed } = unwrap(
        await deps.post.execute({
          actor,
          incidentId: incidentIdOf(req),
          text: body.text,
          mediaIds: body.mediaIds ?? [],
          classification: body.classification ?? null,
          labels: body.labels ?? [],
          correctsId: body.correctsId ?? null,
          clientId: body.clientId ?? null,
          observedAt: date(body.observedAt) ?? null,
        }),
      );
      return { status: replayed ? 200 : 201, body: toEntryDto(entry) };
    }),
  );
  router.put(
    '/v1/incidents/:incidentId/entries/:entryId/highlight',
    e.tenant({ permission: 'incidents.coordinate' }, async (req, actor) => {
      const { incidentId, entryId } = req.params as PathOf<'markLogEntry'>;
      const body = req.body as RequestBody<'markLogEntry'>;
      return { status: 200, body: toEntryDto(unwrap(await deps.mark.execute({ actor, incidentId, entryId, important: body.important, summary: body.summary ?? null }))) };
    }),
  );
  router.get(
    '/v1/incidents/:incidentId/overview',
    e.tenant({ permission: 'incidents.read' }, async (req, actor) => ({ status: 200, body: { items: unwrap(await deps.overview.execute({ actor, incidentId: incidentIdOf(req) })).map(toEntryDto) } })),
  );
  router.get(
    '/v1/incidents/:incidentId/log/verification',
    e.tenant({ permission: 'incidents.read' }, async (req, actor) => {
      const v = unwrap(await deps.verify.execute({ actor, incidentId: incidentIdOf(req) }));
      return { status: 200, body: { ...v, checkedAt: v.checkedAt.toISOString() } };
    }),
  );
  router.get(
    '/v1/incidents/:incidentId/stream',
    e.tenantStream({ permission: 'incidents.read' }, async (req, actor) => {
      const q = req.query as QueryOf<'streamIncidentLog'>;
      const after = lastEventId(req, q.after);
      const subscription = unwrap(await deps.feed.open({ actor, incidentId: incidentIdOf(req), view: q.view ?? 'feed', filter: logFilterOf(q) }));
      const stream = new PassThrough();
      feedStream({ feed: deps.feed, subscription, after, follow: q.follow ?? true, out: stream, logger: deps.logger, heartbeatMs: deps.heartbeatMs });
      return { stream, headers: SSE_HEADERS };
    }),
  );

  router.get(
    '/v1/incidents/:incidentId/chat',
    e.tenant({ permission: 'incidents.read' }, async (req, actor) => {
      const q = req.query as QueryOf<'listChatMessages'>;
      const messages = unwrap(await deps.chat.execute({ actor, incidentId: incidentIdOf(req), ...(q.after !== undefined ? { after: q.after } : {}), ...(q.limit !== undefined ? { limit: q.limit } : {}) }));
      return { status: 200, body: { items: messages.map(toChatDto) } };
    }),
  );
  router.post(
    '/v1/incidents/:incidentId/chat',
    e.tenant({ permission: 'incidents.participate' }, async (req, actor) => {
      const body = req.body as RequestBody<'postChatMessage'>;
      const { message, replayed } = unwrap(
        await deps.postChat.execute({ actor, incidentId: incidentIdOf(req), text: body.text, mediaIds: body.mediaIds ?? [], clientId: body.clientId ?? null, observedAt: date(body.observedAt) ?? null }),
      );
      return { status: replayed ? 200 : 201, body: toChatDto(message) };
    }),
  );
  router.get(
    '/v1/incidents/:incidentId/chat/stream',
    e.tenantStream({ permission: 'incidents.read' }, async (req, actor) => {
      const q = req.query as QueryOf<'streamIncidentChat'>;
      const after = lastEventId(req, q.after);
      const subscription = unwrap(await deps.chatFeed.open({ actor, incidentId: incidentIdOf(req) }));
      const stream = new PassThrough();
      chatStream({ chat: deps.chatFeed, subscription, after, follow: q.follow ?? true, out: stream, logger: deps.logger, heartbeatMs: deps.heartbeatMs });
      return { stream, headers: SSE_HEADERS };
    }),
  );
  router.post(
    '/v1/incidents/:incidentId/chat/:messageId/promotion',
    e.tenant({ permission: 'incidents.coordinate' }, async (req, actor) => {
      const { incidentId, messageId } = req.params as PathOf<'promoteChatMessage'>;
      const body = (req.body ?? {}) as components['schemas']['ChatPromotion'];
      const { entry, replayed } = unwrap(await deps.promoteChat.execute({ actor, incidentId, messageId, classification: body.classification ?? null, labels: body.labels ?? [] }));
      return { status: replayed ? 200 : 201, body: toEntryDto(entry) };
    }),
  );

  router.get(
    '/v1/incidents/:incidentId/actions',
    e.tenant({ permission: 'incidents.read' }, async (req, actor) => {
      const q = req.query as QueryOf<'listIncidentActions'>;
      const actions = unwrap(await deps.actions.execute({ actor, incidentId: incidentIdOf(req), ...(q.filter ? { filter: q.filter } : {}), ...(q.status ? { status: q.status } : {}) }));
      const now = deps.clock.now();
      return { status: 200, body: { items: actions.map((a) => toActionDto(a, now)) } };
    }),
  );
  router.post(
    '/v1/incidents/:incidentId/actions',
    e.tenant({ permission: 'incidents.participate' }, async (req, actor) => {
      const body = req.body as RequestBody<'createIncidentAction'>;
      const { action, replayed } = unwrap(
        await deps.createAction.execute({
          actor,
          incidentId: incidentIdOf(req),
          title: body.title,
          description: body.description ?? null,
          dueAt: date(body.dueAt) ?? null,
          assignee: body.assignee ?? null,
          clientId: body.clientId ?? null,
          observedAt: date(body.observedAt) ?? null,
        }),
      );
      return { status: replayed ? 200 : 201, body: toActionDto(action, deps.clock.now()) };
    }),
  );
  router.patch(
    '/v1/incidents/:incidentId/actions/:actionId',
    e.tenant({ permission: 'incidents.participate' }, async (req, actor) => {
      const { incidentId, actionId } = req.params as PathOf<'updateIncidentAction'>;
      const body = req.body as RequestBody<'updateIncidentAction'>;
      const dueAt = date(body.dueAt);
      const action = unwrap(
        await deps.updateAction.execute({
          actor,
          incidentId,
          actionId,
          ...(body.status ? { status: body.status } : {}),
          ...(dueAt !== undefined ? { dueAt } : {}),
          ...(body.assignee ? { assignee: body.assignee } : {}),
        }),
      );
      return { status: 200, body: toActionDto(action, deps.clock.now()) };
    }),
  );

  router.get(
    '/v1/incidents/:incidentId/report',
    e.tenantStream({ permission: 'incidents.coordinate' }, async (req, actor): Promise<{ stream: Readable; headers: Record<string, string> }> => {
      const { format } = req.query as QueryOf<'getIncidentReport'>;
      const report = unwrap(await deps.report.execute({ actor, incidentId: incidentIdOf(req) }));
      const pdf = format === 'pdf' || (format === undefined && req.accepts(['application/json', 'application/pdf']) === 'application/pdf');
      if (pdf) {
        const logo = await deps.report.logo(actor.tenantId);
        // Drawn only once the stream is read, which is after the transaction has ended: no
        // database connection is held while the PDF is made.
        let drawing = false;
        const stream = new Readable({
          read() {
            if (drawing) return;
            drawing = true;
            deps.report.pdf(report, logo).then(
              (bytes) => {
                this.push(bytes);
                this.push(null);
              },
              (error: Error) => this.destroy(error),
            );
          },
        });
        return { stream, headers: { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="incidentrapport-${report.incident.id}.pdf"`, 'cache-control': 'private, no-store' } };
      }
      return { stream: Readable.from([JSON.stringify(report)]), headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'private, no-store' } };
    }),
  );
  return router;
}
