import { expect } from 'chai';
import pg from 'pg';
import { onboardTenant } from '../helpers/fixtures.js';
import { env } from '../helpers/test-env.js';

describe('the audit log is append-only in the database', () => {
  it('lets the application role insert and read audit events, never update or delete them', async () => {
    const t = await onboardTenant();
    const client = new pg.Client({ connectionString: env().database.appUrl });
    await client.connect();
    try {
      await client.query('begin');
      await client.query(`select set_config('app.tenant_id', $1, true)`, [t.id]);
      const rows = await client.query<{ id: string }>('select id from audit_events limit 1');
      expect(rows.rowCount).to.equal(1);
      await client.query('savepoint s');
      const update = await client.query(`update audit_events set action = 'vervalst' where id = $1`, [rows.rows[0]!.id]).then(() => 'updated', (e: Error) => e.message);
      expect(update).to.match(/permission denied/);
      await client.query('rollback to savepoint s');
      const remove = await client.query('delete from audit_events where id = $1', [rows.rows[0]!.id]).then(() => 'deleted', (e: Error) => e.message);
      expect(remove).to.match(/permission denied/);
      await client.query('rollback');
    } finally {
      await client.end();
    }
  });
});
