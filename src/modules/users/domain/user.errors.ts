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

export class UserStatusConflict extends DomainError {
  readonly code = 'USER.STATUS_CONFLICT';
  readonly kind = 'conflict' as const;
  constructor(detail: string) {
    super('User status does not allow this', detail);
  }
}

export class LastAdmin extends DomainError {
  readonly code = 'USER.LAST_ADMIN';
  readonly kind = 'conflict' as const;
  constructor() {
    super('Last admin', 'This is the only active admin of the organisation; make someone else admin first.');
  }
}

export class SecondFactorAlreadyEnabled extends DomainError {
  readonly code = 'SECOND_FACTOR.ALREADY_ENABLED';
  readonly kind = 'conflict' as const;
  constructor() {
    super('Second factor already set up', 'A second factor is already set up; ask an admin to reset it to enrol another device.');
  }
}

export class SecondFactorNotStarted extends DomainError {
  readonly code = 'SECOND_FACTOR.NOT_STARTED';
  readonly kind = 'conflict' as const;
  constructor() {
    super('No enrolment in progress', 'Start the enrolment first (POST /v1/me/second-factor).');
  }
}

export class InvalidSecondFactorCode extends DomainError {
  readonly code = 'SECOND_FACTOR.INVALID_CODE';
  readonly kind = 'unauthenticated' as const;
  constructor() {
    super('Code not accepted', 'The code is wrong, expired or already used. Use the next code of your app, or a recovery code.');
  }
}

export class InvalidChallenge extends DomainError {
  readonly code = 'SECOND_FACTOR.INVALID_CHALLENGE';
  readonly kind = 'unauthenticated' as const;
  constructor() {
    super('Sign-in expired', 'The sign-in has expired or is not valid; sign in again with your password.');
  }
}

export class InvalidRefreshToken extends DomainError {
  readonly code = 'SESSION.INVALID_REFRESH_TOKEN';
  readonly kind = 'unauthenticated' as const;
  constructor() {
    super('Session ended', 'The refresh token is not valid or the session has ended; sign in again.');
  }
}

export class SessionRevoked extends DomainError {
  readonly code = 'SESSION.REVOKED';
  readonly kind = 'unauthenticated' as const;
  constructor() {
    super('Session ended', 'This session has been signed out; sign in again.');
  }
}

export class ApiKeyInvalid extends DomainError {
  readonly code = 'API_KEY.INVALID';
  readonly kind = 'unauthenticated' as const;
  constructor() {
    super('API key not valid', 'The API key is unknown or has been revoked.');
  }
}

export class GroupNameTaken extends DomainError {
  readonly code = 'GROUP.NAME_TAKEN';
  readonly kind = 'conflict' as const;
  constructor(name: string) {
    super('Group name in use', `A group named '${name}' exists already.`);
  }
}

export class WrongEnrolmentCode extends DomainError {
  readonly code = 'SECOND_FACTOR.WRONG_CODE';
  readonly kind = 'invalid' as const;
  override readonly fields = [{ pointer: '/code', detail: 'does not match the code of the app' }];
  constructor() {
    super('Code does not match', 'The code does not match the secret being enrolled. Check the time on your phone and use the current code.');
  }
}
