import { Router } from 'express';
import { pageOf, type PathOf, type QueryOf, type RequestBody } from '../../../platform/http/contract.js';
import { unwrap, type Endpoints } from '../../../platform/http/endpoint.js';
import type { CreateContact, DeleteContact, GetContact, ListContacts, UpdateContact } from '../application/contacts.js';
import { toContactDto } from './content.dto.js';

export interface ContactsHttpDeps {
  endpoints: Endpoints;
  createContact: CreateContact;
  listContacts: ListContacts;
  getContact: GetContact;
  updateContact: UpdateContact;
  deleteContact: DeleteContact;
}

/** The tenant's contact persons (outside the organisation), shown in contact lists. */
export function contactsRouter(deps: ContactsHttpDeps): Router {
  const router = Router();
  const { endpoints } = deps;
  const read = { permission: 'content.read' } as const;
  const write = { permission: 'content.write' } as const;
  router.get(
    '/v1/contacts',
    endpoints.tenant(read, async (req, actor) => {
      const query = req.query as QueryOf<'listContacts'>;
      const page = await deps.listContacts.execute({
        actor,
        ...pageOf(query),
        ...(query.search ? { search: query.search } : {}),
        ...(query.pastRetention ? { pastRetention: true } : {}),
        ...(query.noLegalBasis ? { noLegalBasis: true } : {}),
      });
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
      return { status: 200, body: toContactDto(unwrap(await deps.getContact.execute({ actor, contactId }))) };
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
