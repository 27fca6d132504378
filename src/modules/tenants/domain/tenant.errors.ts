import { fieldOccurrence, problemTable } from '../../../platform/domain/errors.js';

const errors = problemTable({
  'TENANT.INVALID_SETTINGS': { kind: 'invalid', title: 'Invalid tenant settings', description: 'A setting of the organisation is not acceptable; errors[] names each field.' },
  'TENANT.SLUG_TAKEN': { kind: 'conflict', title: 'Slug already in use', description: 'Another tenant uses this slug; slugs identify organisations at sign-in and are unique.' },
  'TENANT.ALREADY_SUSPENDED': { kind: 'conflict', title: 'Tenant already suspended', description: 'The tenant is suspended already.' },
  'TENANT.ALREADY_ACTIVE': { kind: 'conflict', title: 'Tenant already active', description: 'The tenant is active; only a suspended tenant can be reactivated.' },
});

/** GET /problems/<slug> describes these to client developers. */
export const tenantProblems = errors.problems;

export class InvalidTenantSettings extends errors.of('TENANT.INVALID_SETTINGS', fieldOccurrence) {}

export class TenantSlugTaken extends errors.of('TENANT.SLUG_TAKEN', (slug: string) => `Another tenant already uses the slug '${slug}'.`) {}

export class TenantAlreadySuspended extends errors.of('TENANT.ALREADY_SUSPENDED', () => 'The tenant is suspended already.') {}

export class TenantAlreadyActive extends errors.of('TENANT.ALREADY_ACTIVE', () => 'The tenant is active; only a suspended tenant can be reactivated.') {}
