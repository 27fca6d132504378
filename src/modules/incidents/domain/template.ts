import { randomUUID } from 'node:crypto';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { InvalidIncidentInput } from './incident.errors.js';
import type { Severity } from './incident.js';
import { allowedKeys, type IncidentSetup } from './setup.js';

const KEY = /^[a-z0-9][a-z0-9_-]{0,39}$/;

/** Where a templated incident takes place: a standard location of the tenant, or an address. */
export interface TemplateLocation {
  standardKey: string | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
}

/**
 * What an incident from this template tells the people linked to it: an inline text (`message`),
 * or a message or call-up template of messaging (`template`), which activation hands on with the
 * incident's placeholder values so its options, goal and waves come along.
 */
export type TemplateNotification = { kind: 'message'; title: string; body: string } | { kind: 'template'; messageTemplateId: string };

export interface TemplateTeam {
  groupId: string;
  /** The incident role the team's members get. */
  role: string;
}

export interface TemplateTaskCard {
  taskCardId: string;
  /** The incident role whose holders the card's steps are assigned to. */
  role: string;
}

export interface TemplateFields {
  key: string;
  name: string;
  typeKey: string;
  severity: Severity;
  description: string | null;
  location: TemplateLocation | null;
  teams: TemplateTeam[];
  taskCards: TemplateTaskCard[];
  notification: TemplateNotification | null;
  /** The key of one of the set-up's situation-picture templates. */
  situationPicture: string | null;
}

/**
 * A prepared incident set-up (incidenttemplate): activating from it fills in type, severity and
 * location, links its teams in their incident roles, turns its task cards' steps into actions and
 * tells everyone linked. It names teams and task cards by id; those may be deleted later, which
 * activation reports instead of failing.
 */
export class IncidentTemplate implements TemplateFields {
  id!: string;
  tenantId!: string;
  key!: string;
  name!: string;
  typeKey!: string;
  severity!: Severity;
  description!: string | null;
  location!: TemplateLocation | null;
  teams!: TemplateTeam[];
  taskCards!: TemplateTaskCard[];
  notification!: TemplateNotification | null;
  situationPicture!: string | null;
  createdAt!: Date;
  updatedAt!: Date;

  private constructor() {}

  static create(tenantId: string, fields: TemplateFields, setup: IncidentSetup, now: Date): Result<IncidentTemplate, InvalidIncidentInput> {
    const checked = checkTemplate(fields, setup);
    if (!checked.ok) return checked;
    const template = new IncidentTemplate();
    Object.assign(template, { id: randomUUID(), tenantId, ...checked.value, createdAt: now, updatedAt: now });
    return ok(template);
  }

  /** Replaces every field; answers whether anything changed (onboarding as code applies the same file again). */
  replace(fields: TemplateFields, setup: IncidentSetup, now: Date): Result<boolean, InvalidIncidentInput> {
    const checked = checkTemplate(fields, setup);
    if (!checked.ok) return checked;
    if (sameTemplate(this, checked.value)) return ok(false);
    Object.assign(this, { ...checked.value, updatedAt: now });
    return ok(true);
  }
}

function checkTemplate(fields: TemplateFields, setup: IncidentSetup): Result<TemplateFields, InvalidIncidentInput> {
  if (!KEY.test(fields.key)) return fail(new InvalidIncidentInput('key', 'must be lower-case letters, digits, - or _ (at most 40)'));
  const name = fields.name.trim();
  if (!name) return fail(new InvalidIncidentInput('name', 'must not be empty'));
  if (!setup.types.some((t) => t.key === fields.typeKey)) return fail(new InvalidIncidentInput('type', `is not one of the organisation's incident types (${allowedKeys(setup.types)})`));
  if (fields.location?.standardKey && !setup.locations.some((l) => l.key === fields.location!.standardKey)) {
    return fail(new InvalidIncidentInput('location/standardKey', `is not one of the organisation's standard locations (${allowedKeys(setup.locations)})`));
  }
  if (fields.location && !fields.location.standardKey && !fields.location.address) return fail(new InvalidIncidentInput('location', 'needs a standard location or an address'));
  for (const [list, items] of [['teams', fields.teams], ['taskCards', fields.taskCards]] as const) {
    const bad = items.findIndex((item) => !setup.hasRole(item.role));
    if (bad >= 0) return fail(new InvalidIncidentInput(`${list}/${bad}/role`, `'${items[bad]!.role}' is not one of the organisation's incident roles (${allowedKeys(setup.roles)})`));
  }
  if (new Set(fields.teams.map((t) => t.groupId)).size !== fields.teams.length) return fail(new InvalidIncidentInput('teams', 'names a team twice'));
  if (new Set(fields.taskCards.map((t) => t.taskCardId)).size !== fields.taskCards.length) return fail(new InvalidIncidentInput('taskCards', 'names a task card twice'));
  if (fields.notification?.kind === 'message' && (!fields.notification.title.trim() || !fields.notification.body.trim())) return fail(new InvalidIncidentInput('notification', 'needs a title and a body'));
  if (fields.situationPicture !== null && !setup.pictureTemplate(fields.situationPicture)) {
    return fail(new InvalidIncidentInput('situationPicture', `is not one of the organisation's situation-picture templates (${allowedKeys(setup.situationPictureTemplates)})`));
  }
  return ok({ ...fields, name, description: fields.description?.trim() || null });
}

function sameTemplate(a: TemplateFields, b: TemplateFields): boolean {
  // Stored JSON comes back with its keys in any order: compare a fixed projection.
  const pick = (t: TemplateFields) =>
    JSON.stringify([
      t.key,
      t.name,
      t.typeKey,
      t.severity,
      t.description,
      t.location ? [t.location.standardKey, t.location.address, t.location.latitude, t.location.longitude] : null,
      t.teams.map((x) => [x.groupId, x.role]),
      t.taskCards.map((x) => [x.taskCardId, x.role]),
      t.notification ? (t.notification.kind === 'message' ? [t.notification.kind, t.notification.title, t.notification.body] : [t.notification.kind, t.notification.messageTemplateId]) : null,
      t.situationPicture,
    ]);
  return pick(a) === pick(b);
}
