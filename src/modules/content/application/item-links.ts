import { createHmac, timingSafeEqual } from 'node:crypto';
import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { ItemLinkRefused } from '../domain/content.errors.js';
import type { ContentDeps } from './deps.js';
import type { Reader } from './media.js';
import type { MemberItemView, UserViews } from './member-view.js';

/**
 * Deep links to one item, signed for one user (HMAC-SHA256 over tenant, user, item and expiry,
 * with the file-link secret; the signed text starts with `item-link|`, so a file signature never opens an item).
 * Opening checks the signature, the expiry, that the caller is that user, and the user's view
 * now — a link minted before the user lost access no longer works.
 */
export class ItemLinks {
  constructor(private readonly d: Pick<ContentDeps, 'settings' | 'clock'>, private readonly views: UserViews) {}

  /** The item as the reader sees it now, or null when it is not in their view. */
  async seen(reader: Reader, itemId: string): Promise<MemberItemView | null> {
    const view = await this.views.build(reader.tenantId, reader.userId);
    return view.items.find((item) => item.id === itemId) ?? null;
  }

  sign(reader: Reader, itemId: string): { url: string; expiresAt: Date } {
    const expiresAt = new Date(this.d.clock.now().getTime() + this.d.settings.fileLinkTtlSeconds * 1000);
    const exp = Math.floor(expiresAt.getTime() / 1000);
    return { url: `/items/${itemId}?u=${reader.userId}&exp=${exp}&sig=${this.signature(reader.tenantId, reader.userId, itemId, exp)}`, expiresAt };
  }

  verify(reader: Reader, link: { itemId: string; u: string; exp: number; sig: string }): boolean {
    if (link.u !== reader.userId) return false;
    if (link.exp * 1000 < this.d.clock.now().getTime()) return false;
    const expected = Buffer.from(this.signature(reader.tenantId, link.u, link.itemId, link.exp));
    const given = Buffer.from(link.sig);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private signature(tenantId: string, userId: string, itemId: string, exp: number): string {
    return createHmac('sha256', this.d.settings.fileLinkSecret).update(`item-link|${tenantId}|${userId}|${itemId}|${exp}`).digest('base64url');
  }
}

/** A member asks for a signed deep link to an item of their view. */
export class GetItemLink {
  constructor(private readonly links: ItemLinks) {}

  async execute(query: { reader: Reader; itemId: string }): Promise<Result<{ url: string; expiresAt: Date }, NotFound>> {
    if (!(await this.links.seen(query.reader, query.itemId))) return fail(new NotFound('Content item'));
    return ok(this.links.sign(query.reader, query.itemId));
  }
}

/** Opens a signed deep link: the item as the caller sees it now. */
export class OpenItemLink {
  constructor(private readonly links: ItemLinks) {}

  async execute(query: { reader: Reader; itemId: string; u: string; exp: number; sig: string }): Promise<Result<MemberItemView, ItemLinkRefused>> {
    if (!this.links.verify(query.reader, query)) return fail(new ItemLinkRefused());
    const item = await this.links.seen(query.reader, query.itemId);
    if (!item) return fail(new ItemLinkRefused('You no longer have access to this item.'));
    return ok(item);
  }
}
