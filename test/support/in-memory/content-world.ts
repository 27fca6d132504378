import { FileLinks, type Reader } from '../../../src/modules/content/application/media.js';
import type { MediaAccessDecider } from '../../../src/modules/content/application/media-access.js';
import { UserViews } from '../../../src/modules/content/application/member-view.js';
import { AudienceLink } from '../../../src/modules/content/domain/audience.js';
import { Contact } from '../../../src/modules/content/domain/contact.js';
import { ContentItem, type ContentBody, type ContentKind } from '../../../src/modules/content/domain/content-item.js';
import { Media } from '../../../src/modules/content/domain/media.js';
import { permissionsOf } from '../../../src/platform/auth/permissions.js';
import { inMemoryContent } from './content.js';
import { userActor } from './platform.js';
import { valueOf } from './result.js';

/** One tenant for the content specs: an admin, two members in one group, an invited colleague. */
export const T = '0b9c2f4e-7d1a-4c3b-9e8f-1a2b3c4d5e6f';
export const OTHER_TENANT = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
export const ADMIN = '11111111-1111-4111-8111-111111111111';
export const MEMBER = '22222222-2222-4222-8222-222222222222';
export const COLLEAGUE = '33333333-3333-4333-8333-333333333333';
export const INVITED = '44444444-4444-4444-8444-444444444444';
export const GROUP = '55555555-5555-4555-8555-555555555555';
export const UNKNOWN = '66666666-6666-4666-8666-666666666666';

export const admin = userActor({ tenantId: T, userId: ADMIN, roles: ['admin'] });
export const member = userActor({ tenantId: T, userId: MEMBER, roles: ['member'] });
export const colleague = userActor({ tenantId: T, userId: COLLEAGUE, roles: ['member'] });

export const adminReader: Reader = { tenantId: T, userId: ADMIN, managesContent: true, permissions: permissionsOf(['admin']) };
export const memberReader: Reader = { tenantId: T, userId: MEMBER, managesContent: false, permissions: permissionsOf(['member']) };

export function world() {
  const p = inMemoryContent();
  p.people.groups.add(GROUP);
  p.people.people.push(
    { id: ADMIN, name: 'Ada Admin', email: 'ada@oost.example', jobTitle: 'Beheerder', phone: null, status: 'active', groupIds: [] },
    { id: MEMBER, name: 'Mo Lid', email: 'mo@oost.example', jobTitle: null, phone: null, status: 'active', groupIds: [GROUP] },
    { id: COLLEAGUE, name: 'Cas Collega', email: 'cas@oost.example', jobTitle: 'Brandweer', phone: '+31612345678', status: 'active', groupIds: [GROUP] },
    { id: INVITED, name: 'Ivo Uitgenodigd', email: 'ivo@oost.example', jobTitle: null, phone: null, status: 'invited', groupIds: [GROUP] },
  );
  const views = new UserViews(p);
  const deciders: MediaAccessDecider[] = [];
  const links = new FileLinks(p, views, () => deciders);
  return { ...p, views, deciders, links };
}

export type World = ReturnType<typeof world>;

/** An item stored directly (not through a use case), published unless said otherwise, with its audience. */
export function item(
  p: World,
  props: { kind?: ContentKind; title?: string; body?: ContentBody; parentId?: string | null; position?: number; draft?: boolean; everyone?: boolean; groupIds?: string[]; userIds?: string[]; tenantId?: string },
): ContentItem {
  const kind = props.kind ?? 'page';
  const body = props.body ?? (kind === 'page' ? { markdown: 'Verzamelen bij de hoofdingang.' } : {});
  const tenantId = props.tenantId ?? T;
  const created = valueOf(ContentItem.create({ tenantId, parentId: props.parentId ?? null, kind, title: props.title ?? 'Ontruimingsplan', body, position: props.position ?? 0 }, p.clock.now()));
  if (!props.draft) created.publish(p.clock.now());
  if (props.everyone) created.linkToEveryone(true, p.clock.now());
  p.items.add(created);
  for (const targetId of props.groupIds ?? []) p.items.audience.push(AudienceLink.of({ tenantId, itemId: created.id, targetType: 'group', targetId }));
  for (const targetId of props.userIds ?? []) p.items.audience.push(AudienceLink.of({ tenantId, itemId: created.id, targetType: 'user', targetId }));
  return created;
}

export function contact(p: World, props: Partial<Parameters<typeof Contact.create>[0]> & { name: string }): Contact {
  const created = valueOf(Contact.create({ tenantId: T, ...props }, p.clock.now()));
  p.contacts.add(created);
  return created;
}

export function image(p: World, props: { tenantId?: string; createdBy?: string; originalName?: string } = {}): Media {
  const media = Media.of(
    { tenantId: props.tenantId ?? T, kind: 'image', mimeType: 'image/jpeg', size: 21, width: 1200, height: 800, originalName: props.originalName ?? 'hal3.jpg', renditions: ['original', 'thumb', 'display'], createdBy: props.createdBy ?? ADMIN },
    p.clock.now(),
  );
  p.media.add(media);
  return media;
}

export function pdf(p: World, props: { originalName?: string } = {}): Media {
  const media = Media.of({ tenantId: T, kind: 'document', mimeType: 'application/pdf', size: 9, width: null, height: null, originalName: props.originalName ?? 'plan.pdf', renditions: ['original'], createdBy: ADMIN }, p.clock.now());
  p.media.add(media);
  return media;
}

/** The query part of a signed link (`/files/…?u=&exp=&sig=`), as the router hands it to the use case. */
export function linkParts(url: string): { u: string; exp: number; sig: string } {
  const query = new URLSearchParams(url.slice(url.indexOf('?') + 1));
  return { u: query.get('u') ?? '', exp: Number(query.get('exp')), sig: query.get('sig') ?? '' };
}
