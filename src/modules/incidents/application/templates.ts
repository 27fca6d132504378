import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { TemplateKeyTaken, type InvalidIncidentInput } from '../domain/incident.errors.js';
import { IncidentTemplate, type TemplateFields } from '../domain/template.js';
import { setupOf } from './access.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { IncidentsDeps } from './deps.js';
import { auditEntry, tenantFileEntry } from '../../../platform/audit/audit-entry.js';
import type { EnsureTally } from '../../../platform/application/tenant-file.js';
import { removeFound } from '../../../platform/application/tenant-records.js';

/** Teams and task cards a template names must be of this tenant when it is saved: unknown or foreign ones are 404. */
async function checkReferences(d: Pick<IncidentsDeps, 'plans' | 'people'>, tenantId: string, fields: TemplateFields): Promise<Result<void, NotFound>> {
  for (const team of fields.teams) {
    if ((await d.people.groupName(tenantId, team.groupId)) === null) return fail(new NotFound('Group'));
  }
  const ids = fields.taskCards.map((c) => c.taskCardId);
  if (ids.length > 0 && (await d.plans.taskCards(tenantId, ids)).length !== ids.length) return fail(new NotFound('Task card'));
  if (fields.notification?.kind === 'template' && (await d.plans.messageTemplate(tenantId, fields.notification.messageTemplateId, {})) === null) return fail(new NotFound('Message template'));
  return ok(undefined);
}

export class ListIncidentTemplates {
  constructor(private readonly d: Pick<IncidentsDeps, 'templates'>) {}

  execute(query: { tenantId: string }): Promise<IncidentTemplate[]> {
    return this.d.templates.list(query.tenantId);
  }
}

export class CreateIncidentTemplate {
  constructor(private readonly d: Pick<IncidentsDeps, 'templates' | 'setups' | 'people' | 'plans' | 'clock' | 'audit'>) {}

  async execute(command: { actor: Actor; fields: TemplateFields }): Promise<Result<IncidentTemplate, InvalidIncidentInput | NotFound | TemplateKeyTaken>> {
    const { actor } = command;
    const refs = await checkReferences(this.d, actor.tenantId, command.fields);
    if (!refs.ok) return refs;
    const created = IncidentTemplate.create(actor.tenantId, command.fields, await setupOf(this.d, actor.tenantId), this.d.clock.now());
    if (!created.ok) return created;
    if (await this.d.templates.byKey(actor.tenantId, created.value.key)) return fail(new TemplateKeyTaken(created.value.key));
    this.d.templates.add(created.value);
    audited(this.d, actor, 'incident_template.created', created.value.id);
    return ok(created.value);
  }
}

export class ReplaceIncidentTemplate {
  constructor(private readonly d: Pick<IncidentsDeps, 'templates' | 'setups' | 'people' | 'plans' | 'clock' | 'audit'>) {}

  async execute(command: { actor: Actor; templateId: string; fields: TemplateFields }): Promise<Result<IncidentTemplate, InvalidIncidentInput | NotFound | TemplateKeyTaken>> {
    const { actor } = command;
    const template = await this.d.templates.byId(actor.tenantId, command.templateId);
    if (!template) return fail(new NotFound('Incident template'));
    const refs = await checkReferences(this.d, actor.tenantId, command.fields);
    if (!refs.ok) return refs;
    const other = await this.d.templates.byKey(actor.tenantId, command.fields.key);
    if (other && other.id !== template.id) return fail(new TemplateKeyTaken(command.fields.key));
    const replaced = template.replace(command.fields, await setupOf(this.d, actor.tenantId), this.d.clock.now());
    if (!replaced.ok) return replaced;
    this.d.templates.save(template);
    if (replaced.value) audited(this.d, actor, 'incident_template.updated', template.id);
    return ok(template);
  }
}

export class DeleteIncidentTemplate {
  constructor(private readonly d: Pick<IncidentsDeps, 'templates' | 'audit'>) {}

  execute(command: { actor: Actor; templateId: string }): Promise<Result<void, NotFound>> {
    const { actor } = command;
    return removeFound(this.d.templates, actor.tenantId, command.templateId, 'Incident template', (template) => audited(this.d, actor, 'incident_template.deleted', template.id));
  }
}

/** What applying a tenant file's incident templates did. */
export type EnsuredTemplates = EnsureTally;

/**
 * Onboarding as code: the templates a tenant file names (by key) become what it says; applying the
 * same file again changes nothing. Templates the file does not name are left alone.
 */
export class EnsureIncidentTemplates {
  constructor(private readonly d: Pick<IncidentsDeps, 'templates' | 'setups' | 'people' | 'plans' | 'clock' | 'audit'>) {}

  async execute(command: { tenantId: string; templates: TemplateFields[] }): Promise<Result<EnsuredTemplates, InvalidIncidentInput | NotFound>> {
    const { tenantId } = command;
    const setup = await setupOf(this.d, tenantId);
    const tally: EnsuredTemplates = { created: 0, updated: 0, unchanged: 0 };
    const now = this.d.clock.now();
    for (const fields of command.templates) {
      const refs = await checkReferences(this.d, tenantId, fields);
      if (!refs.ok) return refs;
      const existing = await this.d.templates.byKey(tenantId, fields.key);
      if (existing) {
        const replaced = existing.replace(fields, setup, now);
        if (!replaced.ok) return replaced;
        this.d.templates.save(existing);
        tally[replaced.value ? 'updated' : 'unchanged']++;
        continue;
      }
      const created = IncidentTemplate.create(tenantId, fields, setup, now);
      if (!created.ok) return created;
      this.d.templates.add(created.value);
      tally.created++;
    }
    if (tally.created + tally.updated > 0) {
      this.d.audit.record(tenantFileEntry(tenantId, { action: 'incident_template.applied', subjectType: 'incident_setup', subjectId: tenantId, details: { ...tally } }));
    }
    return ok(tally);
  }
}

function audited(d: Pick<IncidentsDeps, 'audit'>, actor: Actor, action: string, templateId: string): void {
  d.audit.record(auditEntry(actor, { action, subjectType: 'incident_template', subjectId: templateId }));
}
