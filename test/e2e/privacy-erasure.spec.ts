import { expect } from 'chai';
import { text } from 'node:stream/consumers';
import speakeasy from 'speakeasy';
import { PLATFORM } from '../../src/platform/container/tokens.js';
import { tenantKey, type ObjectStorage } from '../../src/platform/media/ports.js';
import { reapplyErasures } from '../../src/modules/privacy/module.js';
import { pseudonymFor } from '../../src/modules/privacy/domain/erasure.js';
import { findTextAnywhere, ownerQuery } from '../helpers/database-search.js';
import { addUser, onboardTenant, PASSWORD, type OnboardedTenant } from '../helpers/fixtures.js';
import { call } from '../helpers/http.js';
import { env } from '../helpers/test-env.js';

describe('privacy: erasure', () => {
  let t: OnboardedTenant;

  before(async () => {
    t = await onboardTenant('Zorggroep Vergeten');
  });

  /** A person the platform knows a lot about: group, contact list, audience, devices, a failed sign-in. */
  async function wellKnownPerson(name: string) {
    const person = await addUser(t, ['member'], name);
    const firstName = name.split(' ')[0]!;
    const failed = await call('POST', '/v1/auth/login', { body: { tenant: t.slug, email: person.email, password: 'vergeten-wachtwoord-1' } });
    expect(failed.status).to.equal(401);
    const device = { name: `iPhone van ${firstName}`, platform: 'ios', appVersion: '3.1.0' };
    const signedIn = await call('POST', '/v1/auth/login', { body: { tenant: t.slug, email: person.email, password: PASSWORD, device } });
    expect(signedIn.status, signedIn.text).to.equal(200);
    const push = await call('POST', '/v1/me/devices', { token: person.token, body: { platform: 'ios', token: `apns-${person.id}`, appVersion: '3.1.0' } });
    expect(push.status, push.text).to.equal(201);
    const group = await call('POST', '/v1/groups', { token: t.adminToken, body: { name: `Ploeg ${name.slice(0, 5)}`, type: 'team' } });
    await call('PUT', `/v1/groups/${group.body.id}/members/${person.id}`, { token: t.adminToken });
    await call('PATCH', `/v1/users/${person.id}`, { token: t.adminToken, body: { phone: '+31 6 11112222', jobTitle: 'Verpleegkundige', legalBasisNote: `Dienstverband ${name}` } });
    const list = await call('POST', '/v1/content/items', { token: t.adminToken, body: { kind: 'contact_list', title: 'Bereikbaarheid', body: { entries: [{ userId: person.id }] } } });
    expect(list.status, list.text).to.equal(201);
    await call('PUT', `/v1/content/items/${list.body.id}/audience`, { token: t.adminToken, body: { everyone: false, userIds: [person.id] } });
    await call('POST', `/v1/content/items/${list.body.id}/publish`, { token: t.adminToken });
    expect((await call('GET', '/v1/me/content', { token: person.token })).status).to.equal(200);
    return { ...person, listId: list.body.id as string };
  }

  it('erases a user from every table: their name appears in no text column anywhere, their token stops, the ledger keeps only ids', async () => {
    const name = 'Xaveria Quintijn-Zwanenburg';
    const person = await wellKnownPerson(name);
    expect(await findTextAnywhere('Quintijn-Zwanenburg')).to.not.deep.equal([]);
    expect(await findTextAnywhere('iPhone van Xaveria')).to.deep.equal(['device_sessions.device_name']);
    // The failed sign-in is on record under the account, without the typed address or the device name.
    const failures = await call('GET', `/v1/audit-events?action=auth.login.failed&subjectId=${person.id}`, { token: t.adminToken });
    expect(failures.body.items).to.have.length(1);

    const erased = await call('POST', `/v1/privacy/users/${person.id}/erase`, { token: t.adminToken });
    expect(erased.status, erased.text).to.equal(204);

    expect(await findTextAnywhere('Quintijn')).to.deep.equal([]);
    expect(await findTextAnywhere('Xaveria')).to.deep.equal([]);
    expect(await findTextAnywhere(person.email)).to.deep.equal([]);
    const pushDevices = await ownerQuery('select count(*)::int as n from push_devices where user_id = $1', [person.id]);
    expect(pushDevices.rows[0]!.n).to.equal(0);
    expect((await call('GET', '/v1/me', { token: person.token })).status).to.equal(401);
    expect((await call('GET', `/v1/users/${person.id}`, { token: t.adminToken })).status).to.equal(404);
    const sessions = await ownerQuery('select count(*)::int as n from device_sessions where user_id = $1', [person.id]);
    expect(sessions.rows[0]!.n).to.equal(0);
    const list = await call('GET', `/v1/content/items/${person.listId}`, { token: t.adminToken });
    expect(list.body.body.entries).to.deep.equal([]);
    expect(list.body.audience.userIds).to.deep.equal([]);

    const ledger = await call('GET', '/v1/privacy/erasures', { token: t.adminToken });
    expect(ledger.body.items[0]).to.include({ subjectType: 'user', subjectId: person.id, reason: 'admin_request', requestedBy: t.adminId });
    expect(JSON.stringify(ledger.body)).to.not.include('Xaveria');
  });

  it('gives the erased a stable pseudonym with their initials', () => {
    const id = '6f1d3c2b-8a7e-4f5d-9c0b-1e2d3f4a5b6c';
    expect(pseudonymFor('Jan de Vries', id)).to.match(/^Oud-deelnemer J\.V\. #[0-9a-f]{6}$/);
    expect(pseudonymFor('Jan de Vries', id)).to.equal(pseudonymFor('Jan de Vries', id));
    expect(pseudonymFor('Jan de Vries', id)).to.not.equal(pseudonymFor('Jan de Vries', '7f1d3c2b-8a7e-4f5d-9c0b-1e2d3f4a5b6c'));
  });

  it('lets a member delete their own account only with their password; a wrong one changes nothing', async () => {
    const person = await wellKnownPerson('Ottoline Brakkeveen');
    const wrong = await call('POST', '/v1/me/erase', { token: person.token, body: { password: 'niet-mijn-wachtwoord-123' } });
    expect(wrong.status).to.equal(400);
    expect(wrong.body.type).to.equal('/problems/privacy-identity-not-confirmed');
    expect((await call('GET', '/v1/me', { token: person.token })).status).to.equal(200);

    const own = await call('POST', '/v1/me/erase', { token: person.token, body: { password: PASSWORD } });
    expect(own.status, own.text).to.equal(204);
    expect((await call('GET', '/v1/me', { token: person.token })).status).to.equal(401);
    expect(await findTextAnywhere('Brakkeveen')).to.deep.equal([]);
    const ledger = await call('GET', '/v1/privacy/erasures', { token: t.adminToken });
    expect(ledger.body.items[0]).to.include({ subjectId: person.id, reason: 'own_request' });
  });

  it('asks a member with a second factor for a current code too', async () => {
    const person = await addUser(t, ['member'], 'Tweestaps Verwijderaar');
    const started = await call('POST', '/v1/me/second-factor', { token: person.token });
    const secret = started.body.secret as string;
    const code = (offset = 0) => speakeasy.totp({ secret, encoding: 'base32', time: Math.floor(env().clock.now().getTime() / 1000) + offset });
    expect((await call('POST', '/v1/me/second-factor/confirm', { token: person.token, body: { code: code() } })).status).to.equal(200);
    env().clock.advance(30_000);
    try {
      const withoutCode = await call('POST', '/v1/me/erase', { token: person.token, body: { password: PASSWORD } });
      expect(withoutCode.status).to.equal(400);
      const wrongCode = await call('POST', '/v1/me/erase', { token: person.token, body: { password: PASSWORD, code: code(-3600) } });
      expect(wrongCode.status).to.equal(400);
      expect((await call('GET', '/v1/me', { token: person.token })).status).to.equal(200);
      const erased = await call('POST', '/v1/me/erase', { token: person.token, body: { password: PASSWORD, code: code() } });
      expect(erased.status, erased.text).to.equal(204);
      expect(await findTextAnywhere('Tweestaps')).to.deep.equal([]);
    } finally {
      env().clock.reset();
    }
  });

  it('locks out guessing the password through account deletion like sign-in does', async () => {
    const person = await addUser(t, ['member'], 'Raad Niet');
    const headers = { 'x-forwarded-for': '203.0.113.77' };
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await call('POST', '/v1/me/erase', { token: person.token, headers, body: { password: `geraden-wachtwoord-${i}` } })).status);
    expect(statuses.slice(0, 4)).to.deep.equal([400, 400, 400, 400]);
    expect(statuses.at(-1)).to.equal(429);
    const right = await call('POST', '/v1/me/erase', { token: person.token, headers, body: { password: PASSWORD } });
    expect(right.status).to.equal(429);
    expect((await call('GET', '/v1/me', { token: person.token })).status).to.equal(200);
  });

  it('refuses to erase the last active admin', async () => {
    const last = await call('POST', `/v1/privacy/users/${t.adminId}/erase`, { token: t.adminToken });
    expect(last.status).to.equal(409);
    expect((await call('GET', '/v1/me', { token: t.adminToken })).status).to.equal(200);
  });

  it('erases a contact, who leaves every contact list', async () => {
    const contact = await call('POST', '/v1/contacts', { token: t.adminToken, body: { name: 'Gerbrand Uitwisseling', phones: ['+31 88 5550000'] } });
    const list = await call('POST', '/v1/content/items', { token: t.adminToken, body: { kind: 'contact_list', title: 'Externen', body: { entries: [{ contactId: contact.body.id }] } } });
    const erased = await call('POST', `/v1/privacy/contacts/${contact.body.id}/erase`, { token: t.adminToken });
    expect(erased.status, erased.text).to.equal(204);
    expect((await call('GET', `/v1/contacts/${contact.body.id}`, { token: t.adminToken })).status).to.equal(404);
    expect((await call('GET', `/v1/content/items/${list.body.id}`, { token: t.adminToken })).body.body.entries).to.deep.equal([]);
    expect(await findTextAnywhere('Uitwisseling')).to.deep.equal([]);
  });

  it('re-applies the erasure ledger after a restore brings an erased person and an older ledger back (npm run privacy:reapply-erasures)', async () => {
    const person = await wellKnownPerson('Reinout Terugkeer');
    // The backup: the person's rows as they were before the erasure.
    const tables = ['users', 'group_members', 'device_sessions', 'push_devices'];
    const backup: Record<string, Array<Record<string, unknown>>> = {};
    for (const table of tables) backup[table] = (await ownerQuery<Record<string, unknown>>(`select * from ${table} where user_id = $1`.replace('user_id', table === 'users' ? 'id' : 'user_id'), [person.id])).rows;
    expect(backup.push_devices).to.have.length(1);
    expect((await call('POST', `/v1/privacy/users/${person.id}/erase`, { token: t.adminToken })).status).to.equal(204);
    const line = (await ownerQuery<{ id: string }>('select id from erasure_ledger where subject_id = $1', [person.id])).rows;
    expect(line).to.have.length(1);

    // The copy outside the database: one object under the tenant's prefix, ids only.
    const storage = env().platform.container.get<ObjectStorage>(PLATFORM.ObjectStorage);
    const keys: string[] = [];
    for await (const key of storage.list(tenantKey(t.id, 'privacy', 'erasure-ledger'))) keys.push(key);
    const key = keys.find((k) => k.endsWith(`-${line[0]!.id}.json`));
    expect(key, keys.join(', ')).to.be.a('string');
    const copy = JSON.parse(await text(await storage.get(key!))) as Record<string, unknown>;
    expect(copy).to.include({ id: line[0]!.id, tenantId: t.id, subjectType: 'user', subjectId: person.id, reason: 'admin_request', requestedBy: t.adminId });
    expect(JSON.stringify(copy)).to.not.include('Terugkeer');

    // "Restore" the backup: the person's rows come back, and the ledger table as it was then (without the line).
    await ownerQuery('delete from erasure_ledger where subject_id = $1', [person.id]);
    for (const table of tables) {
      for (const row of backup[table]!) {
        const columns = Object.keys(row);
        await ownerQuery(`insert into ${table} (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')})`, columns.map((c) => row[c]));
      }
    }
    expect(await findTextAnywhere('Terugkeer')).to.not.deep.equal([]);
    expect((await ownerQuery('select count(*)::int as n from push_devices where user_id = $1', [person.id])).rows[0]!.n).to.equal(1);

    const outcome = await reapplyErasures(env().platform.container).execute();
    expect(outcome.erasedAgain).to.be.at.least(1);
    expect(outcome.linesRestored).to.be.at.least(1);
    expect(await findTextAnywhere('Terugkeer')).to.deep.equal([]);
    for (const table of tables) {
      const left = await ownerQuery(`select count(*)::int as n from ${table} where ${table === 'users' ? 'id' : 'user_id'} = $1`, [person.id]);
      expect(left.rows[0]!.n, table).to.equal(0);
    }
    // The table has its line again, and a second run finds nothing left to do.
    const ledger = await call('GET', '/v1/privacy/erasures', { token: t.adminToken });
    expect(ledger.body.items.map((item: { id: string }) => item.id)).to.include(line[0]!.id);
    const again = await reapplyErasures(env().platform.container).execute();
    expect(again).to.include({ erasedAgain: 0, linesRestored: 0 });
  });
});
