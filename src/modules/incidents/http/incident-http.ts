import type { Request } from 'express';
import type { QueryOf } from '../../../platform/http/contract.js';
import type { Endpoints } from '../../../platform/http/endpoint.js';
import { InvalidRequest } from '../../../platform/http/invalid-request.js';
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
import type { ChangeMemberRole, LinkParticipants, RemoveIncidentMember, RemoveIncidentTeam } from '../application/team.js';

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

/** The highest change number (a PostgreSQL integer). */
const MAX_CHANGE = 2_147_483_647;

export const incidentIdOf = (req: Request): string => (req.params as { incidentId: string }).incidentId;

export const date = (value: string | null | undefined): Date | null | undefined =>
  value === undefined ? undefined : value === null ? null : new Date(value);

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

/** Where a live stream starts: the client's Last-Event-ID, else `?after=`, else the beginning. */
export function lastEventId(req: Request, after: number | undefined): number {
  const header = req.get('last-event-id');
  // The contract checks digits and length; a change number beyond a PostgreSQL integer is a 400 too, never a 500.
  if (header !== undefined && !(/^[0-9]{1,10}$/.test(header) && Number(header) <= MAX_CHANGE)) {
    throw new InvalidRequest('headers', 'Last-Event-ID', `must be digits only, at most ${MAX_CHANGE}`);
  }
  return header !== undefined ? Number(header) : (after ?? 0);
}

export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
  connection: 'keep-alive',
};
