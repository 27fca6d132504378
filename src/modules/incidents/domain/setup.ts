import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { InvalidIncidentInput } from './incident.errors.js';

export interface SetupOption {
  key: string;
  name: string;
}
export interface SetupRole extends SetupOption {
  default: boolean;
}
export interface StandardLocation extends SetupOption {
  address: string | null;
  latitude: number | null;
  longitude: number | null;
}
export type MemberVisibility = 'all' | 'own_team';

export interface SetupLists {
  types: SetupOption[];
  roles: SetupRole[];
  locations: StandardLocation[];
  classifications: SetupOption[];
  labels: SetupOption[];
  allowMemberActivation: boolean;
  memberVisibility: MemberVisibility;
}

const KEY = /^[a-z0-9][a-z0-9_-]{0,39}$/;

/**
 * A tenant's set-up of the log tool: its incident types, the roles within an incident team (one
 * of them the default, so nobody is in a team without a role), standard locations, the log's
 * classifications and labels, and who may activate and what members see.
 */
export class IncidentSetup implements SetupLists {
  tenantId!: string;
  types!: SetupOption[];
  roles!: SetupRole[];
  locations!: StandardLocation[];
  classifications!: SetupOption[];
  labels!: SetupOption[];
  allowMemberActivation!: boolean;
  memberVisibility!: MemberVisibility;
  updatedAt!: Date;

  private constructor() {}

  /** What a tenant starts with until an admin sets it up. */
  static initial(tenantId: string, now: Date): IncidentSetup {
    const setup = new IncidentSetup();
    Object.assign(setup, {
      tenantId,
      types: [{ key: 'general', name: 'Algemeen' }],
      roles: [{ key: 'member', name: 'Teamlid', default: true }],
      locations: [],
      classifications: [{ key: 'observation', name: 'Waarneming' }],
      labels: [],
      allowMemberActivation: false,
      memberVisibility: 'all',
      updatedAt: now,
    });
    return setup;
  }

  change(lists: SetupLists, now: Date): Result<this, InvalidIncidentInput> {
    for (const name of ['types', 'roles', 'locations', 'classifications', 'labels'] as const) {
      const keys = lists[name].map((option) => option.key);
      const bad = keys.find((key) => !KEY.test(key));
      if (bad !== undefined) return fail(new InvalidIncidentInput(name, `has a key '${bad}' that is not lower-case letters, digits, - or _`));
      if (new Set(keys).size !== keys.length) return fail(new InvalidIncidentInput(name, 'has a key twice'));
    }
    if (lists.types.length === 0) return fail(new InvalidIncidentInput('types', 'needs at least one incident type'));
    if (lists.roles.filter((role) => role.default).length !== 1) return fail(new InvalidIncidentInput('roles', 'needs exactly one default role'));
    Object.assign(this, { ...lists, updatedAt: now });
    return ok(this);
  }

  defaultRole(): string {
    return this.roles.find((role) => role.default)!.key;
  }

  hasRole(key: string): boolean {
    return this.roles.some((role) => role.key === key);
  }

  roleName(key: string): string {
    return this.roles.find((role) => role.key === key)?.name ?? key;
  }
}

/**
 * What a tenant's set-up allows, for an error that refers to it: a caller who sent an unknown
 * key learns the valid ones instead of guessing.
 */
export function allowedKeys(options: ReadonlyArray<{ key: string }>): string {
  if (options.length === 0) return 'the organisation has set none up';
  const keys = options.map((option) => option.key);
  return `allowed: ${keys.slice(0, 50).join(', ')}${keys.length > 50 ? `, and ${keys.length - 50} more` : ''}`;
}
