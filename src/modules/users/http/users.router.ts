import type { Router } from 'express';
import type { Actor } from '../../../platform/auth/actor.js';
import { pageOf } from '../../../platform/http/contract.js';
import { unwrap } from '../../../platform/http/endpoint.js';
import { created, ok, operationsRouter } from '../../../platform/http/operations.js';
import type { DeactivateUser } from '../application/deactivate-user.js';
import type { GetUser } from '../application/get-user.js';
import type { ReactivateUser } from '../application/reactivate-user.js';
import { toSessionDto, toUserDto } from './user.dto.js';
import { noContentAfter } from '../../../platform/http/operations.js';
import type { UsersHttpDeps } from './users-http.js';

type UsersRouterDeps = Pick<
  UsersHttpDeps,
  | 'endpoints'
  | 'listUsers'
  | 'getUser'
  | 'createUser'
  | 'updateUser'
  | 'deactivateUser'
  | 'reactivateUser'
  | 'resendInvitation'
  | 'listSessions'
  | 'revokeUserSessions'
  | 'resetSecondFactor'
>;

/** The tenant's users as its admins manage them: the list, profiles, account status, sessions and second factor. */
export function usersRouter(deps: UsersRouterDeps): Router {
  const read = { permission: 'users.read' } as const;
  const write = { permission: 'users.write' } as const;
  /** Reading a user and changing their status both answer with the user as the list shows them. */
  const userOf =
    (useCase: GetUser | DeactivateUser | ReactivateUser) =>
    async ({ path }: { path: { userId: string } }, actor: Actor) =>
      ok(toUserDto(unwrap(await useCase.execute({ actor, ...path }))));
  return operationsRouter(deps.endpoints, {
    listUsers: (op) =>
      op.tenant({ ...read, rawStatements: true }, async ({ query }, actor) => {
        const page = await deps.listUsers.execute({
          actor,
          ...pageOf(query),
          ...(query.search ? { search: query.search } : {}),
          ...(query.role ? { role: query.role } : {}),
          ...(query.status ? { status: query.status } : {}),
          ...(query.group ? { groupId: query.group } : {}),
          ...(query.pastRetention ? { pastRetention: true } : {}),
          ...(query.noLegalBasis ? { noLegalBasis: true } : {}),
        });
        return ok({ ...page, items: page.items.map(toUserDto) });
      }),
    createUser: (op) =>
      op.tenant(write, async ({ body }, actor) => {
        const user = unwrap(await deps.createUser.execute({ actor, ...body }));
        return created(toUserDto({ user, groupIds: [...new Set(body.groupIds ?? [])] }), `/v1/users/${user.id}`);
      }),
    getUser: (op) => op.tenant(read, userOf(deps.getUser)),
    updateUser: (op) =>
      op.tenant(write, async ({ path, body }, actor) => ok(toUserDto(unwrap(await deps.updateUser.execute({ actor, ...path, changes: body }))))),
    deactivateUser: (op) => op.tenant(write, userOf(deps.deactivateUser)),
    reactivateUser: (op) => op.tenant(write, userOf(deps.reactivateUser)),
    resendInvitation: (op) =>
      op.tenant(write, async ({ path }, actor) => {
        unwrap(await deps.resendInvitation.execute({ actor, ...path }));
        return { status: 202 };
      }),
    listUserSessions: (op) =>
      op.tenant(write, async ({ path }, actor) => {
        const sessions = unwrap(await deps.listSessions.execute({ actor, ...path }));
        return ok({ items: sessions.map((s) => toSessionDto(s, actor.sessionId)) });
      }),
    revokeUserSessions: (op) => op.tenant(write, ({ path }, actor) => noContentAfter(deps.revokeUserSessions.execute({ actor, ...path }))),
    resetUserSecondFactor: (op) => op.tenant(write, ({ path }, actor) => noContentAfter(deps.resetSecondFactor.execute({ actor, ...path }))),
  });
}
