import { DomainError, type ProblemTypes } from '../../../platform/domain/errors.js';

export class InvalidRegisterEntry extends DomainError {
  readonly code = 'PRIVACY.INVALID_REGISTER_ENTRY';
  readonly kind = 'invalid' as const;
  constructor(readonly field: string, problem: string) {
    super('Invalid register entry', `${field} ${problem}.`);
  }
}

export class IdentityNotConfirmed extends DomainError {
  readonly code = 'PRIVACY.IDENTITY_NOT_CONFIRMED';
  readonly kind = 'invalid' as const;
  constructor() {
    super('Identity not confirmed', 'Enter your current password, and a code from your authenticator app if you use a second factor, to delete your account.');
  }
}

export class LastAdminCannotBeErased extends DomainError {
  readonly code = 'PRIVACY.LAST_ADMIN';
  readonly kind = 'conflict' as const;
  constructor() {
    super('Last administrator', 'The last active administrator of an organisation cannot be erased; make someone else administrator first.');
  }
}

export class TenantStillActive extends DomainError {
  readonly code = 'PRIVACY.TENANT_STILL_ACTIVE';
  readonly kind = 'conflict' as const;
  constructor() {
    super('Tenant still active', 'Suspend the tenant (and take its archive) before offboarding it: deleting is final.');
  }
}

/** GET /problems/<slug> describes these to client developers. */
export const privacyProblems: ProblemTypes = {
  'PRIVACY.INVALID_REGISTER_ENTRY': { kind: 'invalid', title: 'Invalid register entry', description: 'A field of the breach or processing register entry is not acceptable; errors[] names each field.' },
  'PRIVACY.IDENTITY_NOT_CONFIRMED': { kind: 'invalid', title: 'Identity not confirmed', description: 'Deleting one’s own account needs the current password, and a code of the authenticator app when a second factor is set up.' },
  'PRIVACY.LAST_ADMIN': { kind: 'conflict', title: 'Last administrator', description: 'The last active administrator of an organisation cannot be erased; make someone else administrator first.' },
  'PRIVACY.TENANT_STILL_ACTIVE': { kind: 'conflict', title: 'Tenant still active', description: 'Only a suspended tenant can be offboarded: suspend it and take its archive first, since deleting is final.' },
};
