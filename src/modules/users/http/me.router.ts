import type { Router } from 'express';
import { unwrap } from '../../../platform/http/endpoint.js';
import { ok, operationsRouter } from '../../../platform/http/operations.js';
import { toMeDto, toSessionDto } from './user.dto.js';
import { noContentAfter } from '../../../platform/http/operations.js';
import type { UsersHttpDeps } from './users-http.js';

/** The signed-in person's own account: profile, device sessions and second factor. */
export function meRouter(
  deps: Pick<UsersHttpDeps, 'endpoints' | 'getMe' | 'listSessions' | 'revokeMySession' | 'startEnrolment' | 'confirmEnrolment' | 'disableSecondFactor'>,
): Router {
  const sessions = { permission: 'me.write' } as const;
  const secondFactor = { permission: 'me.second_factor' } as const;
  return operationsRouter(deps.endpoints, {
    getMe: (op) => op.person({ permission: 'me.read' }, async (_input, actor) => ok(toMeDto(unwrap(await deps.getMe.execute({ actor })), actor.permissions))),
    listMySessions: (op) =>
      op.person(sessions, async (_input, actor) => {
        const list = unwrap(await deps.listSessions.execute({ actor, userId: actor.userId }));
        return ok({ items: list.map((s) => toSessionDto(s, actor.sessionId)) });
      }),
    revokeMySession: (op) => op.person(sessions, ({ path }, actor) => noContentAfter(deps.revokeMySession.execute({ actor, ...path }))),
    startSecondFactorEnrolment: (op) => op.person(secondFactor, async (_input, actor) => ok(unwrap(await deps.startEnrolment.execute({ actor })))),
    confirmSecondFactorEnrolment: (op) => op.person(secondFactor, async ({ body }, actor) => ok(unwrap(await deps.confirmEnrolment.execute({ actor, code: body.code })))),
    disableMySecondFactor: (op) => op.person(secondFactor, ({ body }, actor) => noContentAfter(deps.disableSecondFactor.execute({ actor, code: body.code }))),
  });
}
