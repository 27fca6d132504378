import { expect } from 'chai';
import { Breach } from '../../src/modules/privacy/domain/breach.js';
import { PrivacySettings } from '../../src/modules/privacy/domain/privacy-settings.js';
import { ProcessingActivity } from '../../src/modules/privacy/domain/processing-activity.js';

const TENANT = '0b9c2f4e-7d1a-4c3b-9e8f-1a2b3c4d5e6f';
const NOW = new Date('2026-11-24T12:00:00Z');

function breach(foundAt: string, extra: Partial<Parameters<typeof Breach.record>[0]> = {}): Breach {
  const recorded = Breach.record({ tenantId: TENANT, title: 'Lek', description: 'Test', foundAt: new Date(foundAt), ...extra }, NOW);
  if (!recorded.ok) throw recorded.error;
  return recorded.value;
}

describe('privacy domain', () => {
  it('puts the reporting deadline 72 hours after the breach was found', () => {
    expect(breach('2026-11-20T08:00:00Z').reportingDeadline().toISOString()).to.equal('2026-11-23T08:00:00.000Z');
  });

  it('flags a reportable breach overdue once the deadline passes unreported, or when it was reported late', () => {
    expect(breach('2026-11-21T12:00:01Z').isOverdue(NOW)).to.equal(false);
    expect(breach('2026-11-21T11:59:59Z').isOverdue(NOW)).to.equal(true);
    expect(breach('2026-11-20T08:00:00Z', { reportedToAuthorityAt: new Date('2026-11-22T08:00:00Z') }).isOverdue(NOW)).to.equal(false);
    expect(breach('2026-11-20T08:00:00Z', { reportedToAuthorityAt: new Date('2026-11-24T08:00:00Z') }).isOverdue(NOW)).to.equal(true);
    expect(breach('2026-11-01T08:00:00Z', { reportable: false }).isOverdue(NOW)).to.equal(false);
  });

  it('refuses a breach found in the future or reported before it was found', () => {
    expect(Breach.record({ tenantId: TENANT, title: 'x', description: 'y', foundAt: new Date('2026-12-01T00:00:00Z') }, NOW).ok).to.equal(false);
    expect(Breach.record({ tenantId: TENANT, title: 'x', description: 'y', foundAt: new Date('2026-11-20T00:00:00Z'), reportedToAuthorityAt: new Date('2026-11-19T00:00:00Z') }, NOW).ok).to.equal(false);
  });

  it('flags processing of special categories', () => {
    const details = { activity: 'Opvang', purpose: 'Nazorg', dataCategories: ['naam'], specialCategories: [], legalBasis: 'vital_interest' as const, retention: '1 jaar', processors: [], recipients: [], responsible: 'FG' };
    const plain = ProcessingActivity.record({ tenantId: TENANT, ...details }, NOW);
    const health = ProcessingActivity.record({ tenantId: TENANT, ...details, specialCategories: ['health'] }, NOW);
    expect(plain.ok && plain.value.involvesSpecialCategories()).to.equal(false);
    expect(health.ok && health.value.involvesSpecialCategories()).to.equal(true);
    expect(ProcessingActivity.record({ tenantId: TENANT, ...details, purpose: ' ' }, NOW).ok).to.equal(false);
  });

  it('purges deactivated accounts after six months by default', () => {
    const settings = PrivacySettings.defaults(TENANT, NOW);
    expect(settings.purgeDeactivatedBefore(NOW).toISOString()).to.equal('2026-05-24T12:00:00.000Z');
    settings.change({ deactivatedPurgeMonths: 12 }, NOW);
    expect(settings.purgeDeactivatedBefore(NOW).toISOString()).to.equal('2025-11-24T12:00:00.000Z');
  });
});
