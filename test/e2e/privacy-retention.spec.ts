import { expect } from 'chai';
import { retentionSweep } from '../../src/modules/privacy/module.js';
import { env } from '../helpers/test-env.js';
import { addUser, onboardTenant, type OnboardedTenant } from '../helpers/fixtures.js';
import { ownerQuery } from '../helpers/database-search.js';
import { call } from '../helpers/http.js';

describe('privacy: retention dates, legal bases and the audit of personal-data reads', () => {
  let t: OnboardedTenant;

  before(async () => {
    t = await onboardTenant('Zorggroep Bewaartermijn');
  });

  it('records a retention date and legal basis on users and filters on past retention and missing basis', async () => {
    const past = await call('POST', '/v1/users', {
      token: t.adminToken,
      body: { email: `oud@${t.slug}.test`, name: 'Oud Medewerker', roles: ['member'], retentionUntil: '2020-01-31', legalBasis: 'contract', legalBasisNote: 'Arbeidsovereenkomst' },
    });
    expect(past.status, past.text).to.equal(201);
    expect(past.body).to.include({ retentionUntil: '2020-01-31', legalBasis: 'contract', legalBasisNote: 'Arbeidsovereenkomst' });
    const noBasis = await call('POST', '/v1/users', { token: t.adminToken, body: { email: `nieuw@${t.slug}.test`, name: 'Nieuwe Collega', roles: ['member'], retentionUntil: '2099-12-31' } });
    expect(noBasis.status, noBasis.text).to.equal(201);

    const pastList = await call('GET', '/v1/users?pastRetention=true', { token: t.adminToken });
    expect(pastList.body.items.map((u: { id: string }) => u.id)).to.deep.equal([past.body.id]);
    const withoutBasis = await call('GET', '/v1/users?noLegalBasis=true', { token: t.adminToken });
    const ids = withoutBasis.body.items.map((u: { id: string }) => u.id);
    expect(ids).to.include(noBasis.body.id).and.not.include(past.body.id);

    const changed = await call('PATCH', `/v1/users/${noBasis.body.id}`, { token: t.adminToken, body: { legalBasis: 'legal_obligation' } });
    expect(changed.status, changed.text).to.equal(200);
    expect(changed.body.legalBasis).to.equal('legal_obligation');
    const bad = await call('PATCH', `/v1/users/${noBasis.body.id}`, { token: t.adminToken, body: { legalBasis: 'gut_feeling' } });
    expect(bad.status).to.equal(400);
    expect(bad.headers.get('content-type')).to.match(/problem\+json/);
  });

  it('filters contacts on past retention and missing legal basis', async () => {
    const old = await call('POST', '/v1/contacts', { token: t.adminToken, body: { name: 'Jan Verlopen', retentionUntil: '2021-06-30', legalBasis: 'legitimate_interest' } });
    const bare = await call('POST', '/v1/contacts', { token: t.adminToken, body: { name: 'Kees Zondergrond' } });
    const pastList = await call('GET', '/v1/contacts?pastRetention=true', { token: t.adminToken });
    expect(pastList.body.items.map((c: { id: string }) => c.id)).to.deep.equal([old.body.id]);
    const noBasis = await call('GET', '/v1/contacts?noLegalBasis=true', { token: t.adminToken });
    expect(noBasis.body.items.map((c: { id: string }) => c.id)).to.include(bare.body.id).and.not.include(old.body.id);
  });

  it('writes a personal_data.read audit entry for every person a response shows, with the client address', async () => {
    const member = await addUser(t, ['member'], 'Gelezen Persoon');
    const read = await call('GET', `/v1/users/${member.id}`, { token: t.adminToken, headers: { 'x-forwarded-for': '198.51.100.23' } });
    expect(read.status).to.equal(200);
    const audit = await call('GET', `/v1/audit-events?action=personal_data.read&subjectId=${member.id}`, { token: t.adminToken });
    expect(audit.status, audit.text).to.equal(200);
    expect(audit.body.items).to.have.length(1);
    expect(audit.body.items[0]).to.include({ subjectType: 'user', subjectId: member.id, clientAddress: '198.51.100.23', actorId: t.adminId });
    expect(audit.body.items[0].details).to.deep.equal({ category: 'profile' });

    await call('GET', `/v1/users?search=${encodeURIComponent(member.email)}`, { token: t.adminToken });
    const afterList = await call('GET', `/v1/audit-events?action=personal_data.read&subjectId=${member.id}`, { token: t.adminToken });
    expect(afterList.body.items).to.have.length(2);
    // Reading one's own data is no read of someone else's.
    await call('GET', `/v1/users/${t.adminId}`, { token: t.adminToken });
    const own = await call('GET', `/v1/audit-events?action=personal_data.read&subjectId=${t.adminId}`, { token: t.adminToken });
    expect(own.body.items).to.have.length(0);
  });

  it('writes one entry per person of a list page, all of them, and each of that tenant only', async () => {
    const other = await onboardTenant('Zorggroep Andere Lezer');
    for (const name of ['Pagina Een', 'Pagina Twee', 'Pagina Drie']) await addUser(t, ['member'], name);
    const page = await call('GET', '/v1/users?pageSize=4&search=Pagina', { token: t.adminToken });
    expect(page.status, page.text).to.equal(200);
    const shown: string[] = page.body.items.map((u: { id: string }) => u.id);
    expect(shown).to.have.length(3);
    const { rows } = await ownerQuery<{ tenant_id: string; subject_id: string; actor_id: string }>(
      `select tenant_id, subject_id, actor_id from audit_events where action = 'personal_data.read' and subject_id = any($1)`,
      [shown],
    );
    expect(rows.map((r) => r.subject_id).sort()).to.deep.equal([...shown].sort());
    expect(new Set(rows.map((r) => `${r.tenant_id} ${r.actor_id}`))).to.deep.equal(new Set([`${t.id} ${t.adminId}`]));
    // Another tenant's reader sees none of these entries.
    const theirs = await call('GET', `/v1/audit-events?action=personal_data.read&subjectId=${shown[0]}`, { token: other.adminToken });
    expect(theirs.body.items).to.deep.equal([]);
  });
});

