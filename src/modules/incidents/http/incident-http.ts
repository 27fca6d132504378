import type { Actor } from '../../../platform/auth/actor.js';
import type { DomainError } from '../../../platform/domain/errors.js';
import type { Result } from '../../../platform/domain/result.js';
import type { components, QueryOf } from '../../../platform/http/contract.js';
import { unwrap, type Endpoints, type Reply } from '../../../platform/http/endpoint.js';
import { ok } from '../../../platform/http/operations.js';
import type { Clock } from '../../../platform/domain/clock.js';
import type { Logger } from '../../../platform/logging/logger.js';
import type { CreateIncidentAction, ListIncidentActions, UpdateIncidentAction } from '../application/actions.js';
import type { ActivateIncident, ChangeIncidentStatus, GetIncident, ListIncidents, PreviewIncidentReach } from '../application/incidents.js';
import type { ChatFeed, ListChatMessages, PostChatMessage, PromoteChatMessage } from '../application/chat.js';
import type {
  FeedFilter,
  GetSituationOverview,
  ListLogEntries,
  LiveFeed,
  MarkLogEntry,
  PostLogEntry,
  VerifyLogChain,
} from '../application/log.js';
import type { UploadIncidentMedia } from '../application/media.js';
import type { BuildIncidentReport } from '../application/report.js';
import type { GetIncidentSetup, UpdateIncidentSetup } from '../application/setup.js';
import type { ChangeMemberRole, LinkParticipants, Links, RemoveIncidentMember, RemoveIncidentTeam } from '../application/team.js';
import type { IncidentLocation } from '../domain/incident.js';

/** The use cases behind the incident routers; each router takes the part it serves. */
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
  upload: UploadIncidentMedia;
  /** Keep-alive and re-read interval of live feeds. */
  heartbeatMs: number;
}

export const date = (value: string | null | undefined): Date | null | undefined =>
  value === undefined ? undefined : value === null ? null : new Date(value);

/**
 * A handler for a use case that needs only the incident of the path: it answers 200 with the
 * use case's value as `reply` maps it.
 */
export function onIncident<T>(
  useCase: { execute(query: { actor: Actor; incidentId: string }): Promise<Result<T, DomainError>> },
  reply: (value: T) => unknown,
): (input: { path: { incidentId: string } }, actor: Actor) => Promise<Reply> {
  return async ({ path }, actor) => ok(reply(unwrap(await useCase.execute({ actor, incidentId: path.incidentId }))));
}


/**
 * The answer to a post a device may send again (its clientId): 201 for the first, 200 with the
 * same body for a retry that found it.
 */
export function posted<T extends { replayed: boolean }>(result: Result<T, DomainError>, reply: (value: T) => unknown): Reply {
  const value = unwrap(result);
  return value.replayed ? ok(reply(value)) : { status: 201, body: reply(value) };
}

/** What a device adds to a post made offline: its own id for retries, and its clock's time. */
export function deviceStamp(body: { clientId?: string; observedAt?: string }): { clientId: string | null; observedAt: Date | null } {
  return { clientId: body.clientId ?? null, observedAt: date(body.observedAt) ?? null };
}

/** A post to the log or the chat: its text, the photos already uploaded for it, and the device's stamp. */
export function postOf(body: { text: string; mediaIds?: string[]; clientId?: string; observedAt?: string }): { text: string; mediaIds: string[]; clientId: string | null; observedAt: Date | null } {
  return { text: body.text, mediaIds: body.mediaIds ?? [], ...deviceStamp(body) };
}

/** The teams and people a request links to an incident (or would reach): none unless listed. */
export function linksOf(body: { teams?: Links['teams']; users?: Links['users'] }): Links {
  return { teams: body.teams ?? [], users: body.users ?? [] };
}

/** Where an incident happens, as activation gives it: a standard location of the setup, or an address or point. */
export function locationOf(input: components['schemas']['IncidentLocationInput'] | null | undefined): IncidentLocation | null {
  return input
    ? { standardKey: input.standardKey ?? null, name: null, address: input.address ?? null, latitude: input.latitude ?? null, longitude: input.longitude ?? null }
    : null;
}

/** The log's filters, shared by GET /entries and the live stream. */
export function logFilterOf(q: QueryOf<'listLogEntries'> | QueryOf<'streamIncidentLog'>): FeedFilter {
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
