import type { Router } from 'express';
import { pageOf } from '../../../platform/http/contract.js';
import { unwrap } from '../../../platform/http/endpoint.js';
import { created, ok, operationsRouter } from '../../../platform/http/operations.js';
import { toGroupDto, toUserDto } from './user.dto.js';
import { noContentAfter } from '../../../platform/http/operations.js';
import type { UsersHttpDeps } from './users-http.js';

/** The tenant's groups and teams, and who is in them. */
export function groupsRouter(
  deps: Pick<UsersHttpDeps, 'endpoints' | 'createGroup' | 'listGroups' | 'getGroup' | 'updateGroup' | 'deleteGroup' | 'listMembers' | 'addMember' | 'removeMember'>,
): Router {
  const read = { permission: 'groups.read' } as const;
  const write = { permission: 'groups.write' } as const;
  return operationsRouter(deps.endpoints, {
    listGroups: (op) =>
      op.tenant(read, async ({ query }, actor) => {
        const page = await deps.listGroups.execute({ actor, ...pageOf(query), ...(query.type ? { type: query.type } : {}), ...(query.search ? { search: query.search } : {}) });
        return ok({ ...page, items: page.items.map(toGroupDto) });
      }),
    createGroup: (op) =>
      op.tenant(write, async ({ body }, actor) => {
        const view = unwrap(await deps.createGroup.execute({ actor, name: body.name, type: body.type, description: body.description ?? null }));
        return created(toGroupDto(view), `/v1/groups/${view.group.id}`);
      }),
    getGroup: (op) => op.tenant(read, async ({ path }, actor) => ok(toGroupDto(unwrap(await deps.getGroup.execute({ actor, ...path }))))),
    updateGroup: (op) =>
      op.tenant(write, async ({ path, body }, actor) => ok(toGroupDto(unwrap(await deps.updateGroup.execute({ actor, ...path, changes: body }))))),
    deleteGroup: (op) => op.tenant(write, ({ path }, actor) => noContentAfter(deps.deleteGroup.execute({ actor, ...path }))),
    listGroupMembers: (op) =>
      op.tenant(read, async ({ path, query }, actor) => {
        const page = unwrap(await deps.listMembers.execute({ actor, ...path, ...pageOf(query) }));
        return ok({ ...page, items: page.items.map(toUserDto) });
      }),
    addGroupMember: (op) => op.tenant(write, ({ path }, actor) => noContentAfter(deps.addMember.execute({ actor, ...path }))),
    removeGroupMember: (op) => op.tenant(write, ({ path }, actor) => noContentAfter(deps.removeMember.execute({ actor, ...path }))),
  });
}
