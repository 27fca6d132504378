import type { Actor } from '../../../platform/auth/actor.js';
import { recordPersonalDataReads } from '../../../platform/audit/record-reads.js';
import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import type { ContentItem } from '../domain/content-item.js';
import type { ContentDeps } from './deps.js';

export type UnreachedBecause = 'draft' | 'draft_folder_above' | 'no_audience' | 'no_active_users';

export interface ContentReach {
  /** Active users who see the item now. */
  people: number;
  /** Active users its audience reaches: now, or once the item and the folders above it are published. */
  inAudience: number;
  invited: number;
  reasons: UnreachedBecause[];
  users: Array<{ id: string; name: string; email: string }>;
  total: number;
}

/**
 * "Who sees this": the item's audience, and for a folder the audiences of the published items
 * under it (a member's view shows a folder for what is under it, as resolveView does), resolved
 * to people by the users module. The rules mirror the member's view: a draft item or a draft
 * folder above hides it from everyone.
 */
export class GetContentReach {
  constructor(private readonly d: Pick<ContentDeps, 'items' | 'people' | 'audit'>) {}

  async execute(query: { actor: Actor; itemId: string; page: number; pageSize: number; search?: string }): Promise<Result<ContentReach, NotFound>> {
    const { tenantId } = query.actor;
    const item = await this.d.items.byId(tenantId, query.itemId);
    if (!item) return fail(new NotFound('Content item'));

    let draftAbove = false;
    const seen = new Set<string>([item.id]);
    for (let parentId = item.parentId; parentId && !seen.has(parentId); ) {
      seen.add(parentId);
      const parent = await this.d.items.byId(tenantId, parentId);
      if (!parent) break;
      if (parent.status !== 'published') draftAbove = true;
      parentId = parent.parentId;
    }

    // The items that carry the item to a reader: itself, and under a folder every published item whose path down is published.
    const carriers: ContentItem[] = [item];
    if (item.isFolder()) {
      const under = await this.d.items.descendants(tenantId, item.id);
      const byId = new Map(under.map((d) => [d.id, d]));
      const open = (d: ContentItem): boolean => {
        for (let current: ContentItem | undefined = d; current && current.id !== item.id; current = current.parentId ? byId.get(current.parentId) : undefined) {
          if (current.status !== 'published') return false;
        }
        return true;
      };
      carriers.push(...under.filter(open));
    }
    const links = await this.d.items.audienceOf(tenantId, carriers.map((c) => c.id));
    const audience = {
      everyone: carriers.some((c) => c.everyone),
      groupIds: [...new Set(links.filter((l) => l.targetType === 'group').map((l) => l.targetId))],
      userIds: [...new Set(links.filter((l) => l.targetType === 'user').map((l) => l.targetId))],
    };
    const members = await this.d.people.audienceMembers(tenantId, audience, { page: query.page, pageSize: query.pageSize, ...(query.search ? { search: query.search } : {}) });

    const reasons: UnreachedBecause[] = [];
    if (item.status !== 'published') reasons.push('draft');
    if (draftAbove) reasons.push('draft_folder_above');
    if (!audience.everyone && audience.groupIds.length === 0 && audience.userIds.length === 0) reasons.push('no_audience');
    else if (members.active === 0) reasons.push('no_active_users');
    // Names and addresses of the people on this page: read as their profile is.
    recordPersonalDataReads(this.d.audit, query.actor, 'user', members.items.map((u) => u.id), 'profile');
    return ok({
      people: reasons.length > 0 ? 0 : members.active,
      inAudience: members.active,
      invited: members.invited,
      reasons,
      users: members.items,
      total: members.total,
    });
  }
}
