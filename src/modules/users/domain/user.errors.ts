import { DomainError, type ProblemTypes } from '../../../platform/domain/errors.js';

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

/** GET /problems/<slug> describes these to client developers. */
export const userProblems: ProblemTypes = {
  'USER.INVALID': { kind: 'invalid', title: 'Invalid user', description: 'A field of the user is missing or not acceptable; errors[] names each field and says what is allowed.' },
  'USER.EMAIL_TAKEN': { kind: 'conflict', title: 'E-mail address in use', description: 'Another account in this organisation already uses this e-mail address; e-mail addresses are unique per organisation.' },
  'USER.NOT_INVITED': { kind: 'conflict', title: 'Account already activated', description: 'The account is active already; an activation link works only for an invited account. Sign in instead.' },
  'USER.WEAK_PASSWORD': { kind: 'invalid', title: 'Password too weak', description: 'The password is too easy to guess; errors[] says why. Use a longer passphrase.' },
  'ACTIVATION.USED': { kind: 'gone', title: 'Activation link already used', description: 'The activation link has been used; sign in with the password that was chosen then.' },
  'ACTIVATION.EXPIRED': { kind: 'gone', title: 'Activation link expired', description: 'The activation link is older than ACTIVATION_TOKEN_TTL_HOURS; an administrator can send a new invitation.' },
  'AUTH.INVALID_CREDENTIALS': { kind: 'unauthenticated', title: 'Sign-in failed', description: 'The organisation, e-mail address or password is not correct. Which of them is not said, so accounts cannot be probed.' },
  'USER.STATUS_CONFLICT': { kind: 'conflict', title: 'User status does not allow this', description: 'The user’s status (invited, active, deactivated) does not allow this change; detail says which.' },
  'USER.LAST_ADMIN': { kind: 'conflict', title: 'Last admin', description: 'The change would leave the organisation without an active admin; make someone else admin first.' },
  'SECOND_FACTOR.ALREADY_ENABLED': { kind: 'conflict', title: 'Second factor already set up', description: 'A second factor is set up already; an admin can reset it so another device can be enrolled.' },
  'SECOND_FACTOR.NOT_STARTED': { kind: 'conflict', title: 'No enrolment in progress', description: 'Confirming a second factor needs an enrolment started first (POST /v1/me/second-factor).' },
  'SECOND_FACTOR.INVALID_CODE': { kind: 'unauthenticated', title: 'Code not accepted', description: 'The authenticator or recovery code is wrong, expired or already used.' },
  'SECOND_FACTOR.INVALID_CHALLENGE': { kind: 'unauthenticated', title: 'Sign-in expired', description: 'The second-factor challenge of this sign-in has expired or is not valid; sign in again with the password.' },
  'SESSION.INVALID_REFRESH_TOKEN': { kind: 'unauthenticated', title: 'Session ended', description: 'The refresh token is unknown, rotated already or its session has ended; sign in again. Reusing a rotated token ends the whole session family.' },
  'SESSION.REVOKED': { kind: 'unauthenticated', title: 'Session ended', description: 'The session of this access token has been signed out (on this or all devices); sign in again.' },
  'API_KEY.INVALID': { kind: 'unauthenticated', title: 'API key not valid', description: 'The X-API-Key is unknown or has been revoked.' },
  'GROUP.NAME_TAKEN': { kind: 'conflict', title: 'Group name in use', description: 'Another group of the organisation has this name; group names are unique per organisation.' },
  'SECOND_FACTOR.WRONG_CODE': { kind: 'invalid', title: 'Code does not match', description: 'The code does not match the secret being enrolled; check the phone’s clock and use the current code.' },
};
