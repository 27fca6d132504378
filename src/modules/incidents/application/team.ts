import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { NotFound } from '../../../platform/domain/errors.js';
import { IncidentMember, IncidentTeam, type Incident } from '../domain/incident.js';
import { InvalidIncidentInput, type IncidentClosed } from '../domain/incident.errors.js';
import { allowedKeys, type IncidentSetup } from '../domain/setup.js';
import { viewOpenIncident } from './access.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { IncidentsDeps } from './deps.js';
import { tellIncidentPeople } from './notices.js';
import { auditEntry, type AuditFact } from '../../../platform/audit/audit-entry.js';

/** What people linked are told: a text, or a message template's text filled in (then sent from that template). */
export interface Notice {
  title: string;
  body: string;
  messageTemplateId?: string;
  placeholders?: Record<string, string>;
}

export interface Links {
  teams: Array<{ groupId: string; role?: string | undefined }>;
  users: Array<{ userId: string; role?: string | undefined }>;
}

/** Links checked against the set-up and the organisation: each with its incident role and the name to keep. */
interface CheckedLinks {
  teams: Array<{ groupId: string; name: string; role: string; members: Array<{ id: string; name: string }> }>;
  users: Array<{ userId: string; name: string; role: string }>;
}

/**
 * Checks links before anyone is linked: roles the set-up knows (its default when none is given),
 * groups of the organisation with their members now, and active users; the first wrong one fails.
 */
async function checkLinks(d: Pick<IncidentsDeps, 'people'>, tenantId: string, setup: IncidentSetup, links: Links): Promise<Result<CheckedLinks, InvalidIncidentInput>> {
  const roleOf = (role: string | undefined, field: string): Result<string, InvalidIncidentInput> =>
    role === undefined ? ok(setup.defaultRole()) : setup.hasRole(role) ? ok(role) : fail(new InvalidIncidentInput(field, `'${role}' is not one of the organisation's incident roles (${allowedKeys(setup.roles)})`));
  const checked: CheckedLinks = { teams: [], users: [] };
  for (const [index, link] of links.teams.entries()) {
    const role = roleOf(link.role, `teams/${index}/role`);
    if (!role.ok) return role;
    const name = await d.people.groupName(tenantId, link.groupId);
    if (name === null) return fail(new InvalidIncidentInput(`teams/${index}/groupId`, 'is not a group of this organisation'));
    checked.teams.push({ groupId: link.groupId, name, role: role.value, members: await d.people.membersOf(tenantId, link.groupId) });
  }
  const names = await d.people.names(tenantId, links.users.map((u) => u.userId));
  for (const [index, link] of links.users.entries()) {
    const role = roleOf(link.role, `users/${index}/role`);
    if (!role.ok) return role;
    const name = names.get(link.userId);
    if (name === undefined) return fail(new InvalidIncidentInput(`users/${index}/userId`, 'is not an active user of this organisation'));
    checked.users.push({ userId: link.userId, name, role: role.value });
  }
  return ok(checked);
}

/**
 * Links teams (groups: their members now) and individual users to an incident, each with an
 * incident role (the set-up's default when none is given). Those linked now — never those already
 * in — are told through the notifier, in this transaction.
 */
