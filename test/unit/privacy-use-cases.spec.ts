import { expect } from 'chai';
import { DeleteProcessingActivity, ExportRegister, ListBreaches, ListProcessingActivities, RecordBreach, RecordProcessingActivity, UpdateBreach, UpdateProcessingActivity } from '../../src/modules/privacy/application/registers.js';
import type { ProcessingDetails } from '../../src/modules/privacy/domain/processing-activity.js';
import { InvalidRegisterEntry } from '../../src/modules/privacy/domain/privacy.errors.js';
import { NotFound } from '../../src/platform/domain/errors.js';
import { FixedClock, InMemoryAuditLog, userActor } from '../support/in-memory/platform.js';
import { InMemoryBreachRepository, InMemoryProcessingRegister, JsonLinesTableWriter, textOf } from '../support/in-memory/privacy.js';
import { errorOf, valueOf } from '../support/in-memory/result.js';

const T = '0b9c2f4e-7d1a-4c3b-9e8f-1a2b3c4d5e6f';
const UNKNOWN = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const admin = userActor({ tenantId: T, userId: '11111111-1111-4111-8111-111111111111', roles: ['admin'] });

function world() {
  return { breaches: new InMemoryBreachRepository(), processing: new InMemoryProcessingRegister(), audit: new InMemoryAuditLog(), clock: new FixedClock(), writer: new JsonLinesTableWriter() };
}

const activity: ProcessingDetails = {
  activity: 'Alarmering',
  purpose: 'Crisisteam oproepen',
  dataCategories: ['naam', 'telefoon'],
  specialCategories: [],
  legalBasis: 'legitimate_interest',
  retention: 'Tot uit dienst',
  processors: ['SMS-leverancier'],
  recipients: [],
  responsible: 'FG',
};

