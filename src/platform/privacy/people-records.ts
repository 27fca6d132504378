/** A person's record as a module exports it: one value per column, keyed by the record's id. */
export type PersonRecord = Record<string, string | Date | null> & { id: string };

/** What a column of a person's record holds; a list is exported as its items joined by ', '. */
type ColumnValue = string | Date | null | readonly string[];

/** A person's record of the given columns, in their order. */
export function personRecord<K extends string>(person: { readonly id: string } & { readonly [C in K]: ColumnValue }, columns: readonly K[]): PersonRecord {
  const record: PersonRecord = { id: person.id };
  for (const column of columns) {
    const value: ColumnValue = person[column];
    record[column] = isList(value) ? value.join(', ') : value;
  }
  return record;
}

function isList(value: ColumnValue): value is readonly string[] {
  return Array.isArray(value);
}

/** Where a module keeps people under a legal basis and a retention date (accounts, contacts). */
export interface RetainedPeople<T extends { name: string }> {
  byId(tenantId: string, id: string): Promise<T | null>;
  pageAfter(tenantId: string, afterId: string | null, limit: number): Promise<T[]>;
  pastRetention(tenantId: string, today: string): Promise<Array<{ id: string; retentionUntil: string }>>;
}

/**
 * What a module that keeps people tells the privacy module of them, read the same way for accounts
 * and contacts: pages for bulk exports, who is past retention, and the name to show in a ledger.
 */
export class PeopleRecords<T extends { name: string }> {
  constructor(
    readonly columns: string[],
    private readonly people: RetainedPeople<T>,
    private readonly recordOf: (person: T) => PersonRecord,
  ) {}

  async page(tenantId: string, afterId: string | null, limit: number): Promise<PersonRecord[]> {
    return (await this.people.pageAfter(tenantId, afterId, limit)).map(this.recordOf);
  }

  pastRetention(tenantId: string, today: string): Promise<Array<{ id: string; retentionUntil: string }>> {
    return this.people.pastRetention(tenantId, today);
  }

  async nameOf(tenantId: string, id: string): Promise<string | null> {
    return (await this.people.byId(tenantId, id))?.name ?? null;
  }
}
