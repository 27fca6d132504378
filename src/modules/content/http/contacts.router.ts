import type { Router } from 'express';
import { pageOf } from '../../../platform/http/contract.js';
import { unwrap } from '../../../platform/http/endpoint.js';
import { created, noContentAfter, ok, operationsRouter } from '../../../platform/http/operations.js';
import { toContactDto } from './content.dto.js';
import { read, write, type ContentHttpDeps } from './content-http.js';

/** The tenant's contact persons (outside the organisation), shown in contact lists. */
export function contactsRouter(deps: Pick<ContentHttpDeps, 'endpoints' | 'createContact' | 'listContacts' | 'getContact' | 'updateContact' | 'deleteContact'>): Router {
  return operationsRouter(deps.endpoints, {
    listContacts: (op) =>
      op.tenant(read, async ({ query }, actor) => {
        const filters = { ...(query.search ? { search: query.search } : {}), ...(query.pastRetention ? { pastRetention: true } : {}), ...(query.noLegalBasis ? { noLegalBasis: true } : {}) };
        const page = await deps.listContacts.execute({ actor, ...pageOf(query), ...filters });
        return ok({ ...page, items: page.items.map(toContactDto) });
      }),
    createContact: (op) =>
      op.tenant(write, async ({ body }, actor) => {
        const contact = unwrap(await deps.createContact.execute({ actor, ...body }));
        return created(toContactDto(contact), `/v1/contacts/${contact.id}`);
      }),
    getContact: (op) => op.tenant(read, async ({ path }, actor) => ok(toContactDto(unwrap(await deps.getContact.execute({ actor, ...path }))))),
    updateContact: (op) =>
      op.tenant(write, async ({ path, body }, actor) => ok(toContactDto(unwrap(await deps.updateContact.execute({ actor, ...path, changes: body }))))),
    deleteContact: (op) => op.tenant(write, ({ path }, actor) => noContentAfter(deps.deleteContact.execute({ actor, ...path }))),
  });
}