describe('privacy register use cases (in-memory ports)', () => {
  describe('breaches: RecordBreach, UpdateBreach, ListBreaches', () => {
    it('records a breach with its 72-hour deadline and updates it, auditing both; refuses bad details (InvalidRegisterEntry) and an unknown id (NotFound)', async () => {
      const p = world();
      const foundAt = new Date(p.clock.now().getTime() - 3600_000);
      const breach = valueOf(new RecordBreach(p).execute({ actor: admin, details: { title: 'Laptop kwijt', description: 'In de trein', foundAt, reportable: true } }));
      expect(await new ListBreaches(p).execute({ tenantId: T })).to.deep.equal([breach]);
      expect(breach.reportingDeadline().getTime() - foundAt.getTime()).to.equal(72 * 3600_000);
      expect(breach.isOverdue(p.clock.now())).to.equal(false);
      valueOf(await new UpdateBreach(p).execute({ actor: admin, breachId: breach.id, changes: { reportedToAuthorityAt: p.clock.now(), authorityReference: 'AP-1' } }));
      expect(breach).to.deep.include({ authorityReference: 'AP-1' });
      expect(errorOf(new RecordBreach(p).execute({ actor: admin, details: { title: ' ', description: 'x', foundAt } }))).to.deep.include({ fields: [{ pointer: '/title', detail: 'must not be empty' }] });
      expect(errorOf(new RecordBreach(p).execute({ actor: admin, details: { title: 'Later', description: 'x', foundAt: new Date(p.clock.now().getTime() + 60_000) } }))).to.deep.include({ fields: [{ pointer: '/foundAt', detail: 'lies in the future' }] });
      expect(errorOf(await new UpdateBreach(p).execute({ actor: admin, breachId: breach.id, changes: { reportedToAuthorityAt: new Date(foundAt.getTime() - 1) } }))).to.be.instanceOf(InvalidRegisterEntry);
      expect(breach.authorityReference).to.equal('AP-1');
      expect(errorOf(await new UpdateBreach(p).execute({ actor: admin, breachId: UNKNOWN, changes: {} }))).to.be.instanceOf(NotFound);
      expect(p.breaches.breaches).to.have.length(1);
      expect(p.audit.entries.map((e) => [e.action, e.subjectId, e.details])).to.deep.equal([
        ['privacy.breach_recorded', breach.id, {}],
        ['privacy.breach_updated', breach.id, { fields: ['reportedToAuthorityAt', 'authorityReference'] }],
      ]);
    });
  });

  describe('processing register: RecordProcessingActivity, UpdateProcessingActivity, DeleteProcessingActivity', () => {
    it('records, changes and deletes an activity, auditing each; refuses empty fields (InvalidRegisterEntry) and unknown ids (NotFound)', async () => {
      const p = world();
      const recorded = valueOf(new RecordProcessingActivity(p).execute({ actor: admin, details: activity }));
      expect(await new ListProcessingActivities(p).execute({ tenantId: T })).to.deep.equal([recorded]);
      valueOf(await new UpdateProcessingActivity(p).execute({ actor: admin, activityId: recorded.id, changes: { specialCategories: ['health'] } }));
      expect(recorded.involvesSpecialCategories()).to.equal(true);
      expect(errorOf(new RecordProcessingActivity(p).execute({ actor: admin, details: { ...activity, purpose: ' ' } }))).to.deep.include({ fields: [{ pointer: '/purpose', detail: 'must not be empty' }] });
      expect(errorOf(await new UpdateProcessingActivity(p).execute({ actor: admin, activityId: recorded.id, changes: { activity: '' } }))).to.be.instanceOf(InvalidRegisterEntry);
      expect(recorded.activity).to.equal('Alarmering');
      expect(errorOf(await new UpdateProcessingActivity(p).execute({ actor: admin, activityId: UNKNOWN, changes: {} }))).to.be.instanceOf(NotFound);
      valueOf(await new DeleteProcessingActivity(p).execute({ actor: admin, activityId: recorded.id }));
      expect(errorOf(await new DeleteProcessingActivity(p).execute({ actor: admin, activityId: recorded.id }))).to.be.instanceOf(NotFound);
      expect(p.processing.activities).to.deep.equal([]);
      expect(p.audit.actions()).to.deep.equal(['privacy.processing_recorded', 'privacy.processing_updated', 'privacy.processing_deleted']);
    });
  });

  describe('ExportRegister', () => {
    it('writes either register as CSV or xlsx with a dated file name, audited as an export', async () => {
      const p = world();
      valueOf(new RecordBreach(p).execute({ actor: admin, details: { title: 'Laptop kwijt', description: 'In de trein', foundAt: new Date(p.clock.now().getTime() - 100 * 3600_000), reportable: true } }));
      valueOf(new RecordProcessingActivity(p).execute({ actor: admin, details: activity }));
      p.audit.entries.length = 0;
      const breaches = await new ExportRegister(p).execute({ actor: admin, register: 'breaches', format: 'csv' });
      expect(breaches).to.deep.include({ contentType: 'text/csv; charset=utf-8', fileName: 'breaches-register-2026-11-24.csv' });
      const [line] = (await textOf(breaches.stream)).trim().split('\n').map((l) => JSON.parse(l) as { sheet: string; row: Record<string, unknown> });
      expect(line).to.deep.include({ sheet: 'breaches' });
      expect(line!.row).to.deep.include({ title: 'Laptop kwijt', overdue: true, reportable: true });
      const processing = await new ExportRegister(p).execute({ actor: admin, register: 'processing', format: 'xlsx' });
      expect(processing.fileName).to.equal('processing-register-2026-11-24.xlsx');
      expect(await textOf(processing.stream)).to.include('"dataCategories":"naam, telefoon"');
      expect(p.audit.entries.map((e) => [e.action, e.details])).to.deep.equal([
        ['privacy.export.breaches_register', { format: 'csv' }],
        ['privacy.export.processing_register', { format: 'xlsx' }],
      ]);
    });
  });
});