export async function linkPeople(
  d: Pick<IncidentsDeps, 'incidents' | 'people' | 'notifier' | 'clock'>,
  incident: Incident,
  setup: IncidentSetup,
  linkedBy: string,
  links: Links,
  notice?: Notice | null,
): Promise<Result<string[], InvalidIncidentInput>> {
  const now = d.clock.now();
  const { tenantId, id: incidentId } = incident;
  // Two requests linking the same person at once would both insert them: one waits for the other.
  await d.incidents.lockTeam(tenantId, incidentId);
  const checked = await checkLinks(d, tenantId, setup, links);
  if (!checked.ok) return checked;
  const members = new Map((await d.incidents.members(tenantId, incidentId)).map((m) => [m.userId, m]));
  const teams = new Map((await d.incidents.teams(tenantId, incidentId)).map((t) => [t.groupId, t]));
  const linked: string[] = [];
  const linkOne = (userId: string, name: string, role: string, team: { id: string; name: string } | null): void => {
    const existing = members.get(userId);
    if (existing?.isActive()) return;
    if (existing) {
      Object.assign(existing, { removedAt: null, role, teamId: team?.id ?? null, teamName: team?.name ?? null, linkedAt: now, linkedBy });
      d.incidents.save(existing);
    } else {
      const member = IncidentMember.link({ tenantId, incidentId, userId, name, teamId: team?.id ?? null, teamName: team?.name ?? null, role, linkedBy }, now);
      d.incidents.addMember(member);
      members.set(userId, member);
    }
    linked.push(userId);
  };

  for (const link of checked.value.teams) {
    const team = teams.get(link.groupId);
    if (team) {
      Object.assign(team, { removedAt: null, role: link.role });
      d.incidents.save(team);
    } else d.incidents.addTeam(IncidentTeam.link({ tenantId, incidentId, groupId: link.groupId, name: link.name, role: link.role }, now));
    for (const person of link.members) linkOne(person.id, person.name, link.role, { id: link.groupId, name: link.name });
  }
  for (const link of checked.value.users) linkOne(link.userId, link.name, link.role, null);
  const template = notice?.messageTemplateId ? { id: notice.messageTemplateId, placeholders: notice.placeholders ?? {} } : null;
  await tellIncidentPeople(d, incident, linkedBy, linked, { ...noticeFor(incident, notice), template }, incident.severity === 'major' || incident.severity === 'critical' ? 'urgent' : 'normal');
  return ok(linked);
}

/** What the people linked to an incident are told: the plan's notification, or the standard one. */
export function noticeFor(incident: Incident, notice?: Notice | null): { title: string; body: string } {
  return notice ? { title: notice.title, body: notice.body } : { title: `Incident: ${incident.title}`, body: incident.description ?? `Je bent toegevoegd aan het incident "${incident.title}". Open de log voor het actuele beeld.` };
}

export interface ReachedPerson {
  userId: string;
  name: string;
  role: string;
  teamId: string | null;
  teamName: string | null;
}

/**
 * Who linkPeople would link, in which role and through which team, for a new incident: a person
 * in two teams comes with the first, and a person also named in person keeps their team's role.
 * Reads only.
 */
export async function resolvePeople(d: Pick<IncidentsDeps, 'people'>, tenantId: string, setup: IncidentSetup, links: Links): Promise<Result<ReachedPerson[], InvalidIncidentInput>> {
  const checked = await checkLinks(d, tenantId, setup, links);
  if (!checked.ok) return checked;
  const people = new Map<string, ReachedPerson>();
  for (const link of checked.value.teams) {
    for (const person of link.members) {
      if (!people.has(person.id)) people.set(person.id, { userId: person.id, name: person.name, role: link.role, teamId: link.groupId, teamName: link.name });
    }
  }
  for (const link of checked.value.users) {
    if (!people.has(link.userId)) people.set(link.userId, { userId: link.userId, name: link.name, role: link.role, teamId: null, teamName: null });
  }
  return ok([...people.values()]);
}

export class LinkParticipants {
  constructor(private readonly d: Pick<IncidentsDeps, 'incidents' | 'people' | 'notifier' | 'clock' | 'audit'>) {}

  async execute(command: { actor: Actor; incidentId: string; links: Links }): Promise<Result<{ linked: string[] }, NotFound | IncidentClosed | InvalidIncidentInput>> {
    const { actor } = command;
    const view = await viewOpenIncident(this.d, actor, command.incidentId);
    if (!view.ok) return view;
    const linked = await linkPeople(this.d, view.value.incident, view.value.setup, actor.actorId, command.links);
    if (!linked.ok) return linked;
    this.d.audit.record(auditEntry(actor, { action: 'incident.participants_linked', subjectType: 'incident', subjectId: command.incidentId, details: { userIds: linked.value } }));
    return ok({ linked: linked.value });
  }
}

