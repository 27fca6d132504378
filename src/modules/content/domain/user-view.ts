import type { ContentItem } from './content-item.js';

/** What resolving a view needs of an item: where it hangs, whether it is live, and its order. */
export type ViewNode = Pick<ContentItem, 'id' | 'parentId' | 'status' | 'deletedAt' | 'position'>;

/**
 * The part of the tree one user sees: every published item whose audience includes them,
 * with the folders above it — but only where the whole path up is published and not deleted,
 * so a draft folder hides what is under it.
 *
 * `open`: whether an item's path up is open, per item id, as judged for these same candidates
 * before; filled in here. Folders lie on the paths of many items (and of many views of one tree),
 * so each is judged once.
 */
export function resolveView<T extends ViewNode>(candidates: ReadonlyMap<string, T>, directlyVisible: ReadonlySet<string>, open = new Map<string, boolean>()): T[] {
  const pathOpen = (item: T): boolean => {
    const path: T[] = [];
    let verdict = false;
    for (let current: T | undefined = item; current; current = current.parentId === null ? undefined : candidates.get(current.parentId)) {
      const known = open.get(current.id);
      if (known !== undefined) {
        verdict = known;
        break;
      }
      // A path that comes back to an item of its own is a cycle: nothing on it is shown.
      if (current.status !== 'published' || current.deletedAt || path.includes(current)) break;
      path.push(current);
      if (current.parentId === null) verdict = true;
    }
    for (const judged of path) open.set(judged.id, verdict);
    return verdict;
  };
  const shown = new Map<string, T>();
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
