import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import pg from 'pg';
import { env } from '../helpers/test-env.js';

/**
 * Ready for Citus, checked on the migrated schema (the catalog of the test database):
 * deploy/citus/distribute.sql names every table — tenant-owned ones (a tenant_id column)
 * distributed by tenant_id and colocated, the others as reference tables — and no table that
 * does not exist. Citus also needs every primary key and unique constraint of a distributed
 * table, and every foreign key between two of them, to include tenant_id.
 */
const distribution = readFileSync(new URL('../../deploy/citus/distribute.sql', import.meta.url), 'utf8');

describe('Citus readiness of the migrated schema', () => {
  let client: pg.Client;
  let tables: Array<{ name: string; tenantOwned: boolean }>;

  before(async () => {
    client = new pg.Client({ connectionString: env().database.ownerUrl });
    await client.connect();
    const rows = await client.query<{ name: string; tenant_owned: boolean }>(`
      select c.relname as name,
             exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped) as tenant_owned
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = current_schema() and c.relkind in ('r', 'p') and c.relname <> 'mikro_orm_migrations'
       order by 1`);
    tables = rows.rows.map((row) => ({ name: row.name, tenantOwned: row.tenant_owned }));
  });
  after(async () => {
    await client.end();
  });

  it('deploy/citus/distribute.sql distributes every tenant-owned table by tenant_id (colocated) and makes every other table a reference table', () => {
    const distributed = [...distribution.matchAll(/create_distributed_table\('([a-z0-9_]+)', 'tenant_id'(?:, colocate_with => '([a-z0-9_]+)')?\)/g)];
    const reference = [...distribution.matchAll(/create_reference_table\('([a-z0-9_]+)'\)/g)].map((match) => match[1]!);
    const anchor = distributed.find((match) => !match[2])?.[1];
    expect(distributed.filter((match) => !match[2]).length, 'one table anchors the colocation group').to.equal(1);
    for (const match of distributed.filter((candidate) => candidate[2])) expect(match[2], `${match[1]!} colocated`).to.equal(anchor);
    const problems: string[] = [];
    for (const table of tables) {
      const named = table.tenantOwned ? distributed.some((match) => match[1] === table.name) : reference.includes(table.name);
      if (!named) {
        problems.push(
          table.tenantOwned
            ? `${table.name}: tenant-owned, add to deploy/citus/distribute.sql: select create_distributed_table('${table.name}', 'tenant_id', colocate_with => '${anchor ?? 'the first table'}');`
            : `${table.name}: a platform table, add to deploy/citus/distribute.sql: select create_reference_table('${table.name}');`,
        );
      }
    }
    const known = new Set(tables.map((table) => table.name));
    for (const name of [...distributed.map((match) => match[1]!), ...reference]) {
      if (!known.has(name)) problems.push(`${name}: named in deploy/citus/distribute.sql but not a table of the schema`);
    }
    expect(problems, problems.join('\n')).to.deep.equal([]);
  });

  it('every primary key, unique constraint and foreign key between tenant-owned tables includes tenant_id', async () => {
    const constraints = await client.query<{ table_name: string; name: string; kind: string; columns: string[]; references: string | null; referenced_tenant_owned: boolean | null }>(`
      select t.relname as table_name, con.conname as name, con.contype as kind,
             array(select a.attname::text from unnest(con.conkey) k join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k) as columns,
             r.relname as references,
             exists (select 1 from pg_attribute a where a.attrelid = r.oid and a.attname = 'tenant_id' and not a.attisdropped) as referenced_tenant_owned
        from pg_constraint con
        join pg_class t on t.oid = con.conrelid
        join pg_namespace n on n.oid = t.relnamespace
        left join pg_class r on r.oid = con.confrelid
       where n.nspname = current_schema() and con.contype in ('p', 'u', 'f')`);
    const uniqueIndexes = await client.query<{ table_name: string; name: string; definition: string }>(`
      select i.tablename as table_name, i.indexname as name, i.indexdef as definition
        from pg_indexes i
        join pg_index x on x.indexrelid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass
       where i.schemaname = current_schema() and x.indisunique and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)`);
    const tenantOwned = new Set(tables.filter((table) => table.tenantOwned).map((table) => table.name));
    const failing = new Map<string, string[]>();
    const fail = (table: string, problem: string): void => void failing.set(table, [...(failing.get(table) ?? []), problem]);
    for (const constraint of constraints.rows) {
      if (!tenantOwned.has(constraint.table_name) || constraint.columns.includes('tenant_id')) continue;
      if (constraint.kind === 'f' && !constraint.referenced_tenant_owned) continue;
      const what = { p: 'primary key', u: 'unique constraint', f: `foreign key to ${constraint.references ?? '?'}` }[constraint.kind as 'p' | 'u' | 'f'];
      fail(constraint.table_name, `${what} ${constraint.name} (${constraint.columns.join(', ')}) does not include tenant_id`);
    }
    for (const index of uniqueIndexes.rows) {
      if (tenantOwned.has(index.table_name) && !/\btenant_id\b/.test(index.definition)) fail(index.table_name, `unique index ${index.name} does not include tenant_id`);
    }
    expect(
      [...failing].map(([table, problems]) => `${table}: ${problems.join('; ')}`),
      'a tenant-owned table must be ready for Citus: make the primary key (tenant_id, id), include tenant_id in every unique constraint, and reference other tenant-owned tables by (tenant_id, id)',
    ).to.deep.equal([]);
  });
});
