import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { IncidentAction } from '../domain/action.js';
import { Incident, type IncidentLocation, type IncidentMember, type IncidentPlan, type IncidentTeam, type Severity } from '../domain/incident.js';
import { ActivationNotAllowed, InvalidIncidentInput } from '../domain/incident.errors.js';
import { allowedKeys, type IncidentSetup } from '../domain/setup.js';
import { activates, setupOf } from './access.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { IncidentsDeps } from './deps.js';
import type { IncidentDetail } from './incidents.js';
import { linkPeople, noticeFor, type Links, type Notice } from './team.js';
import { auditEntry } from '../../../platform/audit/audit-entry.js';

type Deps = Pick<IncidentsDeps, 'incidents' | 'setups' | 'templates' | 'plans' | 'actions' | 'people' | 'notifier' | 'clock' | 'audit'>;

export type PlanSource = { templateId: string } | { scenarioId: string; escalationLevel: number | null };

/** Something the plan named that is not there any more: activation goes on without it and says so. */
export interface MissingPart {
  kind: 'team' | 'task_card' | 'role' | 'location' | 'situation_picture_template' | 'message_template';
  ref: string;
  detail: string;
}

export interface ActivationOutcome extends IncidentDetail {
  plan: IncidentPlan;
  linkedTeams: string[];
  /** The people linked now; each was sent the notification, in this transaction. */
  notified: string[];
  notification: { title: string; body: string } | null;
  actions: IncidentAction[];
  /** Actions made from task-card steps that nobody could be assigned to, and why. */
  unassigned: Array<{ actionId: string; taskCardId: string; role: string | null; reason: string }>;
  missing: MissingPart[];
}

interface CardPlan {
  id: string;
  title: string;
  steps: string[];
  /** The incident role its steps go to; null when none matches. */
  role: string | null;
}

const TITLE_MAX = 300;

/**
 * Activation from the plan: a template or a content scenario. In the request's one transaction it
 * activates the incident, links the plan's teams (and anyone named besides), turns the task cards'
 * steps into actions assigned by incident role, and sends the notification to everyone linked (the
 * messaging module writes the message in the same transaction). What the plan names but no longer
 * exists is left out and listed in `missing`, never skipped silently.
 */
export class ActivateFromPlan {
  constructor(private readonly d: Deps) {}

  async execute(command: {
    actor: Actor;
    source: PlanSource;
    title: string;
    description: string | null;
    typeKey: string | null;
    severity: Severity | null;
    location: IncidentLocation | null;
    exercise: boolean;
    links: Links;
  }): Promise<Result<ActivationOutcome, ActivationNotAllowed | InvalidIncidentInput | NotFound>> {
    const { actor } = command;
    const { tenantId } = actor;
    const setup = await setupOf(this.d, tenantId);
    if (actor.actorType !== 'user' || (!activates(actor) && !setup.allowMemberActivation)) return fail(new ActivationNotAllowed());
    const missing: MissingPart[] = [];
    const drafted = 'templateId' in command.source
      ? await draftFromTemplate(this.d, setup, command.source.templateId, command, missing)
      : await draftFromScenario(this.d, setup, command.source, command, missing);
    if (!drafted.ok) return drafted;
    const { plan, typeKey, severity, description, location, teams, cards, messageTemplateId } = drafted.value;
    let { notice } = drafted.value;
    if (typeKey === null || severity === null) return fail(new InvalidIncidentInput('type', 'is missing'));

    const now = this.d.clock.now();
    const activated = Incident.activate({ tenantId, activatedBy: actor.userId, title: command.title, typeKey, severity, description, location, exercise: command.exercise, plan }, setup, now);
    if (!activated.ok) return activated;
    const incident = activated.value;
    this.d.incidents.add(incident);
    if (messageTemplateId) {
      // Filled from the incident as activated (a standard location has its name by now).
      const placeholders = placeholderValues(incident, setup);
      const filled = await this.d.plans.messageTemplate(tenantId, messageTemplateId, placeholders);
      if (filled) notice = { title: filled.title, body: filled.body, messageTemplateId, placeholders };
      else missing.push({ kind: 'message_template', ref: messageTemplateId, detail: 'the message template no longer exists; the standard notification was sent' });
    }
    const links: Links = { teams: [...teams, ...command.links.teams], users: [...command.links.users] };
    if (!links.users.some((u) => u.userId === actor.userId)) links.users.push({ userId: actor.userId });
    const linked = await linkPeople(this.d, incident, setup, actor.userId, links, notice);
    if (!linked.ok) return linked;

    const linkedTeams = (await this.d.incidents.teams(tenantId, incident.id)).filter((t) => t.removedAt === null);
    const members = (await this.d.incidents.members(tenantId, incident.id)).filter((m) => m.isActive());
    const by = { id: actor.userId, name: members.find((m) => m.userId === actor.userId)?.name ?? 'Onbekend' };
    const made = actionsFromCards(incident, cards.filter((card) => card.steps.length > 0), { linkedTeams, members, by, now });
    if (!made.ok) return made;
    const { actions, unassigned } = made.value;
    for (const action of actions) this.d.actions.add(action);
    this.d.audit.record(auditEntry(actor, { action: 'incident.activated', subjectType: 'incident', subjectId: incident.id, details: { exercise: incident.exercise, severity: incident.severity, plan: { source: plan.source, id: plan.id, escalationLevel: plan.escalationLevel?.level ?? null }, actions: actions.length, missing: missing.length } }));
    return ok({
      incident,
      teams: await this.d.incidents.teams(tenantId, incident.id),
      members: await this.d.incidents.members(tenantId, incident.id),
      plan,
      linkedTeams: linkedTeams.map((t) => t.groupId),
      notified: linked.value,
      notification: linked.value.length > 0 ? noticeFor(incident, notice) : null,
      actions,
      unassigned,
      missing,
    });
  }
}

