import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import type { Platform } from '../composition.js';
import type { ApplyTenantDefinition } from '../modules/tenants/application/apply-tenant-definition.js';
import { TENANTS_APP } from '../modules/tenants/application/tokens.js';
import type { EnsureIncidentSetup } from '../modules/incidents/application/setup.js';
import type { EnsureIncidentTemplates } from '../modules/incidents/application/templates.js';
import type { TemplateFields } from '../modules/incidents/domain/template.js';
import { INCIDENTS_APP } from '../modules/incidents/application/tokens.js';
import type { EnsureGroups } from '../modules/users/application/ensure-groups.js';
import type { EnsureUsers } from '../modules/users/application/ensure-users.js';
import { USERS_APP } from '../modules/users/application/tokens.js';
import type { EnsureMessageTemplates } from '../modules/messaging/application/templates.js';
import { MESSAGING_PUBLIC } from '../modules/messaging/application/tokens.js';
import type { MessageTemplateFields } from '../modules/messaging/domain/message-template.js';
import { DomainError } from '../platform/domain/errors.js';
import { fail, ok, type Result } from '../platform/domain/result.js';

const setupKey = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'use lower-case letters, digits, - and _ (at most 40)');
const setupName = z.string().min(1).max(200);
const setupOption = z.object({ key: setupKey, name: setupName }).strict();

/** The log tool's set-up, as PUT /v1/incident-setup takes it: an incident can be started at once. */
const incidentSetupSchema = z
  .object({
    types: z.array(setupOption).min(1, 'name at least one incident type').max(100),
    roles: z
      .array(z.object({ key: setupKey, name: setupName, default: z.boolean().default(false) }).strict())
      .min(1)
      .max(50)
      .refine((roles) => roles.filter((r) => r.default).length === 1, 'mark exactly one role with default: true'),
    locations: z
      .array(
        z
          .object({
            key: setupKey,
            name: setupName,
            address: z.string().min(1).max(300).nullable().default(null),
            latitude: z.number().min(-90).max(90).nullable().default(null),
            longitude: z.number().min(-180).max(180).nullable().default(null),
          })
          .strict(),
      )
      .max(500)
      .default([]),
    classifications: z.array(setupOption).max(100).default([]),
    labels: z.array(setupOption).max(200).default([]),
    allowMemberActivation: z.boolean().default(false),
    memberVisibility: z.enum(['all', 'own_team']).default('all'),
    situationPictureTemplates: z
      .array(
        z
          .object({
            key: setupKey,
            name: setupName,
            sections: z
              .array(z.object({ key: setupKey, title: z.string().min(1).max(100), guidance: z.string().min(1).max(2000).nullable().default(null) }).strict())
              .min(1, 'name at least one section')
              .max(20),
          })
          .strict(),
      )
      .max(50)
      .default([]),
  })
  .strict()
  .superRefine((setup, ctx) => {
    for (const list of ['types', 'roles', 'locations', 'classifications', 'labels'] as const) {
      const seen = new Set<string>();
      setup[list].forEach((entry, i) => {
        if (seen.has(entry.key)) ctx.addIssue({ code: 'custom', path: [list, i, 'key'], message: `the key ${entry.key} appears twice in ${list}` });
        seen.add(entry.key);
      });
    }
    const pictures = new Set<string>();
    setup.situationPictureTemplates.forEach((template, i) => {
      if (pictures.has(template.key)) ctx.addIssue({ code: 'custom', path: ['situationPictureTemplates', i, 'key'], message: `the key ${template.key} appears twice` });
      pictures.add(template.key);
      const sections = new Set<string>();
      template.sections.forEach((section, j) => {
        if (sections.has(section.key)) ctx.addIssue({ code: 'custom', path: ['situationPictureTemplates', i, 'sections', j, 'key'], message: `the section ${section.key} appears twice` });
        sections.add(section.key);
      });
    });
  });

/**
 * An incident template as a file names it: teams by the name of a group of this file (groups have no
 * id before they are applied), task cards by their id (content is not onboarded as code).
 */
