import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import type { Platform } from '../composition.js';
import type { ApplyTenantDefinition } from '../modules/tenants/application/apply-tenant-definition.js';
import { TENANTS_APP } from '../modules/tenants/application/tokens.js';
import type { EnsureIncidentSetup } from '../modules/incidents/application/setup.js';
import { INCIDENTS_APP } from '../modules/incidents/application/tokens.js';
import type { EnsureGroups } from '../modules/users/application/ensure-groups.js';
import type { EnsureUsers } from '../modules/users/application/ensure-users.js';
import { USERS_APP } from '../modules/users/application/tokens.js';
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
  });

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
  })
  .strict()
  .superRefine((file, ctx) => {
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
      const { invited, updated, unchanged } = users.value;
      const g = groups.value;
      const nothingChanged =
        tenant.value.outcome === 'unchanged' && invited === 0 && updated === 0 && g.created === 0 && g.updated === 0 && (setupOutcome ?? 'unchanged') === 'unchanged';
      const setupPart = setupOutcome ? `; incident set-up ${setupOutcome}` : '';
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
