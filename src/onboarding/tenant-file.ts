import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import type { Platform } from '../composition.js';
import type { ApplyTenantDefinition } from '../modules/tenants/application/apply-tenant-definition.js';
import { TENANTS_APP } from '../modules/tenants/application/tokens.js';
import type { EnsureGroups } from '../modules/users/application/ensure-groups.js';
import type { EnsureUsers } from '../modules/users/application/ensure-users.js';
import { USERS_APP } from '../modules/users/application/tokens.js';
import { DomainError } from '../platform/domain/errors.js';
import { fail, ok, type Result } from '../platform/domain/result.js';

/** The format of a file in tenants/: one organisation and the people to onboard with it. */
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

/** Applies one tenant file in one transaction: all of it, or nothing. */
export async function applyTenantFile(platform: Platform, file: TenantFile): Promise<Result<string, string>> {
  const applyTenant = platform.container.get<ApplyTenantDefinition>(TENANTS_APP.ApplyTenantDefinition);
  const ensureUsers = platform.container.get<EnsureUsers>(USERS_APP.EnsureUsers);
  const ensureGroups = platform.container.get<EnsureGroups>(USERS_APP.EnsureGroups);
  try {
    return await platform.uow.run(null, async () => {
      const tenant = await applyTenant.execute(file.tenant);
      if (!tenant.ok) throw tenant.error;
      const users = await ensureUsers.execute({ tenantId: tenant.value.tenantId, users: file.users });
      if (!users.ok) throw users.error;
      const groups = await ensureGroups.execute({ tenantId: tenant.value.tenantId, groups: file.groups });
      if (!groups.ok) throw groups.error;
      const { invited, updated, unchanged } = users.value;
      const g = groups.value;
      const nothingChanged = tenant.value.outcome === 'unchanged' && invited === 0 && updated === 0 && g.created === 0 && g.updated === 0;
      return ok(
        nothingChanged
          ? `tenant ${file.tenant.slug} unchanged (${unchanged} users and ${g.unchanged} groups as defined)`
          : `tenant ${file.tenant.slug} ${tenant.value.outcome}; users: ${invited} invited, ${updated} updated, ${unchanged} unchanged; ` +
              `groups: ${g.created} created, ${g.updated} updated, ${g.unchanged} unchanged`,
      );
    });
  } catch (error) {
    if (error instanceof DomainError) return fail(error.detail);
    throw error;
  }
}
