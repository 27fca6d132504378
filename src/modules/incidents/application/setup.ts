import { ok, type Result } from '../../../platform/domain/result.js';
import type { InvalidIncidentInput } from '../domain/incident.errors.js';
import { IncidentSetup, type PictureTemplate, type SetupLists } from '../domain/setup.js';
import { setupOf } from './access.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { IncidentsDeps } from './deps.js';
import { auditEntry, tenantFileEntry } from '../../../platform/audit/audit-entry.js';

export class GetIncidentSetup {
  constructor(private readonly d: Pick<IncidentsDeps, 'setups' | 'clock'>) {}

  execute(query: { tenantId: string }): Promise<IncidentSetup> {
    return setupOf(this.d, query.tenantId);
  }
}

/** The admin's set-up of the log tool, replaced as a whole. */
export class UpdateIncidentSetup {
  constructor(private readonly d: Pick<IncidentsDeps, 'setups' | 'clock' | 'audit'>) {}

  async execute(command: { actor: Actor; lists: SetupLists }): Promise<Result<IncidentSetup, InvalidIncidentInput>> {
    const { actor } = command;
    const existing = await this.d.setups.of(actor.tenantId);
    const setup = existing ?? (await setupOf(this.d, actor.tenantId));
    const changed = setup.change(command.lists, this.d.clock.now());
    if (!changed.ok) return changed;
    if (existing) this.d.setups.save(setup);
    else this.d.setups.add(setup);
    this.d.audit.record(auditEntry(actor, { action: 'incident_setup.updated', subjectType: 'incident_setup', subjectId: actor.tenantId }));
    return ok(setup);
  }
}

/**
 * Onboarding as code: the tenant's set-up becomes the one its definition file names. Applying
 * the same lists again changes nothing (no new version, no audit entry).
 */
export class EnsureIncidentSetup {
  constructor(private readonly d: Pick<IncidentsDeps, 'setups' | 'clock' | 'audit'>) {}

  async execute(command: { tenantId: string; lists: SetupLists }): Promise<Result<'created' | 'updated' | 'unchanged', InvalidIncidentInput>> {
    const existing = await this.d.setups.of(command.tenantId);
    if (existing && sameLists(existing, command.lists)) return ok('unchanged');
    const setup = existing ?? IncidentSetup.initial(command.tenantId, this.d.clock.now());
    const changed = setup.change(command.lists, this.d.clock.now());
    if (!changed.ok) return changed;
    if (existing) this.d.setups.save(setup);
    else this.d.setups.add(setup);
    this.d.audit.record(tenantFileEntry(command.tenantId, { action: 'incident_setup.updated', subjectType: 'incident_setup', subjectId: command.tenantId }));
    return ok(existing ? 'updated' : 'created');
  }
}

function sameLists(setup: IncidentSetup, lists: SetupLists): boolean {
  if (lists.situationPictureTemplates && JSON.stringify(lists.situationPictureTemplates.map(picture)) !== JSON.stringify(setup.situationPictureTemplates.map(picture))) return false;
  const pick = (l: SetupLists) =>
    JSON.stringify([l.types, l.roles, l.locations, l.classifications, l.labels, l.allowMemberActivation, l.memberVisibility]);
  return pick({ ...setup, types: setup.types.map(option), roles: setup.roles.map(role), locations: setup.locations.map(location), classifications: setup.classifications.map(option), labels: setup.labels.map(option) }) ===
    pick({ ...lists, types: lists.types.map(option), roles: lists.roles.map(role), locations: lists.locations.map(location), classifications: lists.classifications.map(option), labels: lists.labels.map(option) });
}

// Stored lists come back from JSON columns with their keys in any order: compare field by field.
const option = (o: { key: string; name: string }) => ({ key: o.key, name: o.name });
const role = (r: { key: string; name: string; default: boolean }) => ({ key: r.key, name: r.name, default: r.default });
const picture = (t: PictureTemplate) => ({ key: t.key, name: t.name, sections: t.sections.map((s) => ({ key: s.key, title: s.title, guidance: s.guidance })) });
const location = (l: { key: string; name: string; address: string | null; latitude: number | null; longitude: number | null }) => ({
  key: l.key,
  name: l.name,
  address: l.address,
  latitude: l.latitude,
  longitude: l.longitude,
});
