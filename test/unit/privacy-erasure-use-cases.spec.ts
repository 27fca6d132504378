import { expect } from 'chai';
import { DeleteOwnAccount, EraseContact, EraseUser, ListErasures, ReapplyErasures } from '../../src/modules/privacy/application/erasure.js';
import { ErasureService } from '../../src/modules/privacy/application/erasure-service.js';
import { ErasureRecord } from '../../src/modules/privacy/domain/erasure.js';
import { RetentionFlag } from '../../src/modules/privacy/domain/privacy-settings.js';
import { IdentityNotConfirmed, LastAdminCannotBeErased } from '../../src/modules/privacy/domain/privacy.errors.js';
import { NotFound } from '../../src/platform/domain/errors.js';
import { FixedClock, InMemoryAuditLog, userActor } from '../support/in-memory/platform.js';
import {
  InMemoryContactDirectory,
  InMemoryErasureLedger,
  InMemoryErasureLedgerCopy,
  InMemoryRetentionFlags,
  InMemoryTenantRegistry,
  InMemoryUserAccounts,
  RecordingHolder,
  RecordingTenantTransactions,
} from '../support/in-memory/privacy.js';
import { errorOf, valueOf } from '../support/in-memory/result.js';

const T = '0b9c2f4e-7d1a-4c3b-9e8f-1a2b3c4d5e6f';
const ADMIN = '11111111-1111-4111-8111-111111111111';
const MO = '22222222-2222-4222-8222-222222222222';
const CONTACT = '33333333-3333-4333-8333-333333333333';
const UNKNOWN = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const admin = userActor({ tenantId: T, userId: ADMIN, roles: ['admin'] });
const mo = userActor({ tenantId: T, userId: MO, roles: ['member'] });

function world() {
  const erased: string[] = [];
  const p = {
    users: new InMemoryUserAccounts(),
    contacts: new InMemoryContactDirectory(),
    ledger: new InMemoryErasureLedger(),
    ledgerCopy: new InMemoryErasureLedgerCopy(),
    flags: new InMemoryRetentionFlags(),
    transactions: new RecordingTenantTransactions(),
    tenants: new InMemoryTenantRegistry(),
    audit: new InMemoryAuditLog(),
    clock: new FixedClock(),
    erased,
  };
  // The account ("profile") is named first here; erasure must still take it last.
  const holders = [
    new RecordingHolder('profile', erased, (s) => p.users.people.delete(s.userId)),
    new RecordingHolder('log_entries', erased),
    new RecordingHolder('messages', erased),
  ];
  p.users.people.set(ADMIN, { name: 'Ada Admin', lastAdmin: true, password: 'beheer' }).set(MO, { name: 'Mo van Lid', lastAdmin: false, password: 'geheim' });
  p.contacts.contacts.set(CONTACT, 'Karel Contact');
  p.tenants.tenants.set(T, { suspended: false });
  p.flags.add(RetentionFlag.of({ tenantId: T, subjectType: 'user', subjectId: MO, retentionUntil: '2026-01-01' }, p.clock.now()));
  return { ...p, erasure: new ErasureService({ ...p, holders: () => holders }) };
}

