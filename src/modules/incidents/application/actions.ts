import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { IncidentAction, type ActionStatus, type Assignee } from '../domain/action.js';
import { InvalidIncidentInput } from '../domain/incident.errors.js';
import { nameOf, participate, viewIncident, type ContributionRefused, type IncidentView, type OfflinePost } from './access.js';
import { replayed } from './log.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { IncidentsDeps } from './deps.js';
import { tellAssignees } from './notices.js';

export type AssigneeInput = { userId: string } | { teamId: string };

/** An assignee must be in the incident: an active member, or a linked team. Returns who is to be told. */
/** Assigns the action when the request names an assignee; the people to tell of it. */
async function assignIfAsked(d: Pick<IncidentsDeps, 'incidents'>, view: IncidentView, action: IncidentAction, input: AssigneeInput | null | undefined, by: { id: string; name: string }, now: Date): Promise<Result<string[], InvalidIncidentInput>> {
  if (!input) return ok([]);
  const resolved = await resolveAssignee(d, view, input);
  if (!resolved.ok) return resolved;
  action.assign(resolved.value.assignee, by, now);
  return ok(resolved.value.notify);
}

async function resolveAssignee(d: Pick<IncidentsDeps, 'incidents'>, view: IncidentView, input: AssigneeInput): Promise<Result<{ assignee: Assignee; notify: string[] }, InvalidIncidentInput>> {
  const { tenantId, id: incidentId } = view.incident;
  const members = (await d.incidents.members(tenantId, incidentId)).filter((m) => m.isActive());
  if ('userId' in input) {
    const member = members.find((m) => m.userId === input.userId);
    if (!member) return fail(new InvalidIncidentInput('assignee/userId', 'is not a member of this incident'));
    return ok({ assignee: { userId: member.userId, teamId: null, name: member.name }, notify: [member.userId] });
  }
  const team = (await d.incidents.teams(tenantId, incidentId)).find((t) => t.groupId === input.teamId && t.removedAt === null);
  if (!team) return fail(new InvalidIncidentInput('assignee/teamId', 'is not a team of this incident'));
  return ok({ assignee: { userId: null, teamId: team.groupId, name: team.name }, notify: members.filter((m) => m.teamId === team.groupId).map((m) => m.userId) });
}

export class CreateIncidentAction {
  constructor(private readonly d: Pick<IncidentsDeps, 'incidents' | 'actions' | 'people' | 'notifier' | 'clock'>) {}

  async execute(command: {
    actor: Actor;
    incidentId: string;
    title: string;
    description: string | null;
    dueAt: Date | null;
    assignee: AssigneeInput | null;
  } & OfflinePost): Promise<Result<{ action: IncidentAction; replayed: boolean }, ContributionRefused>> {
    const { actor } = command;
    const view = await participate(this.d, actor, command.incidentId);
    if (!view.ok) return view;
    if (command.clientId) {
      const find = () => this.d.actions.byClientId(actor.tenantId, view.value.userId, command.clientId!);
      // Before and under the incident's lock, as a log post does: a concurrent twin is found, not doubled.
      let replay = await replayed(find, command.incidentId);
      if (!replay) {
        await this.d.incidents.lockTeam(actor.tenantId, command.incidentId);
        replay = await replayed(find, command.incidentId);
      }
      if (replay) return replay.ok ? ok({ action: replay.value.entry, replayed: true }) : replay;
    }
    const open = view.value.incident.assertOpen();
    if (!open.ok) return open;
    const by = { id: view.value.userId, name: view.value.member?.name ?? (await nameOf(this.d, actor.tenantId, view.value.userId)) };
    const now = this.d.clock.now();
    const created = IncidentAction.create(
      { tenantId: actor.tenantId, incidentId: command.incidentId, title: command.title, description: command.description, dueAt: command.dueAt, by, clientId: command.clientId ?? null, observedAt: command.observedAt ?? null },
      now,
    );
    if (!created.ok) return created;
    const action = created.value;
    const assigned = await assignIfAsked(this.d, view.value, action, command.assignee, by, now);
    if (!assigned.ok) return assigned;
    const notify = assigned.value;
    this.d.actions.add(action);
    await tellAssignees(this.d, action, by.id, notify);
    return ok({ action, replayed: false });
  }
}

/** Moves an action on (open, in progress, done; reopening too), reassigns it or changes its due time. */
export class UpdateIncidentAction {
  constructor(private readonly d: Pick<IncidentsDeps, 'incidents' | 'actions' | 'people' | 'notifier' | 'clock'>) {}

  async execute(command: { actor: Actor; incidentId: string; actionId: string; status?: ActionStatus; dueAt?: Date | null; assignee?: AssigneeInput }): Promise<
    Result<IncidentAction, ContributionRefused>
  > {
    const { actor } = command;
    const view = await participate(this.d, actor, command.incidentId);
    if (!view.ok) return view;
    const action = await this.d.actions.byId(actor.tenantId, command.incidentId, command.actionId);
    if (!action) return fail(new NotFound('Action'));
    const open = view.value.incident.assertOpen();
    if (!open.ok) return open;
    const by = { id: view.value.userId, name: view.value.member?.name ?? (await nameOf(this.d, actor.tenantId, view.value.userId)) };
    const now = this.d.clock.now();
    const assigned = await assignIfAsked(this.d, view.value, action, command.assignee, by, now);
    if (!assigned.ok) return assigned;
    const notify = assigned.value;
    if (command.dueAt !== undefined) action.changeDue(command.dueAt, by, now);
    if (command.status) action.moveTo(command.status, by, now);
    this.d.actions.save(action);
    await tellAssignees(this.d, action, by.id, notify);
    return ok(action);
  }
}

export type ActionFilter = 'mine' | 'my_team' | 'overdue';

/** The board of an incident's actions, optionally only mine, my team's, or overdue ones. */
export class ListIncidentActions {
  constructor(private readonly d: Pick<IncidentsDeps, 'incidents' | 'actions' | 'clock'>) {}

  async execute(query: { actor: Actor; incidentId: string; filter?: ActionFilter; status?: ActionStatus }): Promise<Result<IncidentAction[], NotFound>> {
    const { actor } = query;
    const view = await viewIncident(this.d, actor, query.incidentId);
    if (!view.ok) return view;
    const now = this.d.clock.now();
    const teamId = view.value.member?.teamId ?? null;
    const actions = (await this.d.actions.list(actor.tenantId, query.incidentId)).filter((action) => {
      if (query.status && action.status !== query.status) return false;
      switch (query.filter) {
        case 'mine':
          return action.assignee?.userId === actor.userId;
        case 'my_team':
          return teamId !== null && action.assignee?.teamId === teamId;
        case 'overdue':
          return action.isOverdue(now);
        default:
          return true;
      }
    });
    return ok(actions);
  }
}
