import { randomUUID } from 'node:crypto';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { IncidentClosed, IncidentStatusConflict, InvalidIncidentInput } from './incident.errors.js';
import { allowedKeys, type IncidentSetup } from './setup.js';

export const SEVERITIES = ['minor', 'moderate', 'major', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type IncidentStatus = 'active' | 'closed' | 'archived';

/** A standard location of the tenant, or an address with optional coordinates. */
export interface IncidentLocation {
  standardKey: string | null;
  name: string | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
}

export interface IncidentDetails {
  title: string;
  typeKey: string;
  severity: Severity;
  description: string | null;
  location: IncidentLocation | null;
  exercise: boolean;
}

/** An event being handled: its log, team and actions hang off it. Closing freezes all of them. */
export class Incident {
  id!: string;
  tenantId!: string;
  title!: string;
  typeKey!: string;
  severity!: Severity;
  description!: string | null;
  location!: IncidentLocation | null;
  exercise!: boolean;
  status!: IncidentStatus;
  activatedBy!: string;
  activatedAt!: Date;
  closedBy!: string | null;
  closedAt!: Date | null;
  /** The last number handed out to a change of the log (entries and highlights), for live feeds. */
  lastSeq!: number;
  /** The hash of the newest link of the log's chain: what a cut-off end of the log is found by. */
  chainHead!: string | null;
  updatedAt!: Date;

  private constructor() {}

  static activate(props: { tenantId: string; activatedBy: string } & IncidentDetails, setup: IncidentSetup, now: Date): Result<Incident, InvalidIncidentInput> {
    const title = props.title.trim();
    if (!title) return fail(new InvalidIncidentInput('title', 'must not be empty'));
    if (!setup.types.some((type) => type.key === props.typeKey)) return fail(new InvalidIncidentInput('type', `is not one of the organisation's incident types (${allowedKeys(setup.types)})`));
    let location = props.location;
    if (location?.standardKey) {
      const standard = setup.locations.find((l) => l.key === location!.standardKey);
      if (!standard) return fail(new InvalidIncidentInput('location/standardKey', `is not one of the organisation's standard locations (${allowedKeys(setup.locations)})`));
      location = { standardKey: standard.key, name: standard.name, address: standard.address, latitude: standard.latitude, longitude: standard.longitude };
    } else if (location && !location.address) {
      return fail(new InvalidIncidentInput('location', 'needs a standard location or an address'));
    }
    const incident = new Incident();
    Object.assign(incident, {
      id: randomUUID(),
      tenantId: props.tenantId,
      title,
      typeKey: props.typeKey,
      severity: props.severity,
      description: props.description?.trim() || null,
      location: location ?? null,
      exercise: props.exercise,
      status: 'active',
      activatedBy: props.activatedBy,
      activatedAt: now,
      closedBy: null,
      closedAt: null,
      lastSeq: 0,
      chainHead: null,
      updatedAt: now,
    });
    return ok(incident);
  }

  /** Writes (entries, actions, team changes) are only possible while the incident is active. */
  assertOpen(): Result<this, IncidentClosed> {
    return this.status === 'active' ? ok(this) : fail(new IncidentClosed());
  }

  close(by: string, now: Date): Result<this, IncidentStatusConflict> {
    if (this.status !== 'active') return fail(new IncidentStatusConflict('Only an active incident can be closed.'));
    Object.assign(this, { status: 'closed', closedBy: by, closedAt: now, updatedAt: now });
    return ok(this);
  }

  reopen(now: Date): Result<this, IncidentStatusConflict> {
    if (this.status !== 'closed') return fail(new IncidentStatusConflict('Only a closed incident can be reopened.'));
    Object.assign(this, { status: 'active', closedBy: null, closedAt: null, updatedAt: now });
    return ok(this);
  }

  archive(now: Date): Result<this, IncidentStatusConflict> {
    if (this.status !== 'closed') return fail(new IncidentStatusConflict('Close the incident before archiving it.'));
    Object.assign(this, { status: 'archived', updatedAt: now });
    return ok(this);
  }
}

/** A person in an incident's team: linked directly or through a linked team, with an incident role. */
export class IncidentMember {
  tenantId!: string;
  incidentId!: string;
  userId!: string;
  /** The name at the time of linking; replaced by a pseudonym on erasure. */
  name!: string;
  teamId!: string | null;
  teamName!: string | null;
  role!: string;
  linkedBy!: string;
  linkedAt!: Date;
  removedAt!: Date | null;

  static link(props: { tenantId: string; incidentId: string; userId: string; name: string; teamId: string | null; teamName: string | null; role: string; linkedBy: string }, now: Date): IncidentMember {
    const member = new IncidentMember();
    Object.assign(member, { ...props, linkedAt: now, removedAt: null });
    return member;
  }

  isActive(): boolean {
    return this.removedAt === null;
  }
}

/** A group linked to an incident as a team, with the incident role its members get. */
export class IncidentTeam {
  tenantId!: string;
  incidentId!: string;
  groupId!: string;
  name!: string;
  role!: string;
  linkedAt!: Date;
  removedAt!: Date | null;

  static link(props: { tenantId: string; incidentId: string; groupId: string; name: string; role: string }, now: Date): IncidentTeam {
    const team = new IncidentTeam();
    Object.assign(team, { ...props, linkedAt: now, removedAt: null });
    return team;
  }
}