const incidentTemplateSchema = z
  .object({
    key: setupKey,
    name: z.string().min(1).max(200),
    type: setupKey,
    severity: z.enum(['minor', 'moderate', 'major', 'critical']),
    description: z.string().min(1).max(5000).nullable().default(null),
    location: z
      .union([
        z.object({ standardKey: setupKey }).strict(),
        z.object({ address: z.string().min(1).max(300), latitude: z.number().min(-90).max(90).nullable().default(null), longitude: z.number().min(-180).max(180).nullable().default(null) }).strict(),
      ])
      .nullable()
      .default(null),
    teams: z.array(z.object({ group: z.string().min(1).max(200), role: setupKey }).strict()).max(100).default([]),
    taskCards: z.array(z.object({ id: z.uuid(), role: setupKey }).strict()).max(100).default([]),
    notification: z
      .union([z.object({ title: z.string().min(1).max(150), body: z.string().min(1).max(4000) }).strict(), z.object({ messageTemplate: z.string().min(1).max(100) }).strict()])
      .nullable()
      .default(null),
    situationPicture: setupKey.nullable().default(null),
  })
  .strict();

/** A message or call-up template, matched by name; its waves name groups of this file. */
const messageTemplateSchema = z
  .object({
    name: z.string().min(1).max(100),
    title: z.string().min(1).max(120),
    body: z.string().min(1).max(4000),
    priority: z.enum(['normal', 'urgent']).default('normal'),
    answerOptions: z.array(z.string().min(1).max(60)).max(10).default([]),
    goal: z
      .object({ option: z.string().min(1).max(60), count: z.number().int().min(1).max(10_000), withinMinutes: z.number().int().min(1).max(1440).nullable().default(null), autoClose: z.boolean().default(false) })
      .strict()
      .nullable()
      .default(null),
    waves: z
      .array(z.object({ afterMinutes: z.number().int().min(1).max(1440), groups: z.array(z.string().min(1).max(200)).max(50).default([]), remind: z.boolean().default(false) }).strict())
      .max(5)
      .default([]),
  })
  .strict();

/** The format of a file in tenants/: one organisation, the people to onboard with it, and its incident set-up. */
const tenantFileSchema = z
  .object({
    tenant: z
      .object({
        slug: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'use lower-case letters, digits and hyphens'),
        name: z.string().min(1).max(200),
        locale: z.enum(['nl-NL', 'en-GB']).default('nl-NL'),
        timeZone: z.string().min(3).max(64).default('Europe/Amsterdam'),
        dpoContact: z.string().max(300).nullable().default(null),
      })
      .strict(),
    users: z
      .array(
        z
          .object({
            name: z.string().min(1).max(200),
            email: z.email().max(320),
            roles: z.array(z.enum(['admin', 'coordinator', 'member'])).min(1),
          })
          .strict(),
      )
      .default([])
      .refine((users) => users.some((u) => u.roles.includes('admin')), 'name at least one user with the admin role')
      .refine(
        (users) => new Set(users.map((u) => u.email.toLowerCase())).size === users.length,
        'every e-mail address may appear only once',
      ),
    groups: z
      .array(
        z
          .object({
            name: z.string().min(1).max(200),
            type: z.enum(['team', 'location', 'department']),
            description: z.string().max(2000).nullable().default(null),
            members: z.array(z.email()).default([]),
          })
          .strict(),
      )
      .default([]),
    incidentSetup: incidentSetupSchema.optional(),
    messageTemplates: z.array(messageTemplateSchema).max(200).default([]),
    incidentTemplates: z.array(incidentTemplateSchema).max(200).default([]),
  })
  .strict()
  .superRefine((file, ctx) => {
    const groupNames = new Set(file.groups.map((g) => g.name));
    const templateKeys = new Set<string>();
    const messageTemplateNames = new Set<string>();
    file.messageTemplates.forEach((template, t) => {
      if (messageTemplateNames.has(template.name)) ctx.addIssue({ code: 'custom', path: ['messageTemplates', t, 'name'], message: `the name ${template.name} appears twice` });
      messageTemplateNames.add(template.name);
      template.waves.forEach((wave, w) =>
        wave.groups.forEach((group, i) => {
          if (!groupNames.has(group)) ctx.addIssue({ code: 'custom', path: ['messageTemplates', t, 'waves', w, 'groups', i], message: `${group} is not one of the groups of this file` });
        }),
      );
    });
    file.incidentTemplates.forEach((template, t) => {
      if (templateKeys.has(template.key)) ctx.addIssue({ code: 'custom', path: ['incidentTemplates', t, 'key'], message: `the key ${template.key} appears twice` });
      templateKeys.add(template.key);
      if (template.notification && 'messageTemplate' in template.notification && !messageTemplateNames.has(template.notification.messageTemplate)) {
        ctx.addIssue({ code: 'custom', path: ['incidentTemplates', t, 'notification', 'messageTemplate'], message: `${template.notification.messageTemplate} is not one of the message templates of this file` });
      }
      template.teams.forEach((team, i) => {
        if (!groupNames.has(team.group)) ctx.addIssue({ code: 'custom', path: ['incidentTemplates', t, 'teams', i, 'group'], message: `${team.group} is not one of the groups of this file` });
      });
    });
    const known = new Set(file.users.map((u) => u.email.toLowerCase()));
    file.groups.forEach((group, g) =>
      group.members.forEach((email, m) => {
        if (!known.has(email.toLowerCase())) {
          ctx.addIssue({ code: 'custom', path: ['groups', g, 'members', m], message: `${email} is not one of the users of this file` });
        }
      }),
    );
  });

