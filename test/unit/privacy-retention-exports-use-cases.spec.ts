import { expect } from 'chai';
import type { Readable } from 'node:stream';
import { ErasureService } from '../../src/modules/privacy/application/erasure-service.js';
import { EXPORT_PAGE_SIZE, ExportAuditTrail, ExportPeople, ExportSubject } from '../../src/modules/privacy/application/exports.js';
import { GetPrivacySettings, ListRetentionFlags, RetentionSweep, RunRetention, UpdatePrivacySettings } from '../../src/modules/privacy/application/retention.js';
import { RetentionFlag } from '../../src/modules/privacy/domain/privacy-settings.js';
import { NotFound } from '../../src/platform/domain/errors.js';
import type { PersonalDataHolder } from '../../src/platform/privacy/personal-data.js';
import { FixedClock, userActor } from '../support/in-memory/platform.js';
import {
  InMemoryContactDirectory,
  InMemoryErasureLedger,
  InMemoryErasureLedgerCopy,
  InMemoryPrivacySettingsRepository,
  InMemoryRetentionFlags,
  InMemoryTenantRegistry,
  InMemoryUserAccounts,
  JsonLinesTableWriter,
  ListingAuditLog,
  PurgingHolder,
  RecordingHolder,
  RecordingTenantTransactions,
  textOf,
} from '../support/in-memory/privacy.js';
import { errorOf, valueOf } from '../support/in-memory/result.js';

const T = '0b9c2f4e-7d1a-4c3b-9e8f-1a2b3c4d5e6f';
const OTHER_TENANT = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const ADMIN = '11111111-1111-4111-8111-111111111111';
const MO = '22222222-2222-4222-8222-222222222222';
const CONTACT = '33333333-3333-4333-8333-333333333333';
const BEA = '44444444-4444-4444-8444-444444444444';
const UNKNOWN = '55555555-5555-4555-8555-555555555555';
const admin = userActor({ tenantId: T, userId: ADMIN, roles: ['admin'] });
const mo = userActor({ tenantId: T, userId: MO, roles: ['member'] });
const byAdmin = { actorType: 'user' as const, actorId: ADMIN };
const MONTH_MS = 31 * 24 * 3600_000;

function world() {
  const clock = new FixedClock();
  const order: string[] = [];
  // The account ("profile") purges to name and e-mail; the messages holder has no purge of its own and erases.
  const holders: PersonalDataHolder[] = [new PurgingHolder('profile', order), new RecordingHolder('messages', order)];
  const p = {
    settings: new InMemoryPrivacySettingsRepository(),
    flags: new InMemoryRetentionFlags(),
    users: new InMemoryUserAccounts(),
    contacts: new InMemoryContactDirectory(),
    ledger: new InMemoryErasureLedger(),
    ledgerCopy: new InMemoryErasureLedgerCopy(),
    transactions: new RecordingTenantTransactions(),
    tenants: new InMemoryTenantRegistry(),
    audit: new ListingAuditLog(clock),
    writer: new JsonLinesTableWriter(),
    clock,
    holders: () => holders,
  };
  p.users.people.set(ADMIN, { name: 'Ada Admin', lastAdmin: true, password: 'beheer' }).set(MO, { name: 'Mo van Lid', lastAdmin: false, password: 'geheim' });
  p.contacts.contacts.set(CONTACT, 'Karel Contact');
  p.tenants.tenants.set(T, { suspended: false });
  return { ...p, order, holderList: holders, erasure: new ErasureService(p) };
}

type World = ReturnType<typeof world>;

const runRetention = (p: World) => new RunRetention(p, p.erasure);

/** The JSON lines the in-memory table writer produced. */
async function sheetRows(stream: Readable): Promise<Array<{ sheet: string; row: Record<string, unknown> }>> {
  return (await textOf(stream))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { sheet: string; row: Record<string, unknown> });
}

