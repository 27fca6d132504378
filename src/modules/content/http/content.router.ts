import { Router } from 'express';
import type { AuditLog } from '../../../platform/audit/audit-log.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { recordPersonalDataReads } from '../../../platform/audit/record-reads.js';
import { isoDate } from '../../../platform/domain/legal-basis.js';
import type { components, PathOf, QueryOf, RequestBody } from '../../../platform/http/contract.js';
import { unwrap, type Endpoints } from '../../../platform/http/endpoint.js';
import type { ChangePublication, CreateContentItem, DeleteContentItem, GetContentItem, ListContentItems, ListContentOutline, MoveContentItem, SetContentAudience, UpdateContentItem, AdminItemView } from '../application/content-items.js';
import type { CreateContact, DeleteContact, GetContact, ListContacts, UpdateContact } from '../application/contacts.js';
import type { GetMyContent, PreviewUserContent, SearchMyContent } from '../application/member-view.js';
import type { Contact } from '../domain/contact.js';
import type { GetContentReach } from '../application/reach.js';

export interface ContentHttpDeps {
  endpoints: Endpoints;
  audit: AuditLog;
  today: () => Date;
  getMyContent: GetMyContent;
  search: SearchMyContent;
  preview: PreviewUserContent;
  list: ListContentItems;
  outline: ListContentOutline;
  get: GetContentItem;
  create: CreateContentItem;
  update: UpdateContentItem;
  move: MoveContentItem;
  publish: ChangePublication;
  unpublish: ChangePublication;
  remove: DeleteContentItem;
  setAudience: SetContentAudience;
  reach: GetContentReach;
  createContact: CreateContact;
  listContacts: ListContacts;
  getContact: GetContact;
  updateContact: UpdateContact;
  deleteContact: DeleteContact;
}

function toItemDto(view: AdminItemView): components['schemas']['ContentItem'] {
  const { item } = view;
  return {
    id: item.id,
    parentId: item.parentId,
    kind: item.kind,
    title: item.title,
    position: item.position,
    status: item.status,
    body: item.body,
    audience: view.audience,
    unreachable: view.unreachable,
    version: item.version,
    createdAt: item.createdAt.toISOString(),
    updatedAt: item.updatedAt.toISOString(),
    publishedAt: item.publishedAt?.toISOString() ?? null,
  };
}

function toContactDto(contact: Contact): components['schemas']['Contact'] {
  return {
    id: contact.id,
    name: contact.name,
    organisation: contact.organisation,
    function: contact.function,
    phones: contact.phones,
    email: contact.email,
    notes: contact.notes,
    retentionUntil: contact.retentionUntil,
    legalBasis: contact.legalBasis,
    legalBasisNote: contact.legalBasisNote,
    createdAt: contact.createdAt.toISOString(),
    updatedAt: contact.updatedAt.toISOString(),
  };
}

/**
 * Records a personal_data.read per person a response shows inside its contact lists (colleagues
 * and contact persons, category contact_list), one entry per person, flushed as one batched
 * insert with the request's transaction. Nothing is written (no round trip) for a response
 * without contact lists; the caller's own entry is left out.
 */
export function recordContactListReads(audit: ContentHttpDeps['audit'], actor: Actor, items: Iterable<{ kind: string; body: unknown }>): void {
  const users: string[] = [];
  const contacts: string[] = [];
  for (const item of items) {
    if (item.kind !== 'contact_list') continue;
    for (const entry of ((item.body as { entries?: Array<{ type: string; id: string }> }).entries ?? [])) (entry.type === 'user' ? users : contacts).push(entry.id);
  }
  if (users.length) recordPersonalDataReads(audit, actor, 'user', users, 'contact_list');
  if (contacts.length) recordPersonalDataReads(audit, actor, 'contact', contacts, 'contact_list');
}

