/** What applying a tenant file did to one kind of record: created, changed, or found as the file says. */
export interface EnsureTally {
  created: number;
  updated: number;
  unchanged: number;
}
