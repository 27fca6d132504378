import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import type { Audience } from '../domain/message.js';
import { MessageTemplate, type MessageTemplateFields, type PlaceholderValues } from '../domain/message-template.js';
import { UnknownAudience, type InvalidMessage, type UnknownPlaceholder } from '../domain/messaging.errors.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { MessagingDeps } from './deps.js';
import { auditEntry, tenantFileEntry } from '../../../platform/audit/audit-entry.js';
import type { EnsureTally } from '../../../platform/application/tenant-file.js';
import { removeFound } from '../../../platform/application/tenant-records.js';

/** Groups and users the template's waves name must be of this tenant when it is saved. */
export async function checkAudiences(d: Pick<MessagingDeps, 'people'>, tenantId: string, audiences: ReadonlyArray<{ prefix: string; audience: Audience }>): Promise<Result<void, UnknownAudience>> {
  const missing: Array<{ pointer: string; id: string }> = [];
  for (const { prefix, audience } of audiences) {
    for (const id of await d.people.missingGroups(tenantId, audience.groupIds)) missing.push({ pointer: `${prefix}/groupIds/${audience.groupIds.indexOf(id)}`, id });
    for (const id of await d.people.missingUsers(tenantId, audience.userIds)) missing.push({ pointer: `${prefix}/userIds/${audience.userIds.indexOf(id)}`, id });
  }
  return missing.length > 0 ? fail(new UnknownAudience(missing)) : ok(undefined);
}

const waveAudiences = (fields: MessageTemplateFields) => fields.waves.map((wave, index) => ({ prefix: `/waves/${index}/audience`, audience: wave.audience }));

function audited(d: Pick<MessagingDeps, 'audit'>, actor: Actor, action: string, templateId: string): void {
  d.audit.record(auditEntry(actor, { action, subjectType: 'message_template', subjectId: templateId }));
}

export class ListMessageTemplates {
  constructor(private readonly d: Pick<MessagingDeps, 'templates'>) {}

  execute(query: { tenantId: string }): Promise<MessageTemplate[]> {
    return this.d.templates.list(query.tenantId);
  }
}

export class GetMessageTemplate {
  constructor(private readonly d: Pick<MessagingDeps, 'templates'>) {}

  async execute(query: { tenantId: string; templateId: string }): Promise<Result<MessageTemplate, NotFound>> {
    const template = await this.d.templates.byId(query.tenantId, query.templateId);
    return template ? ok(template) : fail(new NotFound('Message template'));
  }
}

export class CreateMessageTemplate {
  constructor(private readonly d: Pick<MessagingDeps, 'templates' | 'people' | 'clock' | 'audit'>) {}

  async execute(command: { actor: Actor; fields: MessageTemplateFields }): Promise<Result<MessageTemplate, InvalidMessage | UnknownPlaceholder | UnknownAudience>> {
    const { actor } = command;
    const created = MessageTemplate.create(actor.tenantId, command.fields, this.d.clock.now());
    if (!created.ok) return created;
    const audiences = await checkAudiences(this.d, actor.tenantId, waveAudiences(created.value));
    if (!audiences.ok) return audiences;
    this.d.templates.add(created.value);
    audited(this.d, actor, 'message_template.created', created.value.id);
    return ok(created.value);
  }
}

export class ReplaceMessageTemplate {
  constructor(private readonly d: Pick<MessagingDeps, 'templates' | 'people' | 'clock' | 'audit'>) {}

  async execute(command: { actor: Actor; templateId: string; fields: MessageTemplateFields }): Promise<Result<MessageTemplate, NotFound | InvalidMessage | UnknownPlaceholder | UnknownAudience>> {
    const { actor } = command;
    const template = await this.d.templates.byId(actor.tenantId, command.templateId);
    if (!template) return fail(new NotFound('Message template'));
    const audiences = await checkAudiences(this.d, actor.tenantId, waveAudiences(command.fields));
    if (!audiences.ok) return audiences;
    const replaced = template.replace(command.fields, this.d.clock.now());
    if (!replaced.ok) return replaced;
    audited(this.d, actor, 'message_template.updated', template.id);
    return ok(template);
  }
}