export function contentRouter(deps: ContentHttpDeps): Router {
  const router = Router();
  const { endpoints } = deps;
  const read = { permission: 'content.read' } as const;
  const write = { permission: 'content.write' } as const;

  router.get(
    '/v1/me/content',
    endpoints.person({ permission: 'me.content' }, async (req, actor) => {
      const { since } = req.query as QueryOf<'getMyContent'>;
      const reply = unwrap(
        await deps.getMyContent.execute({
          actor,
          ...(since ? { since } : {}),
          ...(req.get('if-none-match') ? { ifNoneMatch: req.get('if-none-match')! } : {}),
        }),
      );
      const headers = { etag: reply.etag, 'cache-control': 'private, no-cache' };
      if (reply.notModified) return { status: 304, headers };
      // What this response shows: the whole view, or only the added and updated items of a delta.
      recordContactListReads(deps.audit, actor, [...reply.body.items, ...reply.body.updated]);
      return { status: 200, body: reply.body, headers };
    }),
  );
  router.get(
    '/v1/me/content/search',
    endpoints.person({ permission: 'me.content' }, async (req, actor) => {
      const { q, limit } = req.query as unknown as QueryOf<'searchMyContent'>;
      const hits = await deps.search.execute({ actor, q, limit: limit ?? 20 });
      recordContactListReads(deps.audit, actor, hits.map((hit) => hit.item));
      return { status: 200, body: { items: hits.map((hit) => ({ ...hit.item, extract: hit.extract })) } };
    }),
  );
  router.get(
    '/v1/content/preview/:userId',
    endpoints.tenant(read, async (req, actor) => {
      const { userId } = req.params as PathOf<'previewUserContent'>;
      const body = unwrap(await deps.preview.execute({ tenantId: actor.tenantId, userId }));
      recordPersonalDataReads(deps.audit, actor, 'user', [userId], 'content_view');
      recordContactListReads(deps.audit, actor, body.items);
      return { status: 200, body };
    }),
  );
  router.get(
    '/v1/content/items',
    endpoints.tenant(read, async (_req, actor) => ({ status: 200, body: { items: (await deps.list.execute({ tenantId: actor.tenantId })).map(toItemDto) } })),
  );
  router.get(
    '/v1/content/outline',
    endpoints.tenant(read, async (_req, actor) => ({
      status: 200,
      body: {
        items: (await deps.outline.execute({ tenantId: actor.tenantId })).map((row) => ({
          id: row.id,
          parentId: row.parentId,
          kind: row.kind,
          title: row.title,
          position: row.position,
          status: row.status,
          audience: { everyone: row.everyone, groupIds: row.groupIds, userIds: row.userIds },
          unreachable: row.unreachable,
          version: row.version,
          updatedAt: row.updatedAt.toISOString(),
        })),
      },
    })),
  );
  router.post(
    '/v1/content/items',
    endpoints.tenant(write, async (req, actor) => {
      const body = req.body as RequestBody<'createContentItem'>;
      const view = unwrap(
        await deps.create.execute({
          actor,
          parentId: body.parentId ?? null,
          kind: body.kind,
          title: body.title,
          body: body.body,
          ...(body.position !== undefined ? { position: body.position } : {}),
        }),
      );
      return { status: 201, body: toItemDto(view), headers: { location: `/v1/content/items/${view.item.id}` } };
    }),
  );
  router.get(
    '/v1/content/items/:itemId',
    endpoints.tenant(read, async (req, actor) => {
      const { itemId } = req.params as PathOf<'getContentItem'>;
      return { status: 200, body: toItemDto(unwrap(await deps.get.execute({ tenantId: actor.tenantId, itemId }))) };
    }),
  );
  router.patch(
    '/v1/content/items/:itemId',
    endpoints.tenant(write, async (req, actor) => {
      const { itemId } = req.params as PathOf<'updateContentItem'>;
      const changes = req.body as RequestBody<'updateContentItem'>;
      return {
        status: 200,
        body: toItemDto(
          unwrap(await deps.update.execute({ actor, itemId, changes: { ...(changes.title ? { title: changes.title } : {}), ...(changes.body ? { body: changes.body } : {}) } })),
        ),
      };
    }),
  );
  router.delete(
    '/v1/content/items/:itemId',
    endpoints.tenant(write, async (req, actor) => {
      const { itemId } = req.params as PathOf<'deleteContentItem'>;
      unwrap(await deps.remove.execute({ actor, itemId }));
      return { status: 204 };
    }),
  );
  router.post(
    '/v1/content/items/:itemId/move',
    endpoints.tenant(write, async (req, actor) => {
      const { itemId } = req.params as PathOf<'moveContentItem'>;
      const body = req.body as RequestBody<'moveContentItem'>;
      const view = unwrap(await deps.move.execute({ actor, itemId, parentId: body.parentId ?? null, ...(body.position !== undefined ? { position: body.position } : {}) }));
      return { status: 200, body: toItemDto(view) };
    }),
  );
  for (const [path, useCase] of [
    ['publish', deps.publish],
    ['unpublish', deps.unpublish],
  ] as const) {
    router.post(
      `/v1/content/items/:itemId/${path}`,
      endpoints.tenant(write, async (req, actor) => {
        const { itemId } = req.params as PathOf<'publishContentItem'>;
        return { status: 200, body: toItemDto(unwrap(await useCase.execute({ actor, itemId }))) };
      }),
    );
  }
  router.put(
    '/v1/content/items/:itemId/audience',
    endpoints.tenant(write, async (req, actor) => {
      const { itemId } = req.params as PathOf<'setContentAudience'>;
      const body = req.body as RequestBody<'setContentAudience'>;
      const view = unwrap(await deps.setAudience.execute({ actor, itemId, everyone: body.everyone, groupIds: body.groupIds ?? [], userIds: body.userIds ?? [] }));
      return { status: 200, body: toItemDto(view) };
    }),
  );
  router.get(
    '/v1/content/items/:itemId/reach',
    endpoints.tenant(write, async (req, actor) => {
      const { itemId } = req.params as PathOf<'getContentReach'>;
      const query = req.query as QueryOf<'getContentReach'>;
      const page = query.page ?? 1;
      const pageSize = query.pageSize ?? 50;
      const reach = unwrap(await deps.reach.execute({ tenantId: actor.tenantId, itemId, page, pageSize, ...(query.search ? { search: query.search } : {}) }));
      // Names and addresses of the people on this page: read as their profile is.
      recordPersonalDataReads(deps.audit, actor, 'user', reach.users.map((u) => u.id), 'profile');
      return { status: 200, body: { ...reach, page, pageSize } };
    }),
  );

  router.get(
    '/v1/contacts',
    endpoints.tenant(read, async (req, actor) => {
      const query = req.query as QueryOf<'listContacts'>;
      const page = await deps.listContacts.execute({
        tenantId: actor.tenantId,
        page: query.page ?? 1,
        pageSize: query.pageSize ?? 50,
        ...(query.search ? { search: query.search } : {}),
        ...(query.pastRetention ? { pastRetentionOn: isoDate(deps.today()) } : {}),
        ...(query.noLegalBasis ? { noLegalBasis: true } : {}),
      });
      recordPersonalDataReads(deps.audit, actor, 'contact', page.items.map((c) => c.id), 'contact');
      return { status: 200, body: { ...page, items: page.items.map(toContactDto) } };
    }),
  );
  router.post(
    '/v1/contacts',
    endpoints.tenant(write, async (req, actor) => {
      const contact = unwrap(await deps.createContact.execute({ actor, ...(req.body as RequestBody<'createContact'>) }));
      return { status: 201, body: toContactDto(contact), headers: { location: `/v1/contacts/${contact.id}` } };
    }),
  );
  router.get(
    '/v1/contacts/:contactId',
    endpoints.tenant(read, async (req, actor) => {
      const { contactId } = req.params as PathOf<'getContact'>;
      const body = toContactDto(unwrap(await deps.getContact.execute({ tenantId: actor.tenantId, contactId })));
      recordPersonalDataReads(deps.audit, actor, 'contact', [contactId], 'contact');
      return { status: 200, body };
    }),
  );
  router.patch(
    '/v1/contacts/:contactId',
    endpoints.tenant(write, async (req, actor) => {
      const { contactId } = req.params as PathOf<'updateContact'>;
      const changes = req.body as RequestBody<'updateContact'>;
      return { status: 200, body: toContactDto(unwrap(await deps.updateContact.execute({ actor, contactId, changes }))) };
    }),
  );
  router.delete(
    '/v1/contacts/:contactId',
    endpoints.tenant(write, async (req, actor) => {
      const { contactId } = req.params as PathOf<'deleteContact'>;
      unwrap(await deps.deleteContact.execute({ actor, contactId }));
      return { status: 204 };
    }),
  );
  return router;
}
