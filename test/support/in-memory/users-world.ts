import { Invitations } from '../../../src/modules/users/application/invitations.js';
import { Sessions } from '../../../src/modules/users/application/sessions.js';
import { User, type Role } from '../../../src/modules/users/domain/user.js';
import { userActor } from './platform.js';
import { valueOf } from './result.js';
import { inMemoryUsers } from './users.js';

/** One tenant for the users specs ("gemeente", Dutch), with the shared services built on its ports. */
export const T = '0b9c2f4e-7d1a-4c3b-9e8f-1a2b3c4d5e6f';
export const OTHER_TENANT = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
export const PASSWORD = 'lange zin als wachtwoord';
export const device = { name: 'iPhone van Mo', platform: 'ios' as const, appVersion: '3.1.0' };

export function world() {
  const p = inMemoryUsers();
  p.tenants.tenants.push({ id: T, slug: 'gemeente', name: 'Gemeente Oost', locale: 'nl-NL', suspended: false, secondFactorPolicy: 'optional', timeZone: 'Europe/Amsterdam', primaryColor: null, accentColor: null, logoMediaId: null });
  const invitations = new Invitations(p);
  const detachedReasons = () => p.audit.detached.map((e) => ({ subjectId: e.subjectId, details: e.details }));
  return { ...p, invitations, sessionsOf: new Sessions(p), detachedReasons };
}

export type World = ReturnType<typeof world>;

/** An active user, stored, with PASSWORD. */
export function activeUser(p: World, props: { email: string; name: string; roles: Role[] }): User {
  const user = valueOf(User.invite({ tenantId: T, ...props }, p.clock.now()));
  valueOf(user.activate(`hashed:${PASSWORD}`, p.clock.now()));
  p.users.add(user);
  return user;
}

export function withAdmin(p: World) {
  const admin = activeUser(p, { email: 'ada@oost.example', name: 'Ada Admin', roles: ['admin'] });
  return { admin, actor: userActor({ tenantId: T, userId: admin.id, roles: ['admin'] }) };
}
