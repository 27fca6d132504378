import type { ContentItem } from './content-item.js';

/**
 * The part of the tree one user sees: every published item whose audience includes them,
 * with the folders above it — but only where the whole path up is published and not deleted,
 * so a draft folder hides what is under it.
 */
export function resolveView(candidates: ReadonlyMap<string, ContentItem>, directlyVisible: ReadonlySet<string>): ContentItem[] {
  const shown = new Map<string, ContentItem>();
  const pathOpen = (item: ContentItem): boolean => {
    let current: ContentItem | undefined = item;
    const seen = new Set<string>();
    while (current) {
      if (current.status !== 'published' || current.deletedAt || seen.has(current.id)) return false;
      seen.add(current.id);
      if (current.parentId === null) return true;
      current = candidates.get(current.parentId);
    }
    return false;
  };
  for (const id of directlyVisible) {
    const item = candidates.get(id);
    if (!item || !pathOpen(item)) continue;
    let current: ContentItem | undefined = item;
    while (current && !shown.has(current.id)) {
      shown.set(current.id, current);
      current = current.parentId ? candidates.get(current.parentId) : undefined;
    }
  }
  return [...shown.values()].sort((a, b) => (a.parentId ?? '').localeCompare(b.parentId ?? '') || a.position - b.position || a.id.localeCompare(b.id));
}