export class DeleteMessageTemplate {
  constructor(private readonly d: Pick<MessagingDeps, 'templates' | 'audit'>) {}

  execute(command: { actor: Actor; templateId: string }): Promise<Result<void, NotFound>> {
    const { actor } = command;
    return removeFound(this.d.templates, actor.tenantId, command.templateId, 'Message template', (template) => audited(this.d, actor, 'message_template.deleted', template.id));
  }
}

export interface EnsuredMessageTemplates extends EnsureTally {
  /** The id of each template of the file, by its name (incident templates of the file name them). */
  idsByName: Map<string, string>;
}

const sameFields = (a: MessageTemplateFields, b: MessageTemplateFields): boolean => {
  // Stored JSON comes back with its keys in any order: compare a fixed projection.
  const pick = (t: MessageTemplateFields) =>
    JSON.stringify([t.name, t.title, t.body, t.format, t.priority, t.answerOptions, t.goal && [t.goal.option, t.goal.count, t.goal.withinMinutes, t.goal.autoClose], t.waves.map((w) => [w.afterMinutes, w.audience.everyone, w.audience.groupIds, w.audience.userIds, w.remind])]);
  return pick(a) === pick(b);
};

/**
 * Onboarding as code: the message templates a tenant file names (by name) become what it says;
 * applying the same file again changes nothing; templates the file does not name are left alone.
 */
export class EnsureMessageTemplates {
  constructor(private readonly d: Pick<MessagingDeps, 'templates' | 'people' | 'clock' | 'audit'>) {}

  async execute(command: { tenantId: string; templates: MessageTemplateFields[] }): Promise<Result<EnsuredMessageTemplates, InvalidMessage | UnknownPlaceholder | UnknownAudience>> {
    const { tenantId } = command;
    const now = this.d.clock.now();
    const tally: EnsuredMessageTemplates = { created: 0, updated: 0, unchanged: 0, idsByName: new Map() };
    for (const fields of command.templates) {
      const audiences = await checkAudiences(this.d, tenantId, waveAudiences(fields));
      if (!audiences.ok) return audiences;
      const existing = await this.d.templates.byName(tenantId, fields.name.trim());
      if (existing) {
        const before = { ...existing };
        const replaced = existing.replace(fields, now);
        if (!replaced.ok) return replaced;
        if (sameFields(before, existing)) {
          existing.updatedAt = before.updatedAt;
          tally.unchanged++;
        } else tally.updated++;
        tally.idsByName.set(existing.name, existing.id);
        continue;
      }
      const created = MessageTemplate.create(tenantId, fields, now);
      if (!created.ok) return created;
      this.d.templates.add(created.value);
      tally.idsByName.set(created.value.name, created.value.id);
      tally.created++;
    }
    if (tally.created + tally.updated > 0) {
      this.d.audit.record(tenantFileEntry(tenantId, { action: 'message_template.applied', subjectType: 'tenant', subjectId: tenantId, details: { created: tally.created, updated: tally.updated, unchanged: tally.unchanged } }));
    }
    return ok(tally);
  }
}

/**
 * What other modules may know of the templates (the incidents module, for an incident template's
 * notification): whether one exists, and its text filled in.
 */
export class MessageTemplateCatalogue {
  constructor(private readonly d: Pick<MessagingDeps, 'templates'>) {}

  async preview(tenantId: string, templateId: string, values: PlaceholderValues): Promise<{ name: string; title: string; body: string } | null> {
    const template = await this.d.templates.byId(tenantId, templateId);
    if (!template) return null;
    const filled = template.fill(values);
    return { name: template.name, ...(filled.ok ? filled.value : { title: template.title, body: template.body }) };
  }
}
