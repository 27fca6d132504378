import { expect } from 'chai';
import { onboardTenant, type OnboardedTenant } from '../helpers/fixtures.js';
import { call, download } from '../helpers/http.js';
import { BREACH, PROCESSING } from '../helpers/operation-fixtures.js';

describe('privacy: breach and processing registers', () => {
  let t: OnboardedTenant;

  before(async () => {
    t = await onboardTenant('Gemeente Registers');
  });

  it('computes the 72-hour reporting deadline and flags a reportable breach not reported in time', async () => {
    const foundAt = new Date(Date.now() - 80 * 3600_000).toISOString();
    const late = await call('POST', '/v1/privacy/breaches', { token: t.adminToken, body: { ...BREACH, foundAt } });
    expect(late.status, late.text).to.equal(201);
    expect(late.body.reportingDeadline).to.equal(new Date(Date.parse(foundAt) + 72 * 3600_000).toISOString());
    expect(late.body.overdue).to.equal(true);

    const recent = await call('POST', '/v1/privacy/breaches', { token: t.adminToken, body: { ...BREACH, title: 'Mail aan verkeerde ontvanger', foundAt: new Date(Date.now() - 3600_000).toISOString() } });
    expect(recent.body.overdue).to.equal(false);
    const notReportable = await call('POST', '/v1/privacy/breaches', { token: t.adminToken, body: { ...BREACH, title: 'Versleutelde usb-stick kwijt', foundAt, reportable: false } });
    expect(notReportable.body.overdue).to.equal(false);

    const reported = await call('PATCH', `/v1/privacy/breaches/${late.body.id}`, { token: t.adminToken, body: { reportedToAuthorityAt: new Date(Date.parse(foundAt) + 24 * 3600_000).toISOString(), authorityReference: 'AP-2026-1' } });
    expect(reported.status, reported.text).to.equal(200);
    expect(reported.body.overdue).to.equal(false);

    const list = await call('GET', '/v1/privacy/breaches', { token: t.adminToken });
    expect(list.body.items).to.have.length(3);
  });

  it('refuses a breach reported before it was found, or found in the future, and changes nothing', async () => {
    const future = await call('POST', '/v1/privacy/breaches', { token: t.adminToken, body: { ...BREACH, foundAt: new Date(Date.now() + 3600_000).toISOString() } });
    expect(future.status).to.equal(400);
    expect(future.headers.get('content-type')).to.match(/problem\+json/);
    const created = await call('POST', '/v1/privacy/breaches', { token: t.adminToken, body: BREACH });
    const backwards = await call('PATCH', `/v1/privacy/breaches/${created.body.id}`, { token: t.adminToken, body: { reportedToAuthorityAt: '2020-01-01T00:00:00.000Z' } });
    expect(backwards.status).to.equal(400);
    const after = await call('GET', '/v1/privacy/breaches', { token: t.adminToken });
    expect(after.body.items.find((b: { id: string }) => b.id === created.body.id).reportedToAuthorityAt).to.equal(null);
  });

  it('keeps a processing register with special categories flagged, editable and exportable', async () => {
    const plain = await call('POST', '/v1/privacy/processing-activities', { token: t.adminToken, body: PROCESSING });
    expect(plain.status, plain.text).to.equal(201);
    expect(plain.body.involvesSpecialCategories).to.equal(false);
    const health = await call('PATCH', `/v1/privacy/processing-activities/${plain.body.id}`, { token: t.adminToken, body: { specialCategories: ['health'] } });
    expect(health.body).to.include({ involvesSpecialCategories: true });
    const csv = await download('/v1/privacy/exports/processing-activities?format=csv', t.adminToken);
    expect(csv.bytes.toString('utf8')).to.include('Alarmering crisisteam').and.include('health,true');
    const breaches = await download('/v1/privacy/exports/breaches?format=csv', t.adminToken);
    expect(breaches.bytes.toString('utf8').split('\n')[0]).to.include('reportingDeadline,overdue');
    const removed = await call('DELETE', `/v1/privacy/processing-activities/${plain.body.id}`, { token: t.adminToken });
    expect(removed.status).to.equal(204);
  });
});
