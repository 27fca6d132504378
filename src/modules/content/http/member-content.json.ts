import { JsonText } from '../../../platform/http/json-text.js';
import type { MemberItemView, MyContentReply } from '../application/member-view.js';

type SyncBody = Extract<MyContentReply, { notModified: false }>['body'];

/**
 * The JSON of the item views a published tree's views share, made once per item view: every member
 * whose view shows the item is sent the same text. Such a view is frozen (it never changes); a
 * contact list filled in with the people in it is made for one answer, and serialised with it.
 */
const itemTexts = new WeakMap<MemberItemView, string>();

/**
 * The full sync of a view without contact lists, as bytes, by the view's items (frozen, shared by
 * every member with that view): they get the same answer, cursor included, for as long as the tree
 * and their view are unchanged.
 */
const fullSyncs = new WeakMap<readonly MemberItemView[], { cursor: string; bytes: Buffer }>();

function itemText(item: MemberItemView): string {
  if (!Object.isFrozen(item)) return JSON.stringify(item);
  let text = itemTexts.get(item);
  if (text === undefined) itemTexts.set(item, (text = JSON.stringify(item)));
  return text;
}

const itemsText = (items: readonly MemberItemView[]): string => `[${items.map(itemText).join(',')}]`;

const textOf = (body: SyncBody): string =>
  `{"cursor":${JSON.stringify(body.cursor)},"full":${String(body.full)},"items":${itemsText(body.items)},"updated":${itemsText(body.updated)},"removed":${JSON.stringify(body.removed)}}`;

/** A sync's answer as sent: the text JSON.stringify makes of the body, from the items' kept parts. */
export function syncText(body: SyncBody): JsonText {
  if (!body.full || !Object.isFrozen(body.items)) return new JsonText(textOf(body));
  const kept = fullSyncs.get(body.items);
  if (kept?.cursor === body.cursor) return new JsonText(kept.bytes);
  const bytes = Buffer.from(textOf(body));
  fullSyncs.set(body.items, { cursor: body.cursor, bytes });
  return new JsonText(bytes);
}
