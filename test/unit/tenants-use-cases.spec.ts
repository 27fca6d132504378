import { expect } from 'chai';
import { ApplyTenantDefinition } from '../../src/modules/tenants/application/apply-tenant-definition.js';
import { CreateTenant } from '../../src/modules/tenants/application/create-tenant.js';
import { GetTenant } from '../../src/modules/tenants/application/get-tenant.js';
import { ListTenants } from '../../src/modules/tenants/application/list-tenants.js';
import { ReactivateTenant } from '../../src/modules/tenants/application/reactivate-tenant.js';
import { SetBranding } from '../../src/modules/tenants/application/set-branding.js';
import { SuspendTenant } from '../../src/modules/tenants/application/suspend-tenant.js';
import { TenantLookup } from '../../src/modules/tenants/application/tenant-lookup.js';
import { TenantRegistry } from '../../src/modules/tenants/application/tenant-registry.js';
import { UpdateOwnTenant } from '../../src/modules/tenants/application/update-own-tenant.js';
import { UpdateTenantSettings } from '../../src/modules/tenants/application/update-tenant-settings.js';
import type { TenantCreated } from '../../src/modules/tenants/domain/events.js';
import type { Tenant } from '../../src/modules/tenants/domain/tenant.js';
import { InvalidTenantSettings, TenantAlreadyActive, TenantAlreadySuspended, TenantSlugTaken } from '../../src/modules/tenants/domain/tenant.errors.js';
import { NotFound } from '../../src/platform/domain/errors.js';
import { FixedClock, RecordingEventBus, RecordingTransaction, userActor } from '../support/in-memory/platform.js';
import { errorOf, valueOf } from '../support/in-memory/result.js';
import { InMemoryTenantRepository } from '../support/in-memory/tenants.js';

const UNKNOWN = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const firstAdmin = { name: 'Ada Admin', email: 'ada@oost.example' };
const command = { slug: 'gemeente-oost', name: 'Gemeente Oost', locale: 'nl-NL' as const, timeZone: 'Europe/Amsterdam', firstAdmin };

function world() {
  return { tenants: new InMemoryTenantRepository(), transaction: new RecordingTransaction(), events: new RecordingEventBus(), clock: new FixedClock() };
}

type World = ReturnType<typeof world>;

async function created(p: World, slug = command.slug): Promise<Tenant> {
  const tenant = valueOf(await new CreateTenant(p).execute({ ...command, slug }));
  p.events.published.length = 0;
  return tenant;
}

