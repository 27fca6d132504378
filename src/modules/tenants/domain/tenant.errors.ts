import { DomainError } from '../../../platform/domain/errors.js';

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
