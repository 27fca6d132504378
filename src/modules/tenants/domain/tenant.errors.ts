import { DomainError, type ProblemTypes } from '../../../platform/domain/errors.js';

export class InvalidTenantSettings extends DomainError {
  readonly code = 'TENANT.INVALID_SETTINGS';
  readonly kind = 'invalid' as const;
  override readonly fields: ReadonlyArray<{ pointer: string; detail: string }>;
  constructor(field: string, problem: string) {
    super('Invalid tenant settings', `${field} ${problem}.`);
    this.fields = [{ pointer: `/${field}`, detail: problem }];
  }
}

export class TenantSlugTaken extends DomainError {
  readonly code = 'TENANT.SLUG_TAKEN';
  readonly kind = 'conflict' as const;
  constructor(slug: string) {
    super('Slug already in use', `Another tenant already uses the slug '${slug}'.`);
  }
}

export class TenantAlreadySuspended extends DomainError {
  readonly code = 'TENANT.ALREADY_SUSPENDED';
  readonly kind = 'conflict' as const;
  constructor() {
    super('Tenant already suspended', 'The tenant is suspended already.');
  }
}

export class TenantAlreadyActive extends DomainError {
  readonly code = 'TENANT.ALREADY_ACTIVE';
  readonly kind = 'conflict' as const;
  constructor() {
    super('Tenant already active', 'The tenant is active; only a suspended tenant can be reactivated.');
  }
}

/** GET /problems/<slug> describes these to client developers. */
export const tenantProblems: ProblemTypes = {
  'TENANT.INVALID_SETTINGS': { kind: 'invalid', title: 'Invalid tenant settings', description: 'A setting of the organisation is not acceptable; errors[] names each field.' },
  'TENANT.SLUG_TAKEN': { kind: 'conflict', title: 'Slug already in use', description: 'Another tenant uses this slug; slugs identify organisations at sign-in and are unique.' },
  'TENANT.ALREADY_SUSPENDED': { kind: 'conflict', title: 'Tenant already suspended', description: 'The tenant is suspended already.' },
  'TENANT.ALREADY_ACTIVE': { kind: 'conflict', title: 'Tenant already active', description: 'The tenant is active; only a suspended tenant can be reactivated.' },
};
