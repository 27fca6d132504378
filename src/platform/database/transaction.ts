/** What use cases need of the unit of work, without the ORM in sight. */
export interface Transaction {
  /** Moves the current transaction into a tenant: the ORM filter and row-level security follow. */
  enterTenant(tenantId: string): Promise<void>;
}