/** What the activating person gave; the plan fills in what they left open. */
interface Given {
  typeKey: string | null;
  severity: Severity | null;
  description: string | null;
  location: IncidentLocation | null;
}

/** What a plan brings to the incident before it exists: its defaults, teams, task cards and notification. */
interface PlanDraft extends Given {
  plan: IncidentPlan;
  teams: Links['teams'];
  cards: CardPlan[];
  notice: Notice | null;
  messageTemplateId: string | null;
}

async function draftFromTemplate(d: Pick<IncidentsDeps, 'templates' | 'plans' | 'people'>, setup: IncidentSetup, templateId: string, given: Given, missing: MissingPart[]): Promise<Result<PlanDraft, NotFound>> {
  const { tenantId } = setup;
  const template = await d.templates.byId(tenantId, templateId);
  if (!template) return fail(new NotFound('Incident template'));
  let location = given.location;
  if (!location && template.location) {
    const standard = template.location.standardKey;
    if (standard && !setup.locations.some((l) => l.key === standard)) {
      missing.push({ kind: 'location', ref: standard, detail: 'the standard location is no longer in the set-up; the incident has no location' });
    } else {
      location = { ...template.location, name: null };
    }
  }
  const teams: Links['teams'] = [];
  for (const team of template.teams) {
    if ((await d.people.groupName(tenantId, team.groupId)) === null) {
      missing.push({ kind: 'team', ref: team.groupId, detail: 'the group no longer exists; it was not linked' });
      continue;
    }
    teams.push({ groupId: team.groupId, role: roleOrDefault(setup, missing, team.role, `team ${team.groupId}`) });
  }
  const cards: CardPlan[] = [];
  const found = new Map((await d.plans.taskCards(tenantId, template.taskCards.map((c) => c.taskCardId))).map((c) => [c.id, c]));
  for (const wanted of template.taskCards) {
    const card = found.get(wanted.taskCardId);
    if (!card) {
      missing.push({ kind: 'task_card', ref: wanted.taskCardId, detail: 'the task card no longer exists; no actions were made from it' });
      continue;
    }
    const role = setup.hasRole(wanted.role) ? wanted.role : null;
    if (role === null) missing.push({ kind: 'role', ref: wanted.role, detail: `task card ${card.id}: the incident role is no longer in the set-up; its actions are unassigned` });
    cards.push({ id: card.id, title: card.title, steps: card.steps, role });
  }
  let picture = template.situationPicture;
  if (picture && !setup.pictureTemplate(picture)) {
    missing.push({ kind: 'situation_picture_template', ref: picture, detail: 'the situation-picture template is no longer in the set-up' });
    picture = null;
  }
  const { notification } = template;
  return ok({
    plan: { source: 'template', id: template.id, name: template.name, escalationLevel: null, situationPicture: picture },
    typeKey: given.typeKey ?? template.typeKey,
    severity: given.severity ?? template.severity,
    description: given.description ?? template.description,
    location,
    teams,
    cards,
    notice: notification?.kind === 'message' ? { title: notification.title, body: notification.body } : null,
    messageTemplateId: notification?.kind === 'template' ? notification.messageTemplateId : null,
  });
}