export type TenantFile = z.infer<typeof tenantFileSchema>;

/** Parses and checks a tenant file; a problem is reported as one line with its line number. */
export function parseTenantFile(text: string): Result<TenantFile, string> {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: true });
  if (document.errors.length > 0) {
    const first = document.errors[0]!;
    const line = first.linePos?.[0]?.line;
    return fail(`not valid YAML${line ? ` at line ${line}` : ''}: ${first.message.split('\n')[0]}`);
  }
  const parsed = tenantFileSchema.safeParse(document.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // An unknown key is best shown where it stands.
    const at = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
    const path = at.map(String);
    const node = document.getIn(at as (string | number)[], true) as { range?: [number, number, number] } | undefined;
    const position = node?.range ? lineCounter.linePos(node.range[0]) : null;
    const where = path.length > 0 ? path.join('.') : 'file';
    return fail(`${where}${position ? ` (line ${position.line})` : ''}: ${issue.message}`);
  }
  return ok(parsed.data);
}

/** What applying a tenant file did: one line for a person, and the tenant's id. */
export interface AppliedTenantFile {
  summary: string;
  tenantId: string;
}

/** Applies one tenant file in one transaction: all of it, or nothing. */
export async function applyTenantFile(platform: Platform, file: TenantFile): Promise<Result<AppliedTenantFile, string>> {
  const applyTenant = platform.container.get<ApplyTenantDefinition>(TENANTS_APP.ApplyTenantDefinition);
  const ensureUsers = platform.container.get<EnsureUsers>(USERS_APP.EnsureUsers);
  const ensureGroups = platform.container.get<EnsureGroups>(USERS_APP.EnsureGroups);
  const ensureSetup = platform.container.get<EnsureIncidentSetup>(INCIDENTS_APP.EnsureIncidentSetup);
  const ensureTemplates = platform.container.get<EnsureIncidentTemplates>(INCIDENTS_APP.EnsureIncidentTemplates);
  const ensureMessageTemplates = platform.container.get<EnsureMessageTemplates>(MESSAGING_PUBLIC.EnsureMessageTemplates);
  try {
    return await platform.uow.run(null, async () => {
      const tenant = await applyTenant.execute(file.tenant);
      if (!tenant.ok) throw tenant.error;
      const tenantId = tenant.value.tenantId;
      const users = await ensureUsers.execute({ tenantId, users: file.users });
      if (!users.ok) throw users.error;
      const groups = await ensureGroups.execute({ tenantId, groups: file.groups });
      if (!groups.ok) throw groups.error;
      const setup = file.incidentSetup ? await ensureSetup.execute({ tenantId, lists: file.incidentSetup }) : null;
      if (setup && !setup.ok) throw setup.error;
      const setupOutcome = setup?.value ?? null;
      // Before the incident templates, which may name them.
      const messageTemplates = await ensureMessageTemplates.execute({ tenantId, templates: file.messageTemplates.map((t) => messageTemplateFieldsOf(t, groups.value.idsByName)) });
      if (!messageTemplates.ok) throw messageTemplates.error;
      const mt = messageTemplates.value;
      const templates = await ensureTemplates.execute({ tenantId, templates: file.incidentTemplates.map((t) => templateFieldsOf(t, groups.value.idsByName, mt.idsByName)) });
      if (!templates.ok) throw templates.error;
      const tt = templates.value;
      const { invited, updated, unchanged } = users.value;
      const g = groups.value;
      const nothingChanged =
        tenant.value.outcome === 'unchanged' && invited === 0 && updated === 0 && g.created === 0 && g.updated === 0 && (setupOutcome ?? 'unchanged') === 'unchanged' && tt.created + tt.updated === 0 && mt.created + mt.updated === 0;
      const setupPart =
        (setupOutcome ? `; incident set-up ${setupOutcome}` : '') +
        (file.incidentTemplates.length > 0 ? `; incident templates: ${tt.created} created, ${tt.updated} updated, ${tt.unchanged} unchanged` : '') +
        (file.messageTemplates.length > 0 ? `; message templates: ${mt.created} created, ${mt.updated} updated, ${mt.unchanged} unchanged` : '');
      return ok({
        tenantId,
        summary: nothingChanged
          ? `tenant ${file.tenant.slug} unchanged (${unchanged} users and ${g.unchanged} groups as defined${setupOutcome ? ', incident set-up as defined' : ''})`
          : `tenant ${file.tenant.slug} ${tenant.value.outcome}; users: ${invited} invited, ${updated} updated, ${unchanged} unchanged; ` +
            `groups: ${g.created} created, ${g.updated} updated, ${g.unchanged} unchanged${setupPart}`,
      });
    });
  } catch (error) {
    if (error instanceof DomainError) return fail(error.detail);
    throw error;
  }
}

