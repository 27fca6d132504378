import { MikroORM } from '@mikro-orm/postgresql';
import { expect } from 'chai';
import pg from 'pg';
import { entities } from '../../src/modules/index.js';
import { User } from '../../src/modules/users/domain/user.js';
import { ormOptions } from '../../src/platform/database/orm-config.js';
import { UnitOfWork } from '../../src/platform/database/unit-of-work.js';
import { onboardTenant, type OnboardedTenant } from '../helpers/fixtures.js';
import { env } from '../helpers/test-env.js';

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('row-level security (the second line of tenant isolation)', () => {
  let a: OnboardedTenant;
  let b: OnboardedTenant;

  before(async () => {
    a = await onboardTenant('RLS A');
    b = await onboardTenant('RLS B');
  });

  it('holds on its own: with the ORM filter disabled, tenant B’s transaction sees none of tenant A’s rows', async () => {
    const { uow } = env().platform;
    const seen = await uow.run(b.id, () => uow.em().find(User, {}, { filters: false }));
    expect(seen.length).to.be.greaterThan(0);
    expect(seen.every((user) => user.tenantId === b.id)).to.equal(true);
    expect(seen.map((user) => user.id)).not.to.include(a.adminId);

    const raw = await uow.run(b.id, () => uow.em().execute<Array<{ tenant_id: string }>>('select tenant_id from users'));
    expect(raw.map((row) => row.tenant_id)).to.satisfy((ids: string[]) => ids.every((id) => id === b.id));
    const direct = await uow.run(b.id, () => uow.em().execute('select id from users where id = ?', [a.adminId]));
    expect(direct).to.deep.equal([]);
  });

  it('shows nothing at all to the application role when no tenant is set', async () => {
    const rows = await withClient(env().database.appUrl, (client) => client.query('select count(*)::int as n from users'));
    expect(rows.rows[0].n).to.equal(0);
  });

  it('refuses to write a row into another tenant', async () => {
    const { uow } = env().platform;
    let failure: unknown = null;
    try {
      await uow.run(b.id, () =>
        uow
          .em()
          .execute(
            `insert into users (id, tenant_id, email, name, roles, status, created_at, updated_at)
             values (gen_random_uuid(), ?, 'indringer@example.test', 'Indringer', '{member}', 'invited', now(), now())`,
            [a.id],
          ),
      );
    } catch (error) {
      failure = error;
    }
    expect(String(failure)).to.match(/row-level security/);
  });

  it('is forced on every table with a tenant_id column, with a tenant policy', async () => {
    const tables = await withClient(env().database.ownerUrl, (client) =>
      client.query<{ table_name: string; enabled: boolean; forced: boolean; policies: number }>(`
        select c.relname as table_name, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
               (select count(*)::int from pg_policies p where p.tablename = c.relname and p.policyname = 'tenant_isolation') as policies
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          join pg_attribute at on at.attrelid = c.oid and at.attname = 'tenant_id' and not at.attisdropped
         where n.nspname = 'public' and c.relkind = 'r'`),
    );
    expect(tables.rows.map((t) => t.table_name)).to.include.members(['users', 'activation_tokens']);
    for (const table of tables.rows) expect(table, table.table_name).to.include({ enabled: true, forced: true, policies: 1 });
  });

  it('connects the application as a role that is no superuser, cannot bypass RLS and owns no table', async () => {
    const role = await withClient(env().database.appUrl, (client) =>
      client.query(`
        select r.rolsuper, r.rolbypassrls,
               (select count(*)::int from pg_tables t where t.tableowner = current_user) as owned
          from pg_roles r where r.rolname = current_user`),
    );
    expect(role.rows[0]).to.deep.equal({ rolsuper: false, rolbypassrls: false, owned: 0 });
  });

  it('binds the tenant per transaction only: a pooled connection carries nothing into the next one', async () => {
    const orm = await MikroORM.init(ormOptions({ clientUrl: env().database.appUrl, entities, poolMax: 1 }));
    try {
      const uow = new UnitOfWork(orm);
      const inside = await uow.run(a.id, () => uow.em().execute(`select current_setting('app.tenant_id', true) as tenant`));
      expect(inside[0]!.tenant).to.equal(a.id);
      const after = await orm.em.fork().execute(`select coalesce(current_setting('app.tenant_id', true), '') as tenant`);
      expect(after[0]!.tenant).to.equal('');
      const count = await orm.em.fork().execute(`select count(*)::int as n from users`);
      expect(count[0]!.n).to.equal(0);
    } finally {
      await orm.close(true);
    }
  });

  it('fails a query on a tenant-owned entity that has no tenant bound, instead of returning every tenant', async () => {
    const { uow } = env().platform;
    let failure: unknown = null;
    try {
      await uow.run(null, () => uow.em().find(User, {}));
    } catch (error) {
      failure = error;
    }
    expect(String(failure)).to.match(/filter/i);
  });
});
