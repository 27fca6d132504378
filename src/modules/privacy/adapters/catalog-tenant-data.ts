import { APPEND_ONLY_TABLES, OFFBOARDING_FUNCTIONS } from '../../../platform/database/bootstrap.js';
import type { UnitOfWork } from '../../../platform/database/unit-of-work.js';
import type { Row, TenantData } from '../ports.js';

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/**
 * A tenant's rows in every table, found from PostgreSQL's catalog: every table of the schema with
 * a tenant_id column, so a table another module adds later is exported and deleted too without
 * a change here. Runs in the caller's transaction, inside the tenant (row-level security holds).
 */
export class CatalogTenantData implements TenantData {
  constructor(private readonly uow: UnitOfWork) {}

  async tables(): Promise<string[]> {
    const rows = await this.uow.em().execute<Array<{ name: string }>>(`
      select c.relname as name
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
       where n.nspname = current_schema() and c.relkind in ('r', 'p')
       order by c.relname`);
    return rows.map((r) => r.name);
  }

  async columns(table: string): Promise<string[]> {
    const rows = await this.uow
      .em()
      .execute<Array<{ name: string }>>(`select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = ? order by ordinal_position`, [table]);
    return rows.map((r) => r.name);
  }

  async *rows(tenantId: string, table: string, pageSize: number): AsyncIterable<Row[]> {
    let after = '(0,0)';
    for (;;) {
      const page = await this.uow.run(tenantId, () =>
        this.uow
          .em()
          .execute<Array<{ position: string; row: Record<string, unknown> }>>(
            `select ctid::text as position, row_to_json(t) as row from ${quote(table)} t where tenant_id = ? and ctid > ?::tid order by ctid limit ?`,
            [tenantId, after, pageSize],
          ),
      );
      if (page.length === 0) return;
      yield page.map((r) => flatten(r.row));
      after = page[page.length - 1]!.position;
      if (page.length < pageSize) return;
    }
  }

  async deleteAll(tenantId: string): Promise<void> {
    const em = this.uow.em();
    for (const table of await this.tables()) {
      if (APPEND_ONLY_TABLES.includes(table)) continue;
      await em.execute(`delete from ${quote(table)} where tenant_id = ?`, [tenantId]);
    }
    // The audit trail and the incident log are append-only for the application role; their one
    // way out is these functions, created by migrations, that refuse while the tenant still exists.
    for (const fn of OFFBOARDING_FUNCTIONS) await em.execute(`select ${fn}(?) as removed`, [tenantId]);
  }
}

function flatten(row: Record<string, unknown>): Row {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value === null || ['string', 'number', 'boolean'].includes(typeof value) ? (value as string) : JSON.stringify(value)]));
}