/**
 * Takes people out of an open incident from now on: `leaving` finds who goes (NotFound when nobody
 * is there to go). They stay on record, with when they left; `fact` is the audit line.
 */
async function takeOut(
  d: Pick<IncidentsDeps, 'incidents' | 'clock' | 'audit'>,
  actor: Actor,
  incidentId: string,
  leaving: () => Promise<Result<Array<IncidentTeam | IncidentMember>, NotFound>>,
  fact: AuditFact,
): Promise<Result<void, NotFound | IncidentClosed>> {
  const view = await viewOpenIncident(d, actor, incidentId);
  if (!view.ok) return view;
  const leavers = await leaving();
  if (!leavers.ok) return leavers;
  const now = d.clock.now();
  for (const leaver of leavers.value) {
    leaver.removedAt = now;
    d.incidents.save(leaver);
  }
  d.audit.record(auditEntry(actor, fact));
  return ok(undefined);
}

/** Unlinks a team, and its members who were linked through it. */
export class RemoveIncidentTeam {
  constructor(private readonly d: Pick<IncidentsDeps, 'incidents' | 'clock' | 'audit'>) {}

  execute(command: { actor: Actor; incidentId: string; groupId: string }): Promise<Result<void, NotFound | IncidentClosed>> {
    const { actor, incidentId, groupId } = command;
    const leaving = async (): Promise<Result<Array<IncidentTeam | IncidentMember>, NotFound>> => {
      const team = (await this.d.incidents.teams(actor.tenantId, incidentId)).find((t) => t.groupId === groupId && t.removedAt === null);
      if (!team) return fail(new NotFound('Incident team'));
      const linkedThroughTeam = (await this.d.incidents.members(actor.tenantId, incidentId)).filter((m) => m.teamId === groupId && m.isActive());
      return ok([team, ...linkedThroughTeam]);
    };
    return takeOut(this.d, actor, incidentId, leaving, { action: 'incident.team_removed', subjectType: 'incident', subjectId: incidentId, details: { groupId } });
  }
}

export class RemoveIncidentMember {
  constructor(private readonly d: Pick<IncidentsDeps, 'incidents' | 'clock' | 'audit'>) {}

  execute(command: { actor: Actor; incidentId: string; userId: string }): Promise<Result<void, NotFound | IncidentClosed>> {
    const { actor, incidentId, userId } = command;
    const leaving = async (): Promise<Result<IncidentMember[], NotFound>> => {
      const member = await this.d.incidents.member(actor.tenantId, incidentId, userId);
      return member?.isActive() ? ok([member]) : fail(new NotFound('Incident member'));
    };
    return takeOut(this.d, actor, incidentId, leaving, { action: 'incident.member_removed', subjectType: 'user', subjectId: userId, details: { incidentId } });
  }
}

/** A member's role within this incident, whatever their team's role. */
export class ChangeMemberRole {
  constructor(private readonly d: Pick<IncidentsDeps, 'incidents' | 'clock'>) {}

  async execute(command: { actor: Actor; incidentId: string; userId: string; role: string }): Promise<Result<IncidentMember, NotFound | IncidentClosed | InvalidIncidentInput>> {
    const { actor } = command;
    const view = await viewOpenIncident(this.d, actor, command.incidentId);
    if (!view.ok) return view;
    if (!view.value.setup.hasRole(command.role)) return fail(new InvalidIncidentInput('role', `'${command.role}' is not one of the organisation's incident roles (${allowedKeys(view.value.setup.roles)})`));
    const member = await this.d.incidents.member(actor.tenantId, command.incidentId, command.userId);
    if (!member?.isActive()) return fail(new NotFound('Incident member'));
    member.role = command.role;
    this.d.incidents.save(member);
    return ok(member);
  }
}
