import pg from 'pg';
import { env } from './test-env.js';

async function asOwner<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: env().database.ownerUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/**
 * Every text-like column of every table (text, varchar, char, json, jsonb and arrays of them),
 * found from information_schema, searched for `needle` (case-insensitive): "table.column" per hit.
 */
export function findTextAnywhere(needle: string): Promise<string[]> {
  return asOwner(async (client) => {
    const columns = await client.query<{ table_name: string; column_name: string }>(`
      select c.table_name, c.column_name
        from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
       where c.table_schema = current_schema()
         and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb')
              or (c.data_type = 'ARRAY' and c.udt_name in ('_text', '_varchar', '_bpchar', '_json', '_jsonb')))`);
    const hits: string[] = [];
    for (const { table_name: table, column_name: column } of columns.rows) {
      const found = await client.query(`select 1 from ${quote(table)} where ${quote(column)}::text ilike $1 limit 1`, [`%${needle}%`]);
      if (found.rowCount) hits.push(`${table}.${column}`);
    }
    return hits;
  });
}

/** Rows that carry the tenant's id: every table with a tenant_id column, and the tenants table's own row. */
export function rowsOfTenant(tenantId: string): Promise<Record<string, number>> {
  return asOwner(async (client) => {
    const tables = await client.query<{ table_name: string }>(
      `select table_name from information_schema.columns where table_schema = current_schema() and column_name = 'tenant_id'`,
    );
    const counts: Record<string, number> = {};
    for (const { table_name: table } of tables.rows) {
      const rows = await client.query<{ n: number }>(`select count(*)::int as n from ${quote(table)} where tenant_id = $1`, [tenantId]);
      counts[table] = rows.rows[0]!.n;
    }
    counts.tenants = (await client.query<{ n: number }>('select count(*)::int as n from tenants where id = $1', [tenantId])).rows[0]!.n;
    return counts;
  });
}

export function ownerQuery<R extends pg.QueryResultRow = { n: number }>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
  return asOwner((client) => client.query<R>(sql, params));
}

/**
 * A fingerprint of everything a tenant has stored: one md5 per table over its rows (the tenants
 * table's own row included), in one query on a connection the caller keeps open (the fuzzer takes
 * hundreds). The audit trail and the session bookkeeping are left out: a refused request may
 * rightly be audited, and every authenticated request touches its session.
 */
export class TenantFingerprints {
  private client: pg.Client | null = null;
  private sql: string | null = null;

  constructor(private readonly leaveOut: string[] = ['audit_events', 'device_sessions', 'refresh_tokens']) {}

  async of(tenantId: string): Promise<Record<string, string>> {
    if (!this.client) {
      this.client = new pg.Client({ connectionString: env().database.ownerUrl });
      await this.client.connect();
      const tables = await this.client.query<{ table_name: string }>(
        `select table_name from information_schema.columns where table_schema = current_schema() and column_name = 'tenant_id' order by table_name`,
      );
      const parts = tables.rows
        .map((r) => r.table_name)
        .filter((table) => !this.leaveOut.includes(table))
        .map((table) => `(select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from ${quote(table)} t where tenant_id = $1) as ${quote(table)}`);
      parts.push(`(select md5(t::text) from tenants t where id = $1) as tenants`);
      this.sql = `select ${parts.join(', ')}`;
    }
    return (await this.client.query<Record<string, string>>(this.sql!, [tenantId])).rows[0]!;
  }

  async close(): Promise<void> {
    await this.client?.end();
    this.client = null;
  }
}
