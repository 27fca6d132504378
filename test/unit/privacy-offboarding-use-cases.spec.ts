import { expect } from 'chai';
import { ArchiveTenant, ListProcessorAgreements, OffboardTenant, RecordProcessorAgreement } from '../../src/modules/privacy/application/offboarding.js';
import { TenantStillActive } from '../../src/modules/privacy/domain/privacy.errors.js';
import { NotFound } from '../../src/platform/domain/errors.js';
import { FixedClock, InMemoryAuditLog } from '../support/in-memory/platform.js';
import {
  InMemoryProcessorAgreements,
  InMemoryTenantData,
  InMemoryTenantFiles,
  InMemoryTenantRegistry,
  JsonLinesArchiveWriter,
  JsonLinesTableWriter,
  RecordingTenantTransactions,
  textOf,
} from '../support/in-memory/privacy.js';
import { errorOf, valueOf } from '../support/in-memory/result.js';

const T = '0b9c2f4e-7d1a-4c3b-9e8f-1a2b3c4d5e6f';
const OTHER_TENANT = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const UNKNOWN = '55555555-5555-4555-8555-555555555555';
const operator = { operatorId: 'op-1', clientAddress: '198.51.100.7' };

function world() {
  const p = {
    agreements: new InMemoryProcessorAgreements(),
    tenants: new InMemoryTenantRegistry(),
    transactions: new RecordingTenantTransactions(),
    tenantData: new InMemoryTenantData(),
    tenantFiles: new InMemoryTenantFiles(),
    archives: new JsonLinesArchiveWriter(),
    writer: new JsonLinesTableWriter(),
    clock: new FixedClock(),
    audit: new InMemoryAuditLog(),
  };
  p.tenants.tenants.set(T, { suspended: false }).set(OTHER_TENANT, { suspended: false });
  p.tenantData.put('users', T, [
    { id: 'u1', tenant_id: T, name: 'Ada' },
    { id: 'u2', tenant_id: T, name: 'Mo' },
  ]);
  p.tenantData.put('users', OTHER_TENANT, [{ id: 'u9', tenant_id: OTHER_TENANT, name: 'Elders' }]);
  p.tenantData.put('incident_log_entries', T, [{ id: 'l1', tenant_id: T, text: 'Start' }]);
  p.tenantFiles.files.set(`tenants/${T}/media/kaart.png`, 'png-bytes').set(`tenants/${T}/logo.svg`, '<svg/>').set(`tenants/${OTHER_TENANT}/logo.svg`, '<svg elders/>');
  return p;
}

type Entry = { name: string; content: string };
const entriesOf = async (text: Promise<string>): Promise<Entry[]> => (await text).split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Entry);

