import { personalDataRead } from '../../../platform/audit/personal-data-read.js';
import type { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { Incident, type IncidentDetails, type IncidentMember, type IncidentStatus, type IncidentTeam } from '../domain/incident.js';
import { ActivationNotAllowed, type IncidentStatusConflict, type InvalidIncidentInput } from '../domain/incident.errors.js';
import { activates, coordinates, setupOf, viewIncident } from './access.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { IncidentsDeps } from './deps.js';
import { linkPeople, resolvePeople, type Links, type ReachedPerson } from './team.js';
import { auditEntry } from '../../../platform/audit/audit-entry.js';

export interface Notified {
  people: number;
  devices: number;
}

export interface IncidentDetail {
  incident: Incident;
  teams: IncidentTeam[];
  members: IncidentMember[];
}

/**
 * Activates an incident: admins and coordinators always, members where the tenant allows it.
 * The activating user is linked too (in the default role), so they can work in it.
 */
export class ActivateIncident {
  constructor(private readonly d: Pick<IncidentsDeps, 'incidents' | 'setups' | 'people' | 'reach' | 'notifier' | 'clock' | 'audit'>) {}

  async execute(command: { actor: Actor; details: IncidentDetails; links: Links }): Promise<Result<IncidentDetail & { notified: Notified }, ActivationNotAllowed | InvalidIncidentInput>> {
    const { actor } = command;
    const setup = await setupOf(this.d, actor.tenantId);
    if (actor.actorType !== 'user' || (!activates(actor) && !setup.allowMemberActivation)) return fail(new ActivationNotAllowed());
    const activated = Incident.activate({ tenantId: actor.tenantId, activatedBy: actor.userId, ...command.details }, setup, this.d.clock.now());
    if (!activated.ok) return activated;
    const incident = activated.value;
    this.d.incidents.add(incident);
    const links: Links = { teams: command.links.teams, users: [...command.links.users] };
    if (!links.users.some((u) => u.userId === actor.userId)) links.users.push({ userId: actor.userId });
    const linked = await linkPeople(this.d, incident, setup, actor.userId, links);
    if (!linked.ok) return linked;
    this.d.audit.record(auditEntry(actor, { action: 'incident.activated', subjectType: 'incident', subjectId: incident.id, details: { exercise: incident.exercise, severity: incident.severity } }));
    // The message to the linked people was written in this transaction: counted the same way, this is what it reaches.
    const notified = await this.d.reach.count(actor.tenantId, linked.value);
    return ok({ incident, teams: await this.d.incidents.teams(actor.tenantId, incident.id), members: await this.d.incidents.members(actor.tenantId, incident.id), notified });
  }
}

/**
 * Before activating: whom an incident with these teams and people would link (the caller too, as
 * ActivateIncident does) and what its push message would reach. Shows people's names, so each is
 * recorded as read, like the team list of an incident.
 */
export class PreviewIncidentReach {
  constructor(private readonly d: Pick<IncidentsDeps, 'setups' | 'people' | 'reach' | 'clock' | 'audit'>) {}

  async execute(query: { actor: Actor; links: Links }): Promise<Result<{ people: ReachedPerson[]; notified: Notified }, ActivationNotAllowed | InvalidIncidentInput>> {
    const { actor } = query;
    const setup = await setupOf(this.d, actor.tenantId);
    if (actor.actorType !== 'user' || (!activates(actor) && !setup.allowMemberActivation)) return fail(new ActivationNotAllowed());
    const links: Links = { teams: query.links.teams, users: [...query.links.users] };
    if (!links.users.some((u) => u.userId === actor.userId)) links.users.push({ userId: actor.userId });
    const people = await resolvePeople(this.d, actor.tenantId, setup, links);
    if (!people.ok) return people;
    for (const person of people.value) {
      if (person.userId !== actor.userId) this.d.audit.record(personalDataRead(actor, { type: 'user', id: person.userId }, 'incident_participation'));
    }
    return ok({ people: people.value, notified: await this.d.reach.count(actor.tenantId, people.value.map((p) => p.userId)) });
  }
}

export class ListIncidents {
  constructor(private readonly d: Pick<IncidentsDeps, 'incidents'>) {}

  execute(query: { actor: Actor; status?: IncidentStatus }): Promise<Incident[]> {
    const { actor } = query;
    const status = query.status ? { status: query.status } : {};
    // Coordinators and integrations see every incident; a member those they are linked to.
    if (actor.actorType === 'api_key' || coordinates(actor)) return this.d.incidents.list(actor.tenantId, status);
    return this.d.incidents.list(actor.tenantId, { ...status, linkedUserId: actor.userId });
  }
}

export class GetIncident {
  constructor(private readonly d: Pick<IncidentsDeps, 'incidents' | 'clock' | 'audit'>) {}

  async execute(query: { actor: Actor; incidentId: string }): Promise<Result<IncidentDetail, NotFound>> {
    const view = await viewIncident(this.d, query.actor, query.incidentId);
    if (!view.ok) return view;
    const { actor } = query;
    const members = await this.d.incidents.members(actor.tenantId, query.incidentId);
    // The team list shows who took part, in which role: a read of their personal data.
    for (const member of members) {
      if (member.userId !== actor.userId) this.d.audit.record(personalDataRead(actor, { type: 'user', id: member.userId }, 'incident_participation'));
    }
    return ok({ incident: view.value.incident, teams: await this.d.incidents.teams(actor.tenantId, query.incidentId), members });
  }
}

/** close, reopen (an audited admin act) and archive. */
export class ChangeIncidentStatus {
  constructor(private readonly d: Pick<IncidentsDeps, 'incidents' | 'clock' | 'audit'>, private readonly change: 'close' | 'reopen' | 'archive') {}

  async execute(command: { actor: Actor; incidentId: string }): Promise<Result<Incident, NotFound | IncidentStatusConflict>> {
    const { actor } = command;
    const view = await viewIncident(this.d, actor, command.incidentId);
    if (!view.ok) return view;
    const { incident } = view.value;
    const now = this.d.clock.now();
    const changed = this.change === 'close' ? incident.close(actor.actorId, now) : this.change === 'reopen' ? incident.reopen(now) : incident.archive(now);
    if (!changed.ok) return changed;
    this.d.incidents.save(incident);
    const action = { close: 'incident.closed', reopen: 'incident.reopened', archive: 'incident.archived' }[this.change];
    this.d.audit.record(auditEntry(actor, { action, subjectType: 'incident', subjectId: incident.id }));
    return ok(incident);
  }
}