describe('tenants use cases (in-memory ports)', () => {
  describe('CreateTenant', () => {
    it('stores the tenant, moves the transaction into it and publishes tenant.created with the first admin', async () => {
      const p = world();
      const tenant = valueOf(await new CreateTenant(p).execute(command));
      expect(p.tenants.tenants).to.deep.equal([tenant]);
      expect(tenant).to.deep.include({ slug: 'gemeente-oost', status: 'active', secondFactorPolicy: 'optional', dpoContact: null });
      expect(p.transaction.entered).to.deep.equal([tenant.id]);
      expect(p.events.published).to.deep.equal([{ type: 'tenant.created', tenantId: tenant.id, firstAdmin } satisfies TenantCreated]);
    });

    it('refuses a slug in use (TenantSlugTaken) and bad settings (InvalidTenantSettings), storing and publishing nothing', async () => {
      const p = world();
      await created(p);
      const create = new CreateTenant(p);
      expect(errorOf(await create.execute(command))).to.be.instanceOf(TenantSlugTaken);
      expect(errorOf(await create.execute({ ...command, slug: 'Met Spaties' }))).to.be.instanceOf(InvalidTenantSettings);
      expect(errorOf(await create.execute({ ...command, slug: 'ander', timeZone: 'Mars/Olympus' })).fields[0]!.pointer).to.equal('/timeZone');
      expect(p.tenants.tenants).to.have.length(1);
      expect(p.transaction.entered).to.have.length(1);
      expect(p.events.published).to.deep.equal([]);
    });
  });

  describe('ApplyTenantDefinition', () => {
    it('creates the tenant of a definition, leaves it unchanged when applied again, updates what differs, and enters it each time', async () => {
      const p = world();
      const apply = new ApplyTenantDefinition(p);
      const definition = { slug: 'gemeente-oost', name: 'Gemeente Oost', locale: 'nl-NL' as const, timeZone: 'Europe/Amsterdam', dpoContact: null };
      const first = valueOf(await apply.execute(definition));
      expect(first.outcome).to.equal('created');
      expect(valueOf(await apply.execute(definition))).to.deep.equal({ tenantId: first.tenantId, outcome: 'unchanged' });
      expect(valueOf(await apply.execute({ ...definition, dpoContact: 'fg@oost.example' }))).to.deep.equal({ tenantId: first.tenantId, outcome: 'updated' });
      expect(p.tenants.tenants[0]!.dpoContact).to.equal('fg@oost.example');
      expect(p.transaction.entered).to.deep.equal([first.tenantId, first.tenantId, first.tenantId]);
      expect(errorOf(await apply.execute({ ...definition, name: ' ' }))).to.be.instanceOf(InvalidTenantSettings);
      expect(errorOf(await apply.execute({ ...definition, slug: 'nieuw', locale: 'fr-FR' as 'nl-NL' }))).to.be.instanceOf(InvalidTenantSettings);
      expect(p.tenants.tenants).to.have.length(1);
      expect(p.tenants.tenants[0]!.name).to.equal('Gemeente Oost');
    });
  });

  describe('SuspendTenant and ReactivateTenant', () => {
    it('suspends with a reason and reactivates; refuses doing either twice and an unknown tenant', async () => {
      const p = world();
      const tenant = await created(p);
      const suspend = new SuspendTenant(p);
      const reactivate = new ReactivateTenant(p);
      expect(valueOf(await suspend.execute({ tenantId: tenant.id, reason: 'Factuur onbetaald' }))).to.deep.include({ status: 'suspended', suspensionReason: 'Factuur onbetaald', suspendedAt: p.clock.now() });
      expect(errorOf(await suspend.execute({ tenantId: tenant.id, reason: 'Nog eens' }))).to.be.instanceOf(TenantAlreadySuspended);
      expect(tenant.suspensionReason).to.equal('Factuur onbetaald');
      expect(await new TenantRegistry(p).isSuspended(tenant.id)).to.equal(true);
      expect((await new TenantLookup(p).byId(tenant.id))?.suspended).to.equal(true);
      expect(valueOf(await reactivate.execute({ tenantId: tenant.id })).status).to.equal('active');
      expect(errorOf(await reactivate.execute({ tenantId: tenant.id }))).to.be.instanceOf(TenantAlreadyActive);
      expect(errorOf(await suspend.execute({ tenantId: UNKNOWN, reason: 'x' }))).to.be.instanceOf(NotFound);
      expect(errorOf(await reactivate.execute({ tenantId: UNKNOWN }))).to.be.instanceOf(NotFound);
    });
  });

  describe('settings: UpdateTenantSettings, UpdateOwnTenant, SetBranding', () => {
    it("changes the operator's settings and the admin's own (with the second-factor policy), refusing bad values and unknown tenants", async () => {
      const p = world();
      const tenant = await created(p);
      const admin = userActor({ tenantId: tenant.id, userId: UNKNOWN, roles: ['admin'] });
      expect(valueOf(await new UpdateTenantSettings(p).execute({ tenantId: tenant.id, changes: { name: ' Gemeente Oost-Noord ' } })).name).to.equal('Gemeente Oost-Noord');
      expect(errorOf(await new UpdateTenantSettings(p).execute({ tenantId: tenant.id, changes: { locale: 'de-DE' as 'nl-NL' } }))).to.be.instanceOf(InvalidTenantSettings);
      expect(errorOf(await new UpdateTenantSettings(p).execute({ tenantId: UNKNOWN, changes: {} }))).to.be.instanceOf(NotFound);
      const own = new UpdateOwnTenant(p);
      valueOf(await own.execute({ actor: admin, changes: { secondFactorPolicy: 'admins', timeZone: 'Europe/London' } }));
      expect(tenant).to.deep.include({ secondFactorPolicy: 'admins', timeZone: 'Europe/London', locale: 'nl-NL' });
      expect(errorOf(await own.execute({ actor: admin, changes: { timeZone: 'Nergens', secondFactorPolicy: 'everyone' } }))).to.be.instanceOf(InvalidTenantSettings);
      expect(tenant).to.deep.include({ secondFactorPolicy: 'admins', timeZone: 'Europe/London' });
      expect(errorOf(await own.execute({ actor: { ...admin, tenantId: UNKNOWN }, changes: {} }))).to.be.instanceOf(NotFound);
    });

    it('brands the tenant in lower-case colours and publishes tenant.logo_changed only when the logo changes', async () => {
      const p = world();
      const tenant = await created(p);
      const admin = userActor({ tenantId: tenant.id, userId: UNKNOWN, roles: ['admin'] });
      const brand = new SetBranding(p);
      valueOf(await brand.execute({ actor: admin, primaryColor: '#AA0000', accentColor: null, logoMediaId: 'logo-1' }));
      valueOf(await brand.execute({ actor: admin, primaryColor: '#BB0000', accentColor: '#00FF00', logoMediaId: 'logo-1' }));
      expect(tenant).to.deep.include({ primaryColor: '#bb0000', accentColor: '#00ff00', logoMediaId: 'logo-1' });
      expect(p.events.published).to.deep.equal([{ type: 'tenant.logo_changed', tenantId: tenant.id, mediaId: 'logo-1' }]);
      expect(errorOf(await brand.execute({ actor: { ...admin, tenantId: UNKNOWN }, primaryColor: null, accentColor: null, logoMediaId: null }))).to.be.instanceOf(NotFound);
    });
  });

  describe('reads: GetTenant, ListTenants, TenantLookup, TenantRegistry', () => {
    it('finds tenants by id and slug, pages and filters them, lists the active ones and removes one at offboarding', async () => {
      const p = world();
      const oost = await created(p, 'oost');
      const west = await created(p, 'west');
      valueOf(await new SuspendTenant(p).execute({ tenantId: west.id, reason: 'x' }));
      expect(valueOf(await new GetTenant(p).execute({ tenantId: oost.id }))).to.equal(oost);
      expect(errorOf(await new GetTenant(p).execute({ tenantId: UNKNOWN }))).to.be.instanceOf(NotFound);
      expect(await new ListTenants(p).execute({ page: 1, pageSize: 1 })).to.deep.equal({ items: [oost], total: 2, page: 1, pageSize: 1 });
      expect((await new ListTenants(p).execute({ page: 1, pageSize: 10, status: 'suspended' })).items).to.deep.equal([west]);
      const lookup = new TenantLookup(p);
      expect(await lookup.bySlug('oost')).to.deep.include({ id: oost.id, name: 'Gemeente Oost', suspended: false, secondFactorPolicy: 'optional' });
      expect(await lookup.bySlug('noord')).to.equal(null);
      expect(await lookup.activeIds()).to.deep.equal([oost.id]);
      const registry = new TenantRegistry(p);
      expect(await registry.exists(west.id)).to.equal(true);
      await registry.remove(west.id);
      expect(await registry.exists(west.id)).to.equal(false);
      expect(await registry.ids()).to.deep.equal([oost.id]);
    });
  });
});
