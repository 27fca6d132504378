import { ok, type Result } from '../../../platform/domain/result.js';
import type { InvalidIncidentInput } from '../domain/incident.errors.js';
import type { IncidentSetup, SetupLists } from '../domain/setup.js';
import { setupOf } from './access.js';
import type { Actor, IncidentsDeps } from './deps.js';

type Deps = Pick<IncidentsDeps, 'setups' | 'clock' | 'audit'>;

export class GetIncidentSetup {
  constructor(private readonly d: Deps) {}

  execute(query: { tenantId: string }): Promise<IncidentSetup> {
    return setupOf(this.d, query.tenantId);
  }
}

/** The admin's set-up of the log tool, replaced as a whole. */
export class UpdateIncidentSetup {
  constructor(private readonly d: Deps) {}

  async execute(command: { actor: Actor; lists: SetupLists }): Promise<Result<IncidentSetup, InvalidIncidentInput>> {
    const { actor } = command;
    const existing = await this.d.setups.of(actor.tenantId);
    const setup = existing ?? (await setupOf(this.d, actor.tenantId));
    const changed = setup.change(command.lists, this.d.clock.now());
    if (!changed.ok) return changed;
    if (!existing) this.d.setups.add(setup);
    this.d.audit.record({ tenantId: actor.tenantId, action: 'incident_setup.updated', actorType: actor.actorType, actorId: actor.actorId, subjectType: 'incident_setup', subjectId: actor.tenantId, clientAddress: actor.clientAddress });
    return ok(setup);
  }
}
