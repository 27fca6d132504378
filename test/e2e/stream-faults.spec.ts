import { expect } from 'chai';
import { ownerQuery } from '../helpers/database-search.js';
import { onboardTenant, operatorToken, type OnboardedTenant } from '../helpers/fixtures.js';
import { call, download } from '../helpers/http.js';
import { env } from '../helpers/test-env.js';

/**
 * A file or event stream whose source or sink fails must cost that one response, never the
 * process: each case below breaks a stream and then asks the same process for a normal export.
 * The source errors are real refusals of PostgreSQL (a query it cannot run, a privilege taken
 * away while the export runs), so the proof holds whatever the edge refuses beforehand.
 */
describe('streamed responses: a broken source or sink costs one response, not the process', () => {
  let t: OnboardedTenant;
  const appRole = () => env().config.DATABASE_APP_ROLE;

  before(async () => {
    t = await onboardTenant('Zorggroep Storing');
  });

  async function stillServing(): Promise<void> {
    const csv = await download('/v1/privacy/exports/audit-events?format=csv', t.adminToken);
    expect(csv.status).to.equal(200);
    expect(csv.bytes.toString('utf8')).to.match(/^\uFEFF?id,occurredAt,action/);
  }

  async function withoutSelect(table: string, work: () => Promise<void>): Promise<void> {
    await ownerQuery(`revoke select on "${table}" from "${appRole()}"`);
    try {
      await work();
    } finally {
      await ownerQuery(`grant select on "${table}" to "${appRole()}"`);
    }
  }

  it('answers the NUL-byte audit export of the attack (admin and audit:read key) and keeps serving', async () => {
    const key = await call('POST', '/v1/api-keys', { token: t.adminToken, body: { name: 'Auditkoppeling', scopes: ['audit:read'] } });
    expect(key.status, key.text).to.equal(201);
    for (const param of ['action', 'actorId', 'subjectId']) {
      const callers: Array<Record<string, string>> = [{ authorization: `Bearer ${t.adminToken}` }, { 'x-api-key': key.body.key as string }];
      for (const headers of callers) {
        const reply = await call('GET', `/v1/privacy/exports/audit-events?format=csv&${param}=x%00y`, { headers });
        // Refused at the edge (400) or by PostgreSQL (500): either way a problem, and the process lives.
        expect(reply.status, reply.text).to.be.oneOf([400, 500]);
        expect(reply.headers.get('content-type')).to.match(/application\/problem\+json/);
      }
    }
    await stillServing();
  });

  it('answers 500 problem+json when the first page of a CSV or xlsx export is refused by the database', async () => {
    await withoutSelect('contacts', async () => {
      for (const format of ['csv', 'xlsx']) {
        const reply = await call('GET', `/v1/privacy/exports/contacts?format=${format}`, { token: t.adminToken });
        expect(reply.status, reply.text).to.equal(500);
        expect(reply.headers.get('content-type')).to.match(/application\/problem\+json/);
        expect(reply.text).not.to.match(/permission denied|contacts/);
      }
    });
    await stillServing();
  });

  it('cuts the transfer off when the database refuses a later page, after the headers were sent', async function () {
    this.timeout(60_000);
    const big = await onboardTenant('Grote Storing');
    // Some 8 MB of CSV: far more than the socket buffers hold, so the export waits on the reader.
    await ownerQuery(
      `insert into contacts (id, tenant_id, name, organisation, phones, notes, created_at, updated_at)
       select gen_random_uuid(), $1, 'Contact ' || n, 'Organisatie', '{}', repeat('x', 200), now(), now() from generate_series(1, 30000) n`,
      [big.id],
    );
    const response = await fetch(`${env().baseUrl}/v1/privacy/exports/contacts?format=csv`, { headers: { authorization: `Bearer ${big.adminToken}` } });
    expect(response.status).to.equal(200);
    const reader = response.body!.getReader();
    await reader.read();
    let received = 0;
    let outcome: 'complete' | 'cut off' = 'complete';
    await withoutSelect('contacts', async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          received += value.length;
        }
      } catch {
        outcome = 'cut off';
      }
    });
    expect(outcome, `received ${received} bytes`).to.equal('cut off');
    await stillServing();
  });

  it('stops an export whose client goes away in the middle', async function () {
    this.timeout(60_000);
    const big = await onboardTenant('Weglopende Klant');
    await ownerQuery(
      `insert into contacts (id, tenant_id, name, phones, notes, created_at, updated_at)
       select gen_random_uuid(), $1, 'Contact ' || n, '{}', repeat('y', 200), now(), now() from generate_series(1, 20000) n`,
      [big.id],
    );
    for (const format of ['csv', 'xlsx']) {
      const abort = new AbortController();
      const response = await fetch(`${env().baseUrl}/v1/privacy/exports/contacts?format=${format}`, { headers: { authorization: `Bearer ${big.adminToken}` }, signal: abort.signal });
      const reader = response.body!.getReader();
      await reader.read();
      abort.abort();
    }
    await stillServing();
  });

  it('cuts a tenant archive off when a table cannot be read, and keeps serving', async () => {
    const operator = await operatorToken();
    await withoutSelect('contacts', async () => {
      const response = await fetch(`${env().baseUrl}/v1/platform/tenants/${t.id}/archive`, { headers: { authorization: `Bearer ${operator}` } });
      let outcome: string;
      try {
        await response.arrayBuffer();
        outcome = `answered ${response.status}`;
      } catch {
        outcome = 'cut off';
      }
      // Refused before the first byte is a problem response; after it, a truncated transfer.
      expect(outcome).to.be.oneOf(['answered 500', 'cut off']);
    });
    await stillServing();
  });
});
