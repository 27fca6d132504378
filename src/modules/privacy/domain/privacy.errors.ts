import { fieldOccurrence, problem } from '../../../platform/domain/errors.js';

export class InvalidRegisterEntry extends problem({ code: 'PRIVACY.INVALID_REGISTER_ENTRY', kind: 'invalid', title: 'Invalid register entry', description: 'A field of the breach or processing register entry is not acceptable; errors[] names each field.' }, fieldOccurrence) {}

export class IdentityNotConfirmed extends problem({ code: 'PRIVACY.IDENTITY_NOT_CONFIRMED', kind: 'invalid', title: 'Identity not confirmed', description: 'Deleting one’s own account needs the current password, and a code of the authenticator app when a second factor is set up.' }, () => 'Enter your current password, and a code from your authenticator app if you use a second factor, to delete your account.') {}

export class LastAdminCannotBeErased extends problem({ code: 'PRIVACY.LAST_ADMIN', kind: 'conflict', title: 'Last administrator', description: 'The last active administrator of an organisation cannot be erased; make someone else administrator first.' }, () => 'The last active administrator of an organisation cannot be erased; make someone else administrator first.') {}

export class TenantStillActive extends problem({ code: 'PRIVACY.TENANT_STILL_ACTIVE', kind: 'conflict', title: 'Tenant still active', description: 'Only a suspended tenant can be offboarded: suspend it and take its archive first, since deleting is final.' }, () => 'Suspend the tenant (and take its archive) before offboarding it: deleting is final.') {}
