import { Router } from 'express';
import type { PathOf, QueryOf } from '../../../platform/http/contract.js';
import { unwrap, type Endpoints } from '../../../platform/http/endpoint.js';
import type { GetUser } from '../application/get-user.js';
import type { ListUsers } from '../application/list-users.js';
import { toUserDto } from './user.dto.js';

export function usersRouter(deps: { endpoints: Endpoints; listUsers: ListUsers; getUser: GetUser }): Router {
  const router = Router();
  router.get(
    '/v1/users',
    deps.endpoints.tenant({ permission: 'users.read' }, async (req, actor) => {
      const query = req.query as QueryOf<'listUsers'>;
      const page = await deps.listUsers.execute({
        tenantId: actor.tenantId,
        page: query.page ?? 1,
        pageSize: query.pageSize ?? 50,
        ...(query.search ? { search: query.search } : {}),
        ...(query.role ? { role: query.role } : {}),
        ...(query.status ? { status: query.status } : {}),
      });
      return { status: 200, body: { ...page, items: page.items.map(toUserDto) } };
    }),
  );
  router.get(
    '/v1/users/:userId',
    deps.endpoints.tenant({ permission: 'users.read' }, async (req, actor) => {
      const { userId } = req.params as PathOf<'getUser'>;
      return { status: 200, body: toUserDto(unwrap(await deps.getUser.execute({ tenantId: actor.tenantId, userId }))) };
    }),
  );
  return router;
}
