import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { CreateOperator } from '../../src/modules/users/application/create-operator.js';
import type { Invitations } from '../../src/modules/users/application/invitations.js';
import { USERS_APP } from '../../src/modules/users/application/tokens.js';
import type { Role } from '../../src/modules/users/domain/user.js';
import { call } from './http.js';
import { env } from './test-env.js';

export const PASSWORD = 'ijsvogel-over-de-Linge-2026';

let operator: Promise<string> | null = null;
let operatorSession: { token: Promise<string>; signedInAt: number } | null = null;

/**
 * An operator's access token; the operator is created once per run through the use case the CLI
 * uses, and signs in again once the token is ten minutes old (access tokens last fifteen, and a
 * run on a busy machine lasts longer).
 */
export function operatorToken(): Promise<string> {
  operator ??= (async () => {
    const email = `operator-${randomUUID().slice(0, 8)}@platform.test`;
    const create = env().platform.container.get<CreateOperator>(USERS_APP.CreateOperator);
    await env().platform.uow.run(null, async () => {
      const created = await create.execute({ email, name: 'Test Operator', password: PASSWORD });
      if (!created.ok) throw created.error;
    });
    return email;
  })();
  if (!operatorSession || Date.now() - operatorSession.signedInAt > 600_000) {
    const email = operator;
    operatorSession = {
      signedInAt: Date.now(),
      token: (async () => {
        const login = await call('POST', '/v1/platform/auth/login', { body: { email: await email, password: PASSWORD } });
        expect(login.status, login.text).to.equal(200);
        return login.body.accessToken as string;
      })(),
    };
  }
  return operatorSession.token;
}

export function uniqueSlug(prefix = 'tenant'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export interface OnboardedTenant {
  id: string;
  slug: string;
  adminEmail: string;
  adminToken: string;
  adminId: string;
}

export async function activate(email: string): Promise<void> {
  const token = env().mailer.activationTokenFor(email);
  const reply = await call('POST', '/v1/auth/activate', { body: { token, password: PASSWORD } });
  expect(reply.status, reply.text).to.equal(204);
}

export async function signIn(slug: string, email: string, password = PASSWORD): Promise<string> {
  const reply = await call('POST', '/v1/auth/login', { body: { tenant: slug, email, password } });
  expect(reply.status, reply.text).to.equal(200);
  return reply.body.accessToken as string;
}

/** A tenant onboarded the way an operator does it: created over HTTP, admin activated from the mail, signed in. */
export async function onboardTenant(name = 'Zorggroep Test'): Promise<OnboardedTenant> {
  const slug = uniqueSlug();
  const adminEmail = `admin@${slug}.test`;
  const created = await call('POST', '/v1/platform/tenants', {
    token: await operatorToken(),
    body: { name, slug, locale: 'nl-NL', timeZone: 'Europe/Amsterdam', firstAdmin: { name: 'Eerste Beheerder', email: adminEmail } },
  });
  expect(created.status, created.text).to.equal(201);
  await activate(adminEmail);
  const adminToken = await signIn(slug, adminEmail);
  const users = await call('GET', `/v1/users?search=${encodeURIComponent(adminEmail)}`, { token: adminToken });
  expect(users.status, users.text).to.equal(200);
  return { id: created.body.id, slug, adminEmail, adminToken, adminId: users.body.items[0].id };
}

/** A further user of a tenant, invited through the users module and activated over HTTP. */
export async function addUser(tenant: OnboardedTenant, roles: Role[], name = 'Teamlid'): Promise<{ id: string; email: string; token: string }> {
  const email = `${roles.join('-')}-${randomUUID().slice(0, 6)}@${tenant.slug}.test`;
  const invitations = env().platform.container.get<Invitations>(USERS_APP.Invitations);
  const id = await env().platform.uow.run(tenant.id, async () => {
    const invited = await invitations.invite({ tenantId: tenant.id, email, name, roles });
    if (!invited.ok) throw invited.error;
    return invited.value.id;
  });
  await activate(email);
  return { id, email, token: await signIn(tenant.slug, email) };
}
