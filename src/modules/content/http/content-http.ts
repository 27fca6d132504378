import type { Actor } from '../../../platform/auth/actor.js';
import type { Endpoints } from '../../../platform/http/endpoint.js';
import type { CreateContact, DeleteContact, GetContact, ListContacts, UpdateContact } from '../application/contacts.js';
import type {
  ChangePublication,
  CreateContentItem,
  DeleteContentItem,
  GetContentItem,
  ListContentItems,
  ListContentOutline,
  MoveContentItem,
  SetContentAudience,
  UpdateContentItem,
} from '../application/content-items.js';
import type { GetItemLink, OpenItemLink } from '../application/item-links.js';
import type { GetMedia, ListMedia, OpenFile, Reader, UploadMedia } from '../application/media.js';
import type { GetMyContent, PreviewUserContent, SearchMyContent } from '../application/member-view.js';
import type { GetContentReach } from '../application/reach.js';

/** The use cases behind the content routers; each router takes the part it serves. */
export interface ContentHttpDeps {
  endpoints: Endpoints;
  /** Responses are checked against the contract (the tests): an answer sent as JSON text is parsed for it. */
  validateResponses: boolean;
  getMyContent: GetMyContent;
  searchMyContent: SearchMyContent;
  previewUserContent: PreviewUserContent;
  listItems: ListContentItems;
  outline: ListContentOutline;
  getItem: GetContentItem;
  createItem: CreateContentItem;
  updateItem: UpdateContentItem;
  deleteItem: DeleteContentItem;
  moveItem: MoveContentItem;
  publish: ChangePublication;
  unpublish: ChangePublication;
  setAudience: SetContentAudience;
  reach: GetContentReach;
  createContact: CreateContact;
  listContacts: ListContacts;
  getContact: GetContact;
  updateContact: UpdateContact;
  deleteContact: DeleteContact;
  uploadMedia: UploadMedia;
  getMedia: GetMedia;
  listMedia: ListMedia;
  openFile: OpenFile;
  getItemLink: GetItemLink;
  openItemLink: OpenItemLink;
}

/** Editors read the tree with the one permission and change it with the other. */
export const read = { permission: 'content.read' } as const;
export const write = { permission: 'content.write' } as const;

/** Who reads a file or an item link: the caller, and what their permissions let them see. */
export function readerOf(actor: Actor): Reader {
  return { tenantId: actor.tenantId, userId: actor.userId ?? actor.actorId, managesContent: actor.permissions.has('content.read'), permissions: actor.permissions };
}
