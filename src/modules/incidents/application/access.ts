import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import type { Incident, IncidentMember } from '../domain/incident.js';
import { type IncidentClosed, type InvalidIncidentInput, NotLinked } from '../domain/incident.errors.js';
import { IncidentSetup } from '../domain/setup.js';
import type { Actor, ApiKeyActor, UserActor } from '../../../platform/auth/actor.js';
import type { IncidentsDeps } from './deps.js';

/** incidents.coordinate: sees and runs every incident of the tenant. */
export const coordinates = (actor: Pick<Actor, 'permissions'>): boolean => actor.permissions.has('incidents.coordinate');
/** incidents.activate: may activate whatever the tenant's setting for members. */
export const activates = (actor: Pick<Actor, 'permissions'>): boolean => actor.permissions.has('incidents.activate');

/** Who looks at an incident: an actor, or (for a file's access check) a user known only by id. */
export type Viewer = Pick<UserActor, 'tenantId' | 'actorType' | 'userId' | 'permissions'> | Pick<ApiKeyActor, 'tenantId' | 'actorType' | 'userId' | 'permissions'>;

/** Coordinators and integrations: they see every incident of their tenant and all of its log. */
export const privilegedViewer = (viewer: Pick<Viewer, 'actorType' | 'permissions'>): boolean => coordinates(viewer) || viewer.actorType === 'api_key';

/** Why a participant's contribution (a log entry, chat message, action or picture version) is refused. */
export type ContributionRefused = NotFound | NotLinked | IncidentClosed | InvalidIncidentInput;

/**
 * What the app sends with a post made while it may be offline: its own id for the post, so a retry
 * gets the first result, and when the thing was seen (the post may reach us much later).
 */
export interface OfflinePost {
  clientId?: string | null;
  observedAt?: Date | null;
}

export interface IncidentView {
  incident: Incident;
  setup: IncidentSetup;
  /** The caller's own membership, when they are an active member. */
  member: IncidentMember | null;
  /** Sees every entry: coordinators, integrations, and everyone where the tenant shows members all entries. */
  seesAll: boolean;
}

export async function setupOf(d: Pick<IncidentsDeps, 'setups' | 'clock'>, tenantId: string): Promise<IncidentSetup> {
  return (await d.setups.of(tenantId)) ?? IncidentSetup.initial(tenantId, d.clock.now());
}

/**
 * The incident as this caller may see it. Coordinators and integrations see every incident of
 * their tenant; anyone else only incidents they are an active member of — to others it does not
 * exist (404, exactly like an id of another tenant).
 */
export async function viewIncident(
  d: Pick<IncidentsDeps, 'incidents' | 'clock'>,
  actor: Viewer,
  incidentId: string,
  options: { readOnly?: boolean } = {},
): Promise<Result<IncidentView, NotFound>> {
  const found = await d.incidents.withViewer(actor.tenantId, incidentId, actor.userId, options);
  if (!found) return fail(new NotFound('Incident'));
  const { incident } = found;
  const member = found.member?.isActive() ? found.member : null;
  const privileged = privilegedViewer(actor);
  if (!privileged && !member) return fail(new NotFound('Incident'));
  const setup = found.setup ?? IncidentSetup.initial(actor.tenantId, d.clock.now());
  return ok({ incident, setup, member, seesAll: privileged || setup.memberVisibility === 'all' });
}

/**
 * For writes: the caller must be a user who is linked to the incident, or who coordinates.
 * `readOnly` for a write that changes none of what the view is made of (a post to the log).
 */
export async function participate(
  d: Pick<IncidentsDeps, 'incidents' | 'clock'>,
  actor: Actor,
  incidentId: string,
  options: { readOnly?: boolean } = {},
): Promise<Result<IncidentView & { userId: string }, NotFound | NotLinked>> {
  const view = await viewIncident(d, actor, incidentId, options);
  if (!view.ok) return view;
  if (actor.actorType !== 'user' || (!view.value.member && !coordinates(actor))) return fail(new NotLinked());
  return ok({ ...view.value, userId: actor.userId });
}

/** An incident that can still be worked on: a closed one's log, team and actions are frozen. */
function stillOpen<V extends IncidentView, E>(view: Result<V, E>): Result<V, E | IncidentClosed> {
  if (!view.ok) return view;
  const open = view.value.incident.assertOpen();
  return open.ok ? view : open;
}

export async function viewOpenIncident(d: Pick<IncidentsDeps, 'incidents' | 'clock'>, actor: Viewer, incidentId: string): Promise<Result<IncidentView, NotFound | IncidentClosed>> {
  return stillOpen(await viewIncident(d, actor, incidentId));
}

export async function participateInOpen(d: Pick<IncidentsDeps, 'incidents' | 'clock'>, actor: Actor, incidentId: string): Promise<Result<IncidentView & { userId: string }, NotFound | NotLinked | IncidentClosed>> {
  return stillOpen(await participate(d, actor, incidentId));
}

export async function nameOf(d: Pick<IncidentsDeps, 'people'>, tenantId: string, userId: string): Promise<string> {
  return (await d.people.names(tenantId, [userId])).get(userId) ?? 'Onbekend';
}