async function draftFromScenario(
  d: Pick<IncidentsDeps, 'plans'>,
  setup: IncidentSetup,
  source: { scenarioId: string; escalationLevel: number | null },
  given: Given,
  missing: MissingPart[],
): Promise<Result<PlanDraft, NotFound | InvalidIncidentInput>> {
  const { tenantId } = setup;
  const scenario = await d.plans.scenario(tenantId, source.scenarioId);
  if (!scenario) return fail(new NotFound('Scenario'));
  if (given.typeKey === null) return fail(new InvalidIncidentInput('type', `is needed when activating from a scenario (${allowedKeys(setup.types)})`));
  if (given.severity === null) return fail(new InvalidIncidentInput('severity', 'is needed when activating from a scenario'));
  let level: IncidentPlan['escalationLevel'] = null;
  if (source.escalationLevel !== null) {
    const named = scenario.escalationLevels.find((l) => l.level === source.escalationLevel);
    if (!named) {
      const levels = scenario.escalationLevels.map((l) => String(l.level));
      return fail(new InvalidIncidentInput('escalationLevel', `is not a level of this scenario (${levels.length ? `allowed: ${levels.join(', ')}` : 'it names none'})`));
    }
    level = { level: named.level, name: named.name };
  }
  const cards: CardPlan[] = [];
  const found = new Map((await d.plans.taskCards(tenantId, scenario.taskCardIds)).map((c) => [c.id, c]));
  for (const id of scenario.taskCardIds) {
    const card = found.get(id);
    if (!card) {
      missing.push({ kind: 'task_card', ref: id, detail: 'the task card no longer exists; no actions were made from it' });
      continue;
    }
    cards.push({ id: card.id, title: card.title, steps: card.steps, role: roleNamed(setup, card.role) });
  }
  return ok({
    ...given,
    plan: { source: 'scenario', id: scenario.id, name: scenario.title, escalationLevel: level, situationPicture: null },
    teams: [],
    cards,
    notice: null,
    messageTemplateId: null,
  });
}

function roleOrDefault(setup: IncidentSetup, missing: MissingPart[], role: string, what: string): string {
  if (setup.hasRole(role)) return role;
  missing.push({ kind: 'role', ref: role, detail: `${what}: the incident role '${role}' is no longer in the set-up; the default role is used` });
  return setup.defaultRole();
}

/**
 * An action for each step of each task card. A team linked in the card's role takes it; otherwise
 * the one person holding the role; otherwise it stays unassigned, with the reason.
 */
function actionsFromCards(
  incident: Incident,
  cards: CardPlan[],
  at: { linkedTeams: IncidentTeam[]; members: IncidentMember[]; by: { id: string; name: string }; now: Date },
): Result<{ actions: IncidentAction[]; unassigned: ActivationOutcome['unassigned'] }, InvalidIncidentInput> {
  const { by, now } = at;
  const actions: IncidentAction[] = [];
  const unassigned: ActivationOutcome['unassigned'] = [];
  for (const card of cards) {
    const team = card.role ? at.linkedTeams.find((t) => t.role === card.role) : undefined;
    const holders = card.role ? at.members.filter((m) => m.role === card.role) : [];
    for (const [index, step] of card.steps.entries()) {
      const cut = step.length > TITLE_MAX;
      const created = IncidentAction.create(
        {
          tenantId: incident.tenantId,
          incidentId: incident.id,
          title: cut ? `${step.slice(0, TITLE_MAX - 1)}…` : step,
          description: `Taakkaart "${card.title}", stap ${index + 1} van ${card.steps.length}${cut ? `\n\n${step}` : ''}`,
          dueAt: null,
          by,
        },
        now,
      );
      if (!created.ok) return created;
      const action = created.value;
      const [holder] = holders;
      if (team) action.assign({ userId: null, teamId: team.groupId, name: team.name }, by, now);
      else if (holder && holders.length === 1) action.assign({ userId: holder.userId, teamId: null, name: holder.name }, by, now);
      else {
        const reason =
          card.role === null ? 'no incident role of the set-up matches the task card' : holders.length === 0 ? `nobody in the incident holds the role '${card.role}'` : `${holders.length} people hold the role '${card.role}'`;
        unassigned.push({ actionId: action.id, taskCardId: card.id, role: card.role, reason });
      }
      actions.push(action);
    }
  }
  return ok({ actions, unassigned });
}

/** The values of a message template's placeholders (see messaging's PLACEHOLDERS), each one filled. */
export function placeholderValues(incident: Incident, setup: IncidentSetup): Record<string, string> {
  const where = incident.location ? [incident.location.name, incident.location.address].filter((part): part is string => Boolean(part)).join(', ') : '';
  return {
    'incident.title': incident.title,
    'incident.location': where || 'locatie onbekend',
    'incident.type': setup.types.find((t) => t.key === incident.typeKey)?.name ?? incident.typeKey,
    'incident.severity': incident.severity,
  };
}

/** A task card names its role in words ("BHV'er"): the set-up's role with that key or name, if any. */
function roleNamed(setup: IncidentSetup, words: string): string | null {
  const wanted = words.trim().toLocaleLowerCase('nl');
  return setup.roles.find((r) => r.key === wanted || r.name.toLocaleLowerCase('nl') === wanted)?.key ?? null;
}
