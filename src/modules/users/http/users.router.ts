import { Router } from 'express';
import type { AuditLog } from '../../../platform/audit/audit-log.js';
import { recordPersonalDataReads } from '../../../platform/audit/record-reads.js';
import { isoDate } from '../../../platform/domain/legal-basis.js';
import type { PathOf, QueryOf, RequestBody } from '../../../platform/http/contract.js';
import { unwrap, type Endpoints } from '../../../platform/http/endpoint.js';
import type { CreateUser } from '../application/create-user.js';
import type { DeactivateUser } from '../application/deactivate-user.js';
import type { GetUser } from '../application/get-user.js';
import type { ListUsers } from '../application/list-users.js';
import type { ListSessions } from '../application/me.js';
import type { ReactivateUser } from '../application/reactivate-user.js';
import type { ResendInvitation } from '../application/resend-invitation.js';
import type { ResetUserSecondFactor } from '../application/reset-user-second-factor.js';
import type { RevokeUserSessions } from '../application/revoke-user-sessions.js';
import type { UpdateUser } from '../application/update-user.js';
import { toSessionDto, toUserDto } from './user.dto.js';

export interface UsersHttpDeps {
  endpoints: Endpoints;
  audit: AuditLog;
  today: () => Date;
  listUsers: ListUsers;
  getUser: GetUser;
  createUser: CreateUser;
  updateUser: UpdateUser;
  deactivateUser: DeactivateUser;
  reactivateUser: ReactivateUser;
  resendInvitation: ResendInvitation;
  listSessions: ListSessions;
  revokeUserSessions: RevokeUserSessions;
  resetSecondFactor: ResetUserSecondFactor;
}

export function usersRouter(deps: UsersHttpDeps): Router {
  const router = Router();
  const { endpoints } = deps;
  const read = { permission: 'users.read' } as const;
  const write = { permission: 'users.write' } as const;
  const withGroups = async (tenantId: string, userId: string) => {
    const { user, groupIds } = unwrap(await deps.getUser.execute({ tenantId, userId }));
    return toUserDto(user, groupIds);
  };

  router.get(
    '/v1/users',
    endpoints.tenant(read, async (req, actor) => {
      const query = req.query as QueryOf<'listUsers'>;
      const page = await deps.listUsers.execute({
        tenantId: actor.tenantId,
        page: query.page ?? 1,
        pageSize: query.pageSize ?? 50,
        ...(query.search ? { search: query.search } : {}),
        ...(query.role ? { role: query.role } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.group ? { groupId: query.group } : {}),
        ...(query.pastRetention ? { pastRetentionOn: isoDate(deps.today()) } : {}),
        ...(query.noLegalBasis ? { noLegalBasis: true } : {}),
      });
      recordPersonalDataReads(deps.audit, actor, 'user', page.items.map((i) => i.user.id), 'profile');
      return { status: 200, body: { ...page, items: page.items.map((i) => toUserDto(i.user, i.groupIds)) } };
    }),
  );
  router.post(
    '/v1/users',
    endpoints.tenant(write, async (req, actor) => {
      const body = req.body as RequestBody<'createUser'>;
      const user = unwrap(await deps.createUser.execute({ actor, ...body }));
      return { status: 201, body: toUserDto(user, [...new Set(body.groupIds ?? [])]), headers: { location: `/v1/users/${user.id}` } };
    }),
  );
  router.get(
    '/v1/users/:userId',
    endpoints.tenant(read, async (req, actor) => {
      const { userId } = req.params as PathOf<'getUser'>;
      const body = await withGroups(actor.tenantId, userId);
      recordPersonalDataReads(deps.audit, actor, 'user', [userId], 'profile');
      return { status: 200, body };
    }),
  );
  router.patch(
    '/v1/users/:userId',
    endpoints.tenant(write, async (req, actor) => {
      const { userId } = req.params as PathOf<'updateUser'>;
      unwrap(await deps.updateUser.execute({ actor, userId, changes: req.body as RequestBody<'updateUser'> }));
      return { status: 200, body: await withGroups(actor.tenantId, userId) };
    }),
  );
  router.post(
    '/v1/users/:userId/deactivate',
    endpoints.tenant(write, async (req, actor) => {
      const { userId } = req.params as PathOf<'deactivateUser'>;
      unwrap(await deps.deactivateUser.execute({ actor, userId }));
      return { status: 200, body: await withGroups(actor.tenantId, userId) };
    }),
  );
  router.post(
    '/v1/users/:userId/reactivate',
    endpoints.tenant(write, async (req, actor) => {
      const { userId } = req.params as PathOf<'reactivateUser'>;
      unwrap(await deps.reactivateUser.execute({ actor, userId }));
      return { status: 200, body: await withGroups(actor.tenantId, userId) };
    }),
  );
  router.post(
    '/v1/users/:userId/invitation',
    endpoints.tenant(write, async (req, actor) => {
      const { userId } = req.params as PathOf<'resendInvitation'>;
      unwrap(await deps.resendInvitation.execute({ actor, userId }));
      return { status: 202 };
    }),
  );
  router.get(
    '/v1/users/:userId/sessions',
    endpoints.tenant(write, async (req, actor) => {
      const { userId } = req.params as PathOf<'listUserSessions'>;
      const sessions = unwrap(await deps.listSessions.execute({ actor, userId }));
      recordPersonalDataReads(deps.audit, actor, 'user', [userId], 'devices');
      return { status: 200, body: { items: sessions.map((s) => toSessionDto(s, actor.sessionId)) } };
    }),
  );
  router.post(
    '/v1/users/:userId/sessions/revoke',
    endpoints.tenant(write, async (req, actor) => {
      const { userId } = req.params as PathOf<'revokeUserSessions'>;
      unwrap(await deps.revokeUserSessions.execute({ actor, userId }));
      return { status: 204 };
    }),
  );
  router.delete(
    '/v1/users/:userId/second-factor',
    endpoints.tenant(write, async (req, actor) => {
      const { userId } = req.params as PathOf<'resetUserSecondFactor'>;
      unwrap(await deps.resetSecondFactor.execute({ actor, userId }));
      return { status: 204 };
    }),
  );
  return router;
}
