import { fieldOccurrence, problem } from '../../../platform/domain/errors.js';

export class InvalidTenantSettings extends problem({ code: 'TENANT.INVALID_SETTINGS', kind: 'invalid', title: 'Invalid tenant settings', description: 'A setting of the organisation is not acceptable; errors[] names each field.' }, fieldOccurrence) {}

export class TenantSlugTaken extends problem({ code: 'TENANT.SLUG_TAKEN', kind: 'conflict', title: 'Slug already in use', description: 'Another tenant uses this slug; slugs identify organisations at sign-in and are unique.' }, (slug: string) => `Another tenant already uses the slug '${slug}'.`) {}

export class TenantAlreadySuspended extends problem({ code: 'TENANT.ALREADY_SUSPENDED', kind: 'conflict', title: 'Tenant already suspended', description: 'The tenant is suspended already.' }, () => 'The tenant is suspended already.') {}

export class TenantAlreadyActive extends problem({ code: 'TENANT.ALREADY_ACTIVE', kind: 'conflict', title: 'Tenant already active', description: 'The tenant is active; only a suspended tenant can be reactivated.' }, () => 'The tenant is active; only a suspended tenant can be reactivated.') {}