describe('privacy offboarding use cases (in-memory ports)', () => {
  describe('RecordProcessorAgreement and ListProcessorAgreements', () => {
    it("records the version a tenant accepted, by whom and when (now unless given), in the tenant, audited as the operator's; lists the tenant's own", async () => {
      const p = world();
      const record = new RecordProcessorAgreement(p);
      const first = valueOf(await record.execute({ operator, tenantId: T, version: ' 2.1 ', acceptedByName: ' Ada Admin ', acceptedByEmail: ' Ada@Oost.example ', acceptedAt: null }));
      expect(first).to.deep.include({ tenantId: T, version: '2.1', acceptedByName: 'Ada Admin', acceptedByEmail: 'ada@oost.example', acceptedAt: p.clock.now(), recordedBy: 'op-1' });
      const signed = new Date('2026-10-01T12:00:00Z');
      valueOf(await record.execute({ operator, tenantId: OTHER_TENANT, version: '2.0', acceptedByName: 'Bo', acceptedByEmail: 'bo@elders.example', acceptedAt: signed }));
      expect(p.agreements.agreements.map((a) => [a.tenantId, a.acceptedAt])).to.deep.equal([
        [T, p.clock.now()],
        [OTHER_TENANT, signed],
      ]);
      expect(valueOf(await new ListProcessorAgreements(p).execute({ tenantId: T }))).to.deep.equal([first]);
      expect(p.transactions.entered).to.deep.equal([T, OTHER_TENANT, T]);
      expect(p.audit.entries[0]).to.deep.include({ tenantId: T, action: 'privacy.processor_agreement_recorded', actorType: 'operator', actorId: 'op-1', clientAddress: '198.51.100.7', details: { version: '2.1' } });
      expect(p.audit.entries).to.have.length(2);
    });

    it('refuses a tenant that does not exist (NotFound), entering no tenant and recording nothing', async () => {
      const p = world();
      expect(errorOf(await new RecordProcessorAgreement(p).execute({ operator, tenantId: UNKNOWN, version: '2.1', acceptedByName: 'X', acceptedByEmail: 'x@x.example', acceptedAt: null }))).to.be.instanceOf(NotFound);
      expect(errorOf(await new ListProcessorAgreements(p).execute({ tenantId: UNKNOWN }))).to.be.instanceOf(NotFound);
      expect(p.transactions.entered).to.deep.equal([]);
      expect(p.agreements.agreements).to.deep.equal([]);
      expect(p.audit.entries).to.deep.equal([]);
    });
  });

  describe('ArchiveTenant', () => {
    it("zips every table of the tenant as JSON lines and as one workbook, and every file under media/, audited with the number of tables", async () => {
      const p = world();
      const reply = valueOf(await new ArchiveTenant(p).execute({ operator, tenantId: T }));
      expect(reply).to.deep.include({ contentType: 'application/zip', fileName: `tenant-${T}-2026-11-24.zip` });
      expect(p.audit.entries.map((e) => [e.tenantId, e.action, e.actorId, e.details])).to.deep.equal([[T, 'privacy.tenant_archived', 'op-1', { tables: 2 }]]);
      const entries = await entriesOf(textOf(reply.stream));
      expect(entries.map((e) => e.name)).to.deep.equal(['data/users.jsonl', 'data/incident_log_entries.jsonl', 'data/tenant.xlsx', 'media/media/kaart.png', 'media/logo.svg']);
      expect(entries[0]!.content).to.equal(`{"id":"u1","tenant_id":"${T}","name":"Ada"}\n{"id":"u2","tenant_id":"${T}","name":"Mo"}\n`);
      expect(entries[2]!.content.trim().split('\n').map((l) => (JSON.parse(l) as { sheet: string }).sheet)).to.deep.equal(['users', 'users', 'incident_log_entries']);
      expect(entries[2]!.content).to.not.include('Elders');
      expect(entries.slice(3).map((e) => e.content)).to.deep.equal(['png-bytes', '<svg/>']);
      expect(p.transactions.entered).to.deep.equal([T]);
    });

    it('cuts the transfer off when a file cannot be read, rather than sending an archive with a hole', async () => {
      const p = world();
      p.tenantFiles.unreadable.add(`tenants/${T}/logo.svg`);
      const reply = valueOf(await new ArchiveTenant(p).execute({ operator, tenantId: T }));
      const failure = await textOf(reply.stream).catch((error: unknown) => error);
      expect((failure as Error).message).to.equal(`no object tenants/${T}/logo.svg`);
    });

    it('refuses a tenant that does not exist (NotFound), auditing nothing', async () => {
      const p = world();
      expect(errorOf(await new ArchiveTenant(p).execute({ operator, tenantId: UNKNOWN }))).to.be.instanceOf(NotFound);
      expect(p.transactions.entered).to.deep.equal([]);
      expect(p.audit.entries).to.deep.equal([]);
    });
  });

  describe('OffboardTenant', () => {
    it("deletes a suspended tenant's files, its row and every row of its tables; another tenant keeps everything", async () => {
      const p = world();
      p.tenants.tenants.set(T, { suspended: true });
      expect(valueOf(await new OffboardTenant(p).execute({ operator, tenantId: T }))).to.deep.equal({ files: 2 });
      expect([...p.tenantFiles.files.keys()]).to.deep.equal([`tenants/${OTHER_TENANT}/logo.svg`]);
      expect([...p.tenants.tenants.keys()]).to.deep.equal([OTHER_TENANT]);
      expect(p.tenantData.deleted).to.deep.equal([T]);
      expect(p.transactions.entered).to.deep.equal([T]);
      const left: string[] = [];
      for await (const page of p.tenantData.rows(OTHER_TENANT, 'users', 10)) left.push(...page.map((r) => String(r.id)));
      expect(left).to.deep.equal(['u9']);
      for await (const page of p.tenantData.rows(T, 'users', 10)) left.push(...page.map((r) => String(r.id)));
      expect(left).to.deep.equal(['u9']);
    });

    it('refuses a tenant still active (TenantStillActive) and one that does not exist (NotFound), deleting nothing', async () => {
      const p = world();
      const offboard = new OffboardTenant(p);
      expect(errorOf(await offboard.execute({ operator, tenantId: T }))).to.be.instanceOf(TenantStillActive);
      expect(errorOf(await offboard.execute({ operator, tenantId: UNKNOWN }))).to.be.instanceOf(NotFound);
      expect(p.tenantFiles.files.size).to.equal(3);
      expect(p.tenants.tenants.size).to.equal(2);
      expect(p.tenantData.deleted).to.deep.equal([]);
      expect(p.transactions.entered).to.deep.equal([]);
    });
  });
});
