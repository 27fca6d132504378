import { Router } from 'express';
import { pageOf, type PathOf, type QueryOf, type RequestBody } from '../../../platform/http/contract.js';
import { unwrap, type Endpoints } from '../../../platform/http/endpoint.js';
import type { AddGroupMember, CreateGroup, DeleteGroup, GetGroup, ListGroupMembers, ListGroups, RemoveGroupMember, UpdateGroup } from '../application/groups.js';
import { toGroupDto, toUserDto } from './user.dto.js';

export interface GroupsHttpDeps {
  endpoints: Endpoints;
  createGroup: CreateGroup;
  listGroups: ListGroups;
  getGroup: GetGroup;
  updateGroup: UpdateGroup;
  deleteGroup: DeleteGroup;
  listMembers: ListGroupMembers;
  addMember: AddGroupMember;
  removeMember: RemoveGroupMember;
}

export function groupsRouter(deps: GroupsHttpDeps): Router {
  const router = Router();
  const { endpoints } = deps;
  const read = { permission: 'groups.read' } as const;
  const write = { permission: 'groups.write' } as const;

  router.get(
    '/v1/groups',
    endpoints.tenant(read, async (req, actor) => {
      const query = req.query as QueryOf<'listGroups'>;
      const page = await deps.listGroups.execute({
        actor,
        ...pageOf(query),
        ...(query.type ? { type: query.type } : {}),
        ...(query.search ? { search: query.search } : {}),
      });
      return { status: 200, body: { ...page, items: page.items.map((v) => toGroupDto(v.group, v.memberCount)) } };
    }),
  );
  router.post(
    '/v1/groups',
    endpoints.tenant(write, async (req, actor) => {
      const body = req.body as RequestBody<'createGroup'>;
      const view = unwrap(await deps.createGroup.execute({ actor, name: body.name, type: body.type, description: body.description ?? null }));
      return { status: 201, body: toGroupDto(view.group, view.memberCount), headers: { location: `/v1/groups/${view.group.id}` } };
    }),
  );
  router.get(
    '/v1/groups/:groupId',
    endpoints.tenant(read, async (req, actor) => {
      const { groupId } = req.params as PathOf<'getGroup'>;
      const view = unwrap(await deps.getGroup.execute({ actor, groupId }));
      return { status: 200, body: toGroupDto(view.group, view.memberCount) };
    }),
  );
  router.patch(
    '/v1/groups/:groupId',
    endpoints.tenant(write, async (req, actor) => {
      const { groupId } = req.params as PathOf<'updateGroup'>;
      const view = unwrap(await deps.updateGroup.execute({ actor, groupId, changes: req.body as RequestBody<'updateGroup'> }));
      return { status: 200, body: toGroupDto(view.group, view.memberCount) };
    }),
  );
  router.delete(
    '/v1/groups/:groupId',
    endpoints.tenant(write, async (req, actor) => {
      const { groupId } = req.params as PathOf<'deleteGroup'>;
      unwrap(await deps.deleteGroup.execute({ actor, groupId }));
      return { status: 204 };
    }),
  );
  router.get(
    '/v1/groups/:groupId/members',
    endpoints.tenant(read, async (req, actor) => {
      const { groupId } = req.params as PathOf<'listGroupMembers'>;
      const query = req.query as QueryOf<'listGroupMembers'>;
      const page = unwrap(await deps.listMembers.execute({ actor, groupId, ...pageOf(query) }));
      return { status: 200, body: { ...page, items: page.items.map((i) => toUserDto(i.user, i.groupIds)) } };
    }),
  );
  router.put(
    '/v1/groups/:groupId/members/:userId',
    endpoints.tenant(write, async (req, actor) => {
      const { groupId, userId } = req.params as PathOf<'addGroupMember'>;
      unwrap(await deps.addMember.execute({ actor, groupId, userId }));
      return { status: 204 };
    }),
  );
  router.delete(
    '/v1/groups/:groupId/members/:userId',
    endpoints.tenant(write, async (req, actor) => {
      const { groupId, userId } = req.params as PathOf<'removeGroupMember'>;
      unwrap(await deps.removeMember.execute({ actor, groupId, userId }));
      return { status: 204 };
    }),
  );
  return router;
}
