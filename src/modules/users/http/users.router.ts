import { Router } from 'express';
import { pageOf, type PathOf, type QueryOf, type RequestBody } from '../../../platform/http/contract.js';
import { unwrap, type Endpoints } from '../../../platform/http/endpoint.js';
import type { CreateUser } from '../application/create-user.js';
import type { GetUser } from '../application/get-user.js';
import type { ListUsers } from '../application/list-users.js';
import type { UpdateUser } from '../application/update-user.js';
import { toUserDto } from './user.dto.js';

export interface UsersHttpDeps {
  endpoints: Endpoints;
  listUsers: ListUsers;
  getUser: GetUser;
  createUser: CreateUser;
  updateUser: UpdateUser;
}

/** The tenant's user list and profiles. */
export function usersRouter(deps: UsersHttpDeps): Router {
  const router = Router();
  const { endpoints } = deps;
  const read = { permission: 'users.read' } as const;
  const write = { permission: 'users.write' } as const;

  router.get(
    '/v1/users',
    endpoints.tenant({ ...read, rawStatements: true }, async (req, actor) => {
      const query = req.query as QueryOf<'listUsers'>;
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
      const { user, groupIds } = unwrap(await deps.getUser.execute({ actor, userId }));
      return { status: 200, body: toUserDto(user, groupIds) };
    }),
  );
  router.patch(
    '/v1/users/:userId',
    endpoints.tenant(write, async (req, actor) => {
      const { userId } = req.params as PathOf<'updateUser'>;
      const { user, groupIds } = unwrap(await deps.updateUser.execute({ actor, userId, changes: req.body as RequestBody<'updateUser'> }));
      return { status: 200, body: toUserDto(user, groupIds) };
    }),
  );
  return router;
}
