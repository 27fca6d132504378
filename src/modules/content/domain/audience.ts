/** One link of an item's audience: a group or an individual user. */
export class AudienceLink {
  tenantId!: string;
  itemId!: string;
  targetType!: 'group' | 'user';
  targetId!: string;

  private constructor() {}

  static of(props: { tenantId: string; itemId: string; targetType: 'group' | 'user'; targetId: string }): AudienceLink {
    const link = new AudienceLink();
    Object.assign(link, props);
    return link;
  }
}

/** What a user's view looked like when a cursor was handed out: item id -> version. */
export class SyncSnapshot {
  id!: string;
  tenantId!: string;
  userId!: string;
  viewHash!: string;
  /**
   * What the view was computed from: the tenant's latest content change and the user's groups.
   * While both are unchanged the view is too, so a sync can answer without computing it.
   */
  stamp!: string;
  items!: Record<string, number>;
  createdAt!: Date;

  private constructor() {}

  static of(props: { id: string; tenantId: string; userId: string; viewHash: string; stamp: string; items: Record<string, number> }, now: Date): SyncSnapshot {
    const snapshot = new SyncSnapshot();
    Object.assign(snapshot, { ...props, createdAt: now });
    return snapshot;
  }
}
