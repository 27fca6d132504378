import type { ContentItem } from './content-item.js';

/** What resolving a view needs of an item: where it hangs, whether it is live, and its order. */
export type ViewNode = Pick<ContentItem, 'id' | 'parentId' | 'status' | 'deletedAt' | 'position'>;

/**
 * The part of the tree one user sees: every published item whose audience includes them,
 * with the folders above it — but only where the whole path up is published and not deleted,
 * so a draft folder hides what is under it.
 */
export function resolveView<T extends ViewNode>(candidates: ReadonlyMap<string, T>, directlyVisible: ReadonlySet<string>): T[] {
  const shown = new Map<string, T>();
  const pathOpen = (item: T): boolean => {
    let current: T | undefined = item;
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
    let current: T | undefined = item;
    while (current && !shown.has(current.id)) {
      shown.set(current.id, current);
      current = current.parentId ? candidates.get(current.parentId) : undefined;
    }
  }
  // Ordinal comparison: ids are ASCII, and a locale-aware compare costs more than the rest of the view.
  const ordinal = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  return [...shown.values()].sort((a, b) => ordinal(a.parentId ?? '', b.parentId ?? '') || a.position - b.position || ordinal(a.id, b.id));
}
