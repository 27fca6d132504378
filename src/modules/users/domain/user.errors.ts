import { DomainError } from '../../../platform/domain/errors.js';

export class InvalidUser extends DomainError {
  readonly code = 'USER.INVALID';
  readonly kind = 'invalid' as const;
  override readonly fields: ReadonlyArray<{ pointer: string; detail: string }>;
  constructor(field: string, problem: string) {
    super('Invalid user', `${field} ${problem}.`);
    this.fields = [{ pointer: `/${field}`, detail: problem }];
  }
}

export class EmailTaken extends DomainError {
  readonly code = 'USER.EMAIL_TAKEN';
  readonly kind = 'conflict' as const;
  constructor() {
    super('E-mail address in use', 'Another account in this organisation already uses this e-mail address.');
  }
}

export class UserNotInvited extends DomainError {
  readonly code = 'USER.NOT_INVITED';
  readonly kind = 'conflict' as const;
  constructor() {
    super('Account already activated', 'This account has been activated already; sign in instead.');
  }
}

export class WeakPassword extends DomainError {
  readonly code = 'USER.WEAK_PASSWORD';
  readonly kind = 'invalid' as const;
  override readonly fields: ReadonlyArray<{ pointer: string; detail: string }>;
  constructor(problem: string) {
    super('Password too weak', `The password is too weak: ${problem}.`);
    this.fields = [{ pointer: '/password', detail: problem }];
  }
}

export class InvalidActivationToken extends DomainError {
  readonly code = 'ACTIVATION.INVALID';
  readonly kind = 'not_found' as const;
  constructor() {
    super('Activation link not valid', 'This activation link is not valid. Ask your administrator for a new invitation.');
  }
}

export class ActivationTokenUsed extends DomainError {
  readonly code = 'ACTIVATION.USED';
  readonly kind = 'gone' as const;
  constructor() {
    super('Activation link already used', 'This activation link has been used already; sign in with your password.');
  }
}

export class ActivationTokenExpired extends DomainError {
  readonly code = 'ACTIVATION.EXPIRED';
  readonly kind = 'gone' as const;
  constructor() {
    super('Activation link expired', 'This activation link has expired. Ask your administrator to send a new invitation.');
  }
}

export class InvalidCredentials extends DomainError {
  readonly code = 'AUTH.INVALID_CREDENTIALS';
  readonly kind = 'unauthenticated' as const;
  constructor() {
    super('Sign-in failed', 'The organisation, e-mail address or password is not correct.');
  }
}