function messageTemplateFieldsOf(t: TenantFile['messageTemplates'][number], groupIds: Map<string, string>): MessageTemplateFields {
  return {
    name: t.name,
    title: t.title,
    body: t.body,
    format: 'plain',
    priority: t.priority,
    answerOptions: t.answerOptions,
    goal: t.goal,
    waves: t.waves.map((w) => ({ afterMinutes: w.afterMinutes, audience: { everyone: false, groupIds: w.groups.map((g) => groupIds.get(g)!), userIds: [] }, remind: w.remind })),
  };
}

function templateFieldsOf(t: TenantFile['incidentTemplates'][number], groupIds: Map<string, string>, messageTemplateIds: Map<string, string>): TemplateFields {
  const location = t.location === null ? null : 'standardKey' in t.location ? { standardKey: t.location.standardKey, address: null, latitude: null, longitude: null } : { standardKey: null, ...t.location };
  return {
    key: t.key,
    name: t.name,
    typeKey: t.type,
    severity: t.severity,
    description: t.description,
    location,
    teams: t.teams.map((team) => ({ groupId: groupIds.get(team.group)!, role: team.role })),
    taskCards: t.taskCards.map((card) => ({ taskCardId: card.id, role: card.role })),
    notification: t.notification ? ('messageTemplate' in t.notification ? { kind: 'template', messageTemplateId: messageTemplateIds.get(t.notification.messageTemplate)! } : { kind: 'message', ...t.notification }) : null,
    situationPicture: t.situationPicture,
  };
}
