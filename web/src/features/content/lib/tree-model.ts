import type { ContentKind, OutlineItem } from '../api/use-content';

export const ROOT = 'root';

export interface TreeModel {
  byId: Map<string, OutlineItem>;
  /** Children ids in order, per parent id (ROOT for the top). */
  children: Map<string, string[]>;
}

export function buildTree(items: readonly OutlineItem[]): TreeModel {
  const byId = new Map(items.map((item) => [item.id, item]));
  const children = new Map<string, string[]>([[ROOT, []]]);
  for (const item of items) if (item.kind === 'folder') children.set(item.id, []);
  // Ordinal ties: a locale-aware compare of 5,000 titles costs more than building the rest of the tree.
  const sorted = [...items].sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const item of sorted) {
    const parent = item.parentId && byId.has(item.parentId) ? item.parentId : ROOT;
    const siblings = children.get(parent);
    if (siblings) siblings.push(item.id);
    else children.set(parent, [item.id]);
  }
  return { byId, children };
}

/** The item and everything under it: what a soft delete takes along. */
export function subtreeSize(model: TreeModel, id: string): number {
  let count = 1;
  for (const child of model.children.get(id) ?? []) count += subtreeSize(model, child);
  return count;
}

/** True when `candidate` is `id` or lies under it: a move there would make a cycle. */
export function isInSubtree(model: TreeModel, id: string, candidate: string | null): boolean {
  let current: string | null = candidate;
  while (current) {
    if (current === id) return true;
    current = model.byId.get(current)?.parentId ?? null;
  }
  return false;
}

export type UnreachableReason = 'noAudience' | 'draftFolderAbove';

/** Why the API flags a published item `unreachable`: the first cause found, own audience first. */
export function unreachableReason(model: TreeModel, item: OutlineItem): UnreachableReason | null {
  if (!item.unreachable) return null;
  const { everyone, groupIds, userIds } = item.audience;
  if (!everyone && groupIds.length === 0 && userIds.length === 0) return 'noAudience';
  let parentId = item.parentId;
  while (parentId) {
    const parent = model.byId.get(parentId);
    if (!parent) break;
    if (parent.status === 'draft') return 'draftFolderAbove';
    parentId = parent.parentId;
  }
  return 'noAudience';
}

/** Folders an item may move into: all but itself and its own subtree. */
export function folderChoices(model: TreeModel, movingId: string | null): OutlineItem[] {
  return [...model.byId.values()].filter((item) => item.kind === 'folder' && (movingId === null || !isInSubtree(model, movingId, item.id)));
}

export function pathOf(model: TreeModel, id: string): string {
  const names: string[] = [];
  let current: string | null = id;
  while (current) {
    const item = model.byId.get(current);
    if (!item) break;
    names.unshift(item.title);
    current = item.parentId;
  }
  return names.join(' / ');
}

export const KINDS: ContentKind[] = ['folder', 'page', 'scenario', 'task_card', 'contact_list', 'document', 'link'];
