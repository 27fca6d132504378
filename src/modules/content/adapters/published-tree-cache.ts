import type { ViewCandidate } from '../ports.js';

/** A tenant's published, live items as of one change mark: shared, read-only. */
export interface PublishedTree {
  mark: string;
  byId: ReadonlyMap<string, ViewCandidate>;
  /** Items whose audience is everyone. */
  everyone: readonly string[];
  /** The change mark of each part of the tree its rows were read at (or after), for reading only the changed parts again. */
  parts?: ReadonlyMap<string, string>;
}

/**
 * The published tree of recently read tenants, per process. Every member's view is a selection
 * from the same published items, so they are read and parsed once per change of the tree instead
 * of once per sync. An entry is only used for the exact change mark it was read at (the mark moves
 * with every change, and is read from PostgreSQL on every request), so processes never serve a
 * stale tree. Least recently used tenants are forgotten beyond `maxTenants`.
 */
export class PublishedTreeCache {
  private readonly trees = new Map<string, PublishedTree>();

  constructor(private readonly maxTenants: number) {}

  /**
   * The tree last read for the tenant, whatever its mark: what a newer read need not fetch again
   * (an item's row is the same while its version is, since every change raises it).
   */
  latest(tenantId: string): PublishedTree | null {
    return this.trees.get(tenantId) ?? null;
  }

  get(tenantId: string, mark: string): PublishedTree | null {
    const tree = this.trees.get(tenantId);
    if (!tree || tree.mark !== mark) return null;
    // Map order is insertion order: re-inserting makes this tenant the most recently used.
    this.trees.delete(tenantId);
    this.trees.set(tenantId, tree);
    return tree;
  }

  set(tenantId: string, tree: PublishedTree): void {
    if (this.maxTenants === 0) return;
    this.trees.delete(tenantId);
    this.trees.set(tenantId, tree);
    while (this.trees.size > this.maxTenants) this.trees.delete(this.trees.keys().next().value!);
  }
}
