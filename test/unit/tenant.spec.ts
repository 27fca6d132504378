import { expect } from 'chai';
import { Tenant } from '../../src/modules/tenants/domain/tenant.js';

const now = new Date('2026-11-23T09:00:00Z');
const settings = { slug: 'zorggroep-de-linde', name: 'Zorggroep De Linde', locale: 'nl-NL' as const, timeZone: 'Europe/Amsterdam', dpoContact: null };

function created(): Tenant {
  const result = Tenant.create(settings, now);
  if (!result.ok) throw result.error;
  return result.value;
}

describe('Tenant', () => {
  it('is created active with trimmed settings', () => {
    const result = Tenant.create({ ...settings, name: '  Zorggroep De Linde  ' }, now);
    expect(result.ok).to.equal(true);
    if (!result.ok) return;
    expect(result.value).to.include({ status: 'active', name: 'Zorggroep De Linde', slug: 'zorggroep-de-linde' });
    expect(result.value.id).to.match(/^[0-9a-f-]{36}$/);
  });

  for (const [field, change] of [
    ['slug', { slug: 'Hoofdletters' }],
    ['slug', { slug: '-begint-met-streepje' }],
    ['name', { name: '   ' }],
    ['timeZone', { timeZone: 'Mars/Olympus' }],
    ['locale', { locale: 'fr-FR' }],
  ] as const) {
    it(`refuses an invalid ${field}: ${JSON.stringify(change)}`, () => {
      const result = Tenant.create({ ...settings, ...(change as object) }, now);
      expect(result.ok).to.equal(false);
      if (result.ok) return;
      expect(result.error.code).to.equal('TENANT.INVALID_SETTINGS');
      expect(result.error.fields[0]!.pointer).to.equal(`/${field}`);
    });
  }

  it('reports whether a settings change changed anything', () => {
    const tenant = created();
    const later = new Date('2026-11-24T09:00:00Z');
    const same = tenant.changeSettings({ name: 'Zorggroep De Linde' }, later);
    expect(same.ok && same.value).to.equal(false);
    expect(tenant.updatedAt).to.deep.equal(now);
    const changed = tenant.changeSettings({ name: 'De Linde Zorg', dpoContact: 'fg@delinde.test' }, later);
    expect(changed.ok && changed.value).to.equal(true);
    expect(tenant).to.include({ name: 'De Linde Zorg', dpoContact: 'fg@delinde.test' });
    expect(tenant.updatedAt).to.deep.equal(later);
    const bad = tenant.changeSettings({ timeZone: 'nergens' }, later);
    expect(bad.ok).to.equal(false);
    expect(tenant.timeZone).to.equal('Europe/Amsterdam');
  });

  it('is suspended once, with a reason, and reactivated once', () => {
    const tenant = created();
    expect(tenant.suspend('Contract beëindigd', now).ok).to.equal(true);
    expect(tenant.isSuspended()).to.equal(true);
    expect(tenant).to.include({ suspensionReason: 'Contract beëindigd' });
    const twice = tenant.suspend('nogmaals', now);
    expect(!twice.ok && twice.error.code).to.equal('TENANT.ALREADY_SUSPENDED');
    expect(tenant.reactivate(now).ok).to.equal(true);
    expect(tenant).to.include({ status: 'active', suspensionReason: null, suspendedAt: null });
    const again = tenant.reactivate(now);
    expect(!again.ok && again.error.code).to.equal('TENANT.ALREADY_ACTIVE');
  });
});