describe('privacy retention and export use cases (in-memory ports)', () => {
  describe('GetPrivacySettings and UpdatePrivacySettings', () => {
    it("answers a tenant's defaults (flag only, purge after six months) without storing them, and stores, changes and audits the tenant's choice", async () => {
      const p = world();
      expect(await new GetPrivacySettings(p).execute({ tenantId: T })).to.deep.include({ tenantId: T, erasePastRetention: false, deactivatedPurgeMonths: 6 });
      expect(p.settings.settings).to.deep.equal([]);
      const update = new UpdatePrivacySettings(p);
      const changed = await update.execute({ tenantId: T, actorType: 'user', actorId: ADMIN, clientAddress: '192.0.2.1', changes: { erasePastRetention: true } });
      expect(changed).to.deep.include({ erasePastRetention: true, deactivatedPurgeMonths: 6, updatedAt: p.clock.now() });
      expect(p.settings.settings).to.deep.equal([changed]);
      p.clock.advance(60_000);
      await update.execute({ tenantId: T, actorType: 'api_key', actorId: 'key-1', clientAddress: null, changes: { deactivatedPurgeMonths: 12 } });
      expect(p.settings.settings).to.have.length(1);
      expect(await new GetPrivacySettings(p).execute({ tenantId: T })).to.deep.include({ erasePastRetention: true, deactivatedPurgeMonths: 12, updatedAt: p.clock.now() });
      expect(await new GetPrivacySettings(p).execute({ tenantId: OTHER_TENANT })).to.deep.include({ erasePastRetention: false });
      expect(p.audit.entries.map((e) => [e.action, e.actorType, e.actorId, e.details])).to.deep.equal([
        ['privacy.settings_changed', 'user', ADMIN, { erasePastRetention: true }],
        ['privacy.settings_changed', 'api_key', 'key-1', { deactivatedPurgeMonths: 12 }],
      ]);
    });
  });

  describe('RunRetention and ListRetentionFlags', () => {
    it('flags users and contacts past their retention date once (by default nothing is erased), and audits each run with what it did', async () => {
      const p = world();
      p.users.retention.set(MO, '2026-01-01').set(ADMIN, '2026-11-23').set(BEA, '2026-11-24');
      p.contacts.retention.set(CONTACT, '2026-10-01');
      p.flags.add(RetentionFlag.of({ tenantId: OTHER_TENANT, subjectType: 'user', subjectId: MO, retentionUntil: '2026-01-01' }, p.clock.now()));
      expect(await runRetention(p).execute(T, byAdmin)).to.deep.equal({ flagged: 3, erased: 0, purged: 0 });
      const flags = await new ListRetentionFlags(p).execute({ tenantId: T });
      expect(flags.map((f) => [f.subjectType, f.subjectId, f.retentionUntil, f.flaggedAt])).to.deep.equal([
        ['user', MO, '2026-01-01', p.clock.now()],
        ['user', ADMIN, '2026-11-23', p.clock.now()],
        ['contact', CONTACT, '2026-10-01', p.clock.now()],
      ]);
      expect(await runRetention(p).execute(T, { actorType: 'system', actorId: null })).to.deep.equal({ flagged: 0, erased: 0, purged: 0 });
      expect(p.flags.flags).to.have.length(4);
      expect(p.order).to.deep.equal([]);
      expect(p.ledger.records).to.deep.equal([]);
      expect(p.audit.entries.map((e) => [e.action, e.actorType, e.actorId, e.details])).to.deep.equal([
        ['privacy.retention_run', 'user', ADMIN, { flagged: 3, erased: 0, purged: 0 }],
        ['privacy.retention_run', 'system', null, { flagged: 0, erased: 0, purged: 0 }],
      ]);
    });

    it('where the tenant chose so, erases everyone past retention with a ledger line, but only flags the last active admin', async () => {
      const p = world();
      await new UpdatePrivacySettings(p).execute({ tenantId: T, actorType: 'user', actorId: ADMIN, clientAddress: null, changes: { erasePastRetention: true } });
      p.users.retention.set(MO, '2026-01-01').set(ADMIN, '2026-11-23').set(UNKNOWN, '2026-01-01');
      p.contacts.retention.set(CONTACT, '2026-10-01');
      expect(await runRetention(p).execute(T, byAdmin)).to.deep.equal({ flagged: 1, erased: 2, purged: 0 });
      expect(p.order.map((e) => e.split(':').slice(0, 2).join(':'))).to.deep.equal([`messages:${MO}`, `profile:${MO}`]);
      expect(p.contacts.contacts.has(CONTACT)).to.equal(false);
      expect(p.ledger.records.map((r) => [r.subjectType, r.subjectId, r.reason, r.requestedBy])).to.deep.equal([
        ['user', MO, 'retention_expired', 'system'],
        ['contact', CONTACT, 'retention_expired', 'system'],
      ]);
      expect(p.ledgerCopy.lines).to.deep.equal(p.ledger.records);
      expect(p.flags.flags.map((f) => f.subjectId)).to.deep.equal([ADMIN]);
      expect(p.audit.entries.at(-1)).to.deep.include({ action: 'privacy.retention_run', details: { flagged: 1, erased: 2, purged: 0 } });
    });

    it("purges accounts deactivated longer than the tenant's period (a holder's own purge, else its erasure), without a ledger line", async () => {
      const p = world();
      const now = p.clock.now().getTime();
      p.users.deactivated.set(MO, new Date(now - 7 * MONTH_MS)).set(ADMIN, new Date(now - 4 * MONTH_MS)).set(UNKNOWN, new Date(now - 7 * MONTH_MS));
      expect(await runRetention(p).execute(T, byAdmin)).to.deep.equal({ flagged: 0, erased: 0, purged: 1 });
      expect(p.order.map((e) => e.split(':').slice(0, 2).join(':'))).to.deep.equal([`messages:${MO}`, `purge profile:${MO}`]);
      expect(p.ledger.records).to.deep.equal([]);
      await new UpdatePrivacySettings(p).execute({ tenantId: T, actorType: 'user', actorId: ADMIN, clientAddress: null, changes: { deactivatedPurgeMonths: 3 } });
      p.order.length = 0;
      expect(await runRetention(p).execute(T, byAdmin)).to.deep.equal({ flagged: 0, erased: 0, purged: 2 });
      expect(p.order.filter((e) => e.startsWith('purge')).map((e) => e.split(':')[1])).to.deep.equal([MO, ADMIN]);
    });
  });

  describe('RetentionSweep', () => {
    it('runs retention for every tenant, each in a transaction of its own, and reports a failing tenant without stopping the others', async () => {
      const p = world();
      p.tenants.tenants.set(OTHER_TENANT, { suspended: false });
      p.users.retention.set(MO, '2026-01-01');
      /** Retention as module.ts binds it, failing in one tenant as a broken row would. */
      class FailingInOtherTenant extends RunRetention {
        override execute(tenantId: string, by: { actorType: 'user' | 'api_key' | 'system'; actorId: string | null }) {
          return tenantId === OTHER_TENANT ? Promise.reject(new Error('kapotte rij')) : super.execute(tenantId, by);
        }
      }
      const errors: Array<[string, unknown]> = [];
      const sweep = new RetentionSweep(p, new FailingInOtherTenant(p, p.erasure), (tenantId, error) => errors.push([tenantId, error]));
      expect(await sweep.execute()).to.deep.equal({ tenants: 2, failed: 1 });
      expect(p.transactions.runs).to.deep.equal([null, T, OTHER_TENANT]);
      expect(errors.map(([tenantId, error]) => [tenantId, (error as Error).message])).to.deep.equal([[OTHER_TENANT, 'kapotte rij']]);
      expect(p.flags.flags.map((f) => [f.tenantId, f.subjectId])).to.deep.equal([[T, MO]]);
      expect(p.audit.entries.map((e) => [e.tenantId, e.action, e.actorType, e.actorId])).to.deep.equal([[T, 'privacy.retention_run', 'system', null]]);
    });
  });

  describe('ExportPeople', () => {
    it('streams all users as CSV page by page (each page in its own transaction, read only as the client takes it), audited once', async () => {
      const p = world();
      p.users.people.clear();
      for (let i = 0; i < EXPORT_PAGE_SIZE + 1; i++) p.users.people.set(`user-${String(i).padStart(5, '0')}`, { name: `Persoon ${i}`, lastAdmin: false, password: 'x' });
      const reply = new ExportPeople(p).execute({ actor: admin, dataset: 'users', format: 'csv' });
      expect(reply).to.deep.include({ contentType: 'text/csv; charset=utf-8', fileName: 'users-2026-11-24.csv' });
      expect(p.transactions.runs).to.deep.equal([]);
      expect(p.audit.entries.map((e) => [e.action, e.actorId, e.details])).to.deep.equal([['privacy.export.users', ADMIN, { format: 'csv' }]]);
      const rows = await sheetRows(reply.stream);
      expect(rows).to.have.length(EXPORT_PAGE_SIZE + 1);
      expect(rows[0]).to.deep.equal({ sheet: 'users', row: { id: 'user-00000', name: 'Persoon 0' } });
      expect(rows.at(-1)!.row.id).to.equal(`user-${String(EXPORT_PAGE_SIZE).padStart(5, '0')}`);
      expect(p.transactions.runs).to.deep.equal([T, T]);
    });

    it('streams the contacts as a workbook', async () => {
      const p = world();
      p.contacts.contacts.set(BEA, 'Bea Contact');
      const reply = new ExportPeople(p).execute({ actor: admin, dataset: 'contacts', format: 'xlsx' });
      expect(reply).to.deep.include({ contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName: 'contacts-2026-11-24.xlsx' });
      expect(await sheetRows(reply.stream)).to.deep.equal([
        { sheet: 'contacts', row: { id: CONTACT, name: 'Karel Contact' } },
        { sheet: 'contacts', row: { id: BEA, name: 'Bea Contact' } },
      ]);
      expect(p.audit.actions()).to.deep.equal(['privacy.export.contacts']);
    });
  });

  describe('ExportSubject', () => {
    it("collects every module's part and the audit trail about and by the person as JSON, audited as an admin's export", async () => {
      const p = world();
      p.holderList.push(new RecordingHolder('messages', p.order));
      p.audit.record({ tenantId: T, action: 'user.updated', actorType: 'user', actorId: ADMIN, subjectType: 'user', subjectId: MO });
      p.audit.record({ tenantId: T, action: 'auth.logout', actorType: 'user', actorId: MO, details: { sessionId: 's1' } });
      p.audit.record({ tenantId: T, action: 'user.updated', actorType: 'user', actorId: ADMIN, subjectType: 'user', subjectId: BEA });
      const reply = valueOf(await new ExportSubject(p).execute({ actor: admin, userId: MO, format: 'json' }));
      expect(reply).to.deep.include({ contentType: 'application/json; charset=utf-8', fileName: `personal-data-${MO}-2026-11-24.json` });
      const body = JSON.parse(await textOf(reply.stream)) as { subject: unknown; exportedAt: string; data: Record<string, Array<Record<string, unknown>>> };
      expect(body.subject).to.deep.equal({ type: 'user', id: MO });
      expect(body.exportedAt).to.equal('2026-11-24T09:00:00.000Z');
      expect(Object.keys(body.data)).to.deep.equal(['profile', 'messages', 'audit']);
      expect(body.data.profile).to.deep.equal([{ category: 'profile', userId: MO }]);
      expect(body.data.messages).to.have.length(2);
      expect(body.data.audit!.map((e) => [e.action, e.actorId, e.subjectId, e.details])).to.deep.equal([
        ['user.updated', ADMIN, MO, '{}'],
        ['auth.logout', MO, null, '{"sessionId":"s1"}'],
      ]);
      expect(p.audit.entries.at(-1)).to.deep.include({ action: 'privacy.export.subject', actorId: ADMIN, subjectType: 'user', subjectId: MO, details: { format: 'json', categories: ['profile', 'messages', 'audit'] } });
    });

    it('writes one sheet per category as a workbook, values flattened to cells, and audits a member asking for their own data as such', async () => {
      const p = world();
      const at = new Date('2026-11-01T08:00:00Z');
      p.holderList.push({ category: 'devices', exportSubject: () => Promise.resolve([{ sessionId: 's1', createdAt: at, tags: ['ios', 'push'], revokedAt: null, note: undefined, active: true }]), eraseSubject: () => Promise.resolve() });
      const reply = valueOf(await new ExportSubject(p).execute({ actor: mo, userId: MO, format: 'xlsx' }));
      expect(reply).to.deep.include({ contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName: `personal-data-${MO}-2026-11-24.xlsx` });
      const rows = await sheetRows(reply.stream);
      expect(rows.map((r) => r.sheet)).to.deep.equal(['profile', 'messages', 'devices']);
      expect(rows[2]!.row).to.deep.equal({ sessionId: 's1', createdAt: at.toISOString(), tags: '["ios","push"]', revokedAt: null, note: null, active: true });
      expect(p.audit.entries.at(-1)).to.deep.include({ action: 'privacy.export.own_data', actorId: MO, subjectId: MO, details: { format: 'xlsx', categories: ['profile', 'messages', 'devices', 'audit'] } });
    });

    it('refuses someone the users module does not know (NotFound), exporting and auditing nothing', async () => {
      const p = world();
      expect(errorOf(await new ExportSubject(p).execute({ actor: admin, userId: UNKNOWN, format: 'json' }))).to.be.instanceOf(NotFound);
      expect(p.audit.entries).to.deep.equal([]);
    });
  });

  describe('ExportAuditTrail', () => {
    it('streams the trail filtered as the list is (action, subject, period), page by page, and audits the export with its filter', async () => {
      const p = world();
      p.audit.record({ tenantId: T, action: 'user.updated', actorType: 'user', actorId: ADMIN, subjectType: 'user', subjectId: MO, clientAddress: '192.0.2.1', userAgent: 'console' });
      p.clock.advance(3600_000);
      const later = p.clock.now();
      p.audit.record({ tenantId: T, action: 'user.updated', actorType: 'user', actorId: ADMIN, subjectType: 'user', subjectId: BEA });
      p.audit.record({ tenantId: OTHER_TENANT, action: 'user.updated', actorType: 'user', actorId: ADMIN });
      const [first] = p.audit.events;
      const csv = new ExportAuditTrail(p).execute({ actor: admin, format: 'csv', filter: { action: 'user.updated', subjectId: MO } });
      expect(csv).to.deep.include({ contentType: 'text/csv; charset=utf-8', fileName: 'audit-2026-11-24.csv' });
      expect(await sheetRows(csv.stream)).to.deep.equal([
        {
          sheet: 'audit',
          row: { id: first!.id, occurredAt: '2026-11-24T09:00:00.000Z', action: 'user.updated', actorType: 'user', actorId: ADMIN, subjectType: 'user', subjectId: MO, clientAddress: '192.0.2.1', userAgent: 'console', details: '{}' },
        },
      ]);
      const xlsx = new ExportAuditTrail(p).execute({ actor: admin, format: 'xlsx', filter: { from: later } });
      expect(xlsx.fileName).to.equal('audit-2026-11-24.xlsx');
      // The export is on the trail before the trail is read, so the second export lists the first.
      expect((await sheetRows(xlsx.stream)).map((r) => [r.row.action, r.row.subjectId])).to.deep.equal([
        ['user.updated', BEA],
        ['privacy.export.audit', null],
        ['privacy.export.audit', null],
      ]);
      expect(p.transactions.runs).to.deep.equal([T, T]);
      expect(p.audit.entries.filter((e) => e.action === 'privacy.export.audit').map((e) => e.details)).to.deep.equal([
        { format: 'csv', filter: { action: 'user.updated', subjectId: MO } },
        { format: 'xlsx', filter: { from: later } },
      ]);
    });
  });
});