describe('privacy erasure use cases (in-memory ports)', () => {
  describe('EraseUser', () => {
    it("has every module erase its part under one pseudonym (the account last), drops the retention flag, writes the ledger line in the table and its copy, and audits it", async () => {
      const p = world();
      valueOf(await new EraseUser(p, p.erasure).execute({ actor: admin, userId: MO }));
      expect(p.erased.map((e) => e.split(':')[0])).to.deep.equal(['log_entries', 'messages', 'profile']);
      expect(new Set(p.erased.map((e) => e.split(':').slice(1).join(':'))).size).to.equal(1);
      expect(p.erased[0]).to.not.include('Mo van Lid');
      expect(p.flags.flags).to.deep.equal([]);
      expect(p.ledger.records.map((r) => [r.subjectType, r.subjectId, r.reason, r.requestedBy])).to.deep.equal([['user', MO, 'admin_request', ADMIN]]);
      expect(p.ledgerCopy.lines).to.deep.equal(p.ledger.records);
      expect(p.audit.entries[0]).to.deep.include({ action: 'privacy.user_erased', subjectType: 'user', subjectId: MO });
    });

    it('refuses an unknown user (NotFound) and the last active admin (LastAdminCannotBeErased), erasing nothing', async () => {
      const p = world();
      expect(errorOf(await new EraseUser(p, p.erasure).execute({ actor: admin, userId: UNKNOWN }))).to.be.instanceOf(NotFound);
      expect(errorOf(await new EraseUser(p, p.erasure).execute({ actor: admin, userId: ADMIN }))).to.be.instanceOf(LastAdminCannotBeErased);
      expect(p.erased).to.deep.equal([]);
      expect(p.ledger.records).to.deep.equal([]);
      expect(p.audit.entries).to.deep.equal([]);
    });
  });

  describe('EraseContact', () => {
    it('erases a contact through the content module, with a ledger line; NotFound for an unknown one', async () => {
      const p = world();
      valueOf(await new EraseContact(p, p.erasure).execute({ actor: admin, contactId: CONTACT }));
      expect(p.contacts.contacts.size).to.equal(0);
      expect(p.ledger.records.map((r) => [r.subjectType, r.subjectId])).to.deep.equal([['contact', CONTACT]]);
      expect(errorOf(await new EraseContact(p, p.erasure).execute({ actor: admin, contactId: CONTACT }))).to.be.instanceOf(NotFound);
      expect(p.audit.actions()).to.deep.equal(['privacy.contact_erased']);
    });
  });

  describe('DeleteOwnAccount', () => {
    it('erases the caller after their identity is confirmed, recorded as their own request', async () => {
      const p = world();
      valueOf(await new DeleteOwnAccount(p, p.erasure).execute({ actor: mo, password: 'geheim', code: null }));
      expect(p.users.people.has(MO)).to.equal(false);
      expect(p.ledger.records.map((r) => [r.reason, r.requestedBy])).to.deep.equal([['own_request', MO]]);
      expect(p.audit.entries[0]).to.deep.include({ action: 'privacy.own_account_deleted', actorId: MO, subjectId: MO });
    });

    it('refuses a wrong password (IdentityNotConfirmed) and the last admin (LastAdminCannotBeErased), erasing nothing', async () => {
      const p = world();
      expect(errorOf(await new DeleteOwnAccount(p, p.erasure).execute({ actor: mo, password: 'fout', code: null }))).to.be.instanceOf(IdentityNotConfirmed);
      expect(errorOf(await new DeleteOwnAccount(p, p.erasure).execute({ actor: admin, password: 'beheer', code: null }))).to.be.instanceOf(LastAdminCannotBeErased);
      expect(p.users.confirmations).to.deep.equal([
        { userId: MO, ok: false },
        { userId: ADMIN, ok: true },
      ]);
      expect(p.erased).to.deep.equal([]);
      expect(p.ledger.records).to.deep.equal([]);
    });
  });

  describe('ReapplyErasures and ListErasures', () => {
    it('after a restore: puts back ledger lines only the copy has, copies out lines only the table has, and erases each subject still present again', async () => {
      const p = world();
      valueOf(await new EraseUser(p, p.erasure).execute({ actor: admin, userId: MO }));
      // The restored database has Mo again and no ledger line; the copy outside kept it.
      p.ledger.records.length = 0;
      p.users.people.set(MO, { name: 'Mo van Lid', lastAdmin: false, password: 'geheim' });
      const tableOnly = ErasureRecord.of({ tenantId: T, subjectType: 'contact', subjectId: CONTACT, reason: 'admin_request', requestedBy: ADMIN }, p.clock.now());
      p.ledger.add(tableOnly);
      p.erased.length = 0;
      const outcome = await new ReapplyErasures(p, p.erasure).execute();
      expect(outcome).to.deep.equal({ tenants: 1, checked: 2, erasedAgain: 2, linesRestored: 1 });
      expect(p.users.people.has(MO)).to.equal(false);
      expect(p.contacts.contacts.has(CONTACT)).to.equal(false);
      expect(p.ledger.records).to.have.length(2);
      expect(p.ledgerCopy.lines.map((l) => l.id)).to.have.members(p.ledger.records.map((r) => r.id));
      expect(p.transactions.runs).to.deep.equal([null, T]);
      expect(await new ReapplyErasures(p, p.erasure).execute()).to.deep.equal({ tenants: 1, checked: 2, erasedAgain: 0, linesRestored: 0 });
      expect((await new ListErasures(p).execute({ tenantId: T, page: 1, pageSize: 1 })).total).to.equal(2);
    });
  });
});