describe('privacy: the daily retention run', () => {
  let t: OnboardedTenant;

  before(async () => {
    t = await onboardTenant('Zorggroep Opruimen');
  });

  it('flags people past their retention date once, and erases them where the tenant turned that on', async () => {
    const user = await call('POST', '/v1/users', { token: t.adminToken, body: { email: `verlopen@${t.slug}.test`, name: 'Verlopen Vrijwilliger', roles: ['member'], retentionUntil: '2024-05-01', legalBasis: 'consent' } });
    const contact = await call('POST', '/v1/contacts', { token: t.adminToken, body: { name: 'Verlopen Contact', retentionUntil: '2023-01-01' } });
    await call('POST', '/v1/contacts', { token: t.adminToken, body: { name: 'Geldig Contact', retentionUntil: '2099-01-01' } });

    const first = await call('POST', '/v1/privacy/retention/run', { token: t.adminToken });
    expect(first.status, first.text).to.equal(200);
    expect(first.body).to.deep.equal({ flagged: 2, erased: 0, purged: 0 });
    const flags = await call('GET', '/v1/privacy/retention/flags', { token: t.adminToken });
    expect(flags.body.items.map((f: { subjectId: string }) => f.subjectId).sort()).to.deep.equal([user.body.id, contact.body.id].sort());
    expect((await call('POST', '/v1/privacy/retention/run', { token: t.adminToken })).body).to.deep.equal({ flagged: 0, erased: 0, purged: 0 });

    const settings = await call('PATCH', '/v1/privacy/settings', { token: t.adminToken, body: { erasePastRetention: true } });
    expect(settings.body).to.include({ erasePastRetention: true, deactivatedPurgeMonths: 6 });
    expect((await call('POST', '/v1/privacy/retention/run', { token: t.adminToken })).body).to.deep.equal({ flagged: 0, erased: 2, purged: 0 });
    expect((await call('GET', `/v1/users/${user.body.id}`, { token: t.adminToken })).status).to.equal(404);
    expect((await call('GET', `/v1/contacts/${contact.body.id}`, { token: t.adminToken })).status).to.equal(404);
    expect((await call('GET', '/v1/privacy/retention/flags', { token: t.adminToken })).body.items).to.deep.equal([]);
    const ledger = await call('GET', '/v1/privacy/erasures', { token: t.adminToken });
    expect(ledger.body.items.map((e: { reason: string }) => e.reason)).to.deep.equal(['retention_expired', 'retention_expired']);
  });

  it('purges accounts deactivated longer than the tenant period down to name and e-mail', async () => {
    const member = await addUser(t, ['member'], 'Lang Geleden Vertrokken');
    await call('PATCH', `/v1/users/${member.id}`, { token: t.adminToken, body: { phone: '+31 6 99998888', jobTitle: 'Schoonmaker', location: 'Tiel' } });
    const push = await call('POST', '/v1/me/devices', { token: member.token, body: { platform: 'android', token: `fcm-${member.id}`, appVersion: '2.0.0' } });
    expect(push.status, push.text).to.equal(201);
    const group = await call('POST', '/v1/groups', { token: t.adminToken, body: { name: 'Ploeg Vertrokken', type: 'team' } });
    await call('PUT', `/v1/groups/${group.body.id}/members/${member.id}`, { token: t.adminToken });
    const list = await call('POST', '/v1/content/items', { token: t.adminToken, body: { kind: 'contact_list', title: 'Oude bereikbaarheid', body: { entries: [{ userId: member.id }] } } });
    expect(list.status, list.text).to.equal(201);
    await call('PUT', `/v1/content/items/${list.body.id}/audience`, { token: t.adminToken, body: { everyone: false, userIds: [member.id] } });
    const recent = await addUser(t, ['member'], 'Net Vertrokken');
    for (const id of [member.id, recent.id]) expect((await call('POST', `/v1/users/${id}/deactivate`, { token: t.adminToken })).status).to.equal(200);
    await ownerQuery(`update users set deactivated_at = now() - interval '7 months' where id = $1`, [member.id]);

    const run = await call('POST', '/v1/privacy/retention/run', { token: t.adminToken });
    expect(run.body.purged).to.equal(1);
    const purged = await call('GET', `/v1/users/${member.id}`, { token: t.adminToken });
    expect(purged.body).to.include({ name: 'Lang Geleden Vertrokken', email: member.email, phone: null, jobTitle: null, location: null, status: 'deactivated' });
    // Every module's part goes too, through its personal-data holder: push devices, memberships, sessions, audience links, contact-list entries.
    for (const table of ['push_devices', 'group_members', 'device_sessions']) {
      const left = await ownerQuery(`select count(*)::int as n from ${table} where user_id = $1`, [member.id]);
      expect(left.rows[0]!.n, table).to.equal(0);
    }
    const item = await call('GET', `/v1/content/items/${list.body.id}`, { token: t.adminToken });
    expect(item.body.body.entries).to.deep.equal([]);
    expect(item.body.audience.userIds).to.deep.equal([]);
    expect((await call('GET', `/v1/users/${recent.id}`, { token: t.adminToken })).body.status).to.equal('deactivated');
    expect((await call('POST', '/v1/privacy/retention/run', { token: t.adminToken })).body.purged).to.equal(0);
  });
});

describe('privacy: the scheduled retention sweep over every tenant', () => {
  it('runs the retention of every tenant, each in its own transaction, and audits each run as the system', async () => {
    const t = await onboardTenant('Zorggroep Nachtrun');
    const user = await call('POST', '/v1/users', { token: t.adminToken, body: { email: `nacht@${t.slug}.test`, name: 'Nacht Verlopen', roles: ['member'], retentionUntil: '2022-02-02' } });
    const outcome = await retentionSweep(env().platform.container).execute();
    expect(outcome.failed).to.equal(0);
    expect(outcome.tenants).to.be.at.least(2);
    const flags = await call('GET', '/v1/privacy/retention/flags', { token: t.adminToken });
    expect(flags.body.items.map((f: { subjectId: string }) => f.subjectId)).to.deep.equal([user.body.id]);
    const runs = await call('GET', '/v1/audit-events?action=privacy.retention_run', { token: t.adminToken });
    expect(runs.body.items[0]).to.include({ actorType: 'system', actorId: null });
  });
});
