import { fieldOccurrence, problemTable } from '../../../platform/domain/errors.js';

const errors = problemTable({
  'USER.INVALID': { kind: 'invalid', title: 'Invalid user', description: 'A field of the user is missing or not acceptable; errors[] names each field and says what is allowed.' },
  'USER.EMAIL_TAKEN': { kind: 'conflict', title: 'E-mail address in use', description: 'Another account in this organisation already uses this e-mail address; e-mail addresses are unique per organisation.' },
  'USER.NOT_INVITED': { kind: 'conflict', title: 'Account already activated', description: 'The account is active already; an activation link works only for an invited account. Sign in instead.' },
  'ACTIVATION.INVALID': { kind: 'not_found', title: 'Activation link not valid', description: 'The activation link is unknown; an administrator can send a new invitation.' },
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
  'SECOND_FACTOR.REQUIRED_BY_POLICY': { kind: 'conflict', title: 'Second factor required', description: 'The organisation’s second-factor policy (everyone, or admins) covers this user, so their second factor cannot be turned off; an admin can reset it for a new phone.' },
  'SECOND_FACTOR.NOT_ENABLED': { kind: 'conflict', title: 'No second factor set up', description: 'Turning the second factor off needs one set up; there is nothing to turn off.' },
  'SECOND_FACTOR.CODE_NOT_ACCEPTED': { kind: 'invalid', title: 'Code not accepted', description: 'Turning the second factor off needs the current code of the authenticator app; this one is wrong, expired or used already.' },
  'SECOND_FACTOR.WRONG_CODE': { kind: 'invalid', title: 'Code does not match', description: 'The code does not match the secret being enrolled; check the phone’s clock and use the current code.' },
});

/** GET /problems/<slug> describes these to client developers. */
export const userProblems = errors.problems;

export class InvalidUser extends errors.of('USER.INVALID', fieldOccurrence) {}

export class EmailTaken extends errors.of('USER.EMAIL_TAKEN', () => 'Another account in this organisation already uses this e-mail address.') {}

export class UserNotInvited extends errors.of('USER.NOT_INVITED', () => 'This account has been activated already; sign in instead.') {}

export class WeakPassword extends errors.of('USER.WEAK_PASSWORD', (problem: string) => ({
  detail: `The password is too weak: ${problem}.`,
  fields: [{ pointer: '/password', detail: problem }],
})) {}

export class InvalidActivationToken extends errors.of('ACTIVATION.INVALID', () => 'This activation link is not valid. Ask your administrator for a new invitation.') {}

export class ActivationTokenUsed extends errors.of('ACTIVATION.USED', () => 'This activation link has been used already; sign in with your password.') {}

export class ActivationTokenExpired extends errors.of('ACTIVATION.EXPIRED', () => 'This activation link has expired. Ask your administrator to send a new invitation.') {}

export class InvalidCredentials extends errors.of('AUTH.INVALID_CREDENTIALS', () => 'The organisation, e-mail address or password is not correct.') {}

export class UserStatusConflict extends errors.of('USER.STATUS_CONFLICT', (detail: string) => detail) {}

export class LastAdmin extends errors.of('USER.LAST_ADMIN', () => 'This is the only active admin of the organisation; make someone else admin first.') {}

export class SecondFactorAlreadyEnabled extends errors.of('SECOND_FACTOR.ALREADY_ENABLED', () => 'A second factor is already set up; ask an admin to reset it to enrol another device.') {}

export class SecondFactorNotStarted extends errors.of('SECOND_FACTOR.NOT_STARTED', () => 'Start the enrolment first (POST /v1/me/second-factor).') {}

export class InvalidSecondFactorCode extends errors.of('SECOND_FACTOR.INVALID_CODE', () => 'The code is wrong, expired or already used. Use the next code of your app, or a recovery code.') {}

export class InvalidChallenge extends errors.of('SECOND_FACTOR.INVALID_CHALLENGE', () => 'The sign-in has expired or is not valid; sign in again with your password.') {}

export class InvalidRefreshToken extends errors.of('SESSION.INVALID_REFRESH_TOKEN', () => 'The refresh token is not valid or the session has ended; sign in again.') {}

export class SessionRevoked extends errors.of('SESSION.REVOKED', () => 'This session has been signed out; sign in again.') {}

export class ApiKeyInvalid extends errors.of('API_KEY.INVALID', () => 'The API key is unknown or has been revoked.') {}

export class GroupNameTaken extends errors.of('GROUP.NAME_TAKEN', (name: string) => `A group named '${name}' exists already.`) {}

export class WrongEnrolmentCode extends errors.of('SECOND_FACTOR.WRONG_CODE', () => ({
  detail: 'The code does not match the secret being enrolled. Check the time on your phone and use the current code.',
  fields: [{ pointer: '/code', detail: 'does not match the code of the app' }],
})) {}

export class SecondFactorRequiredByPolicy extends errors.of('SECOND_FACTOR.REQUIRED_BY_POLICY', () => 'Your organisation asks two-step verification of your role; it cannot be turned off.') {}

export class SecondFactorNotEnabled extends errors.of('SECOND_FACTOR.NOT_ENABLED', () => 'There is no second factor to turn off.') {}

export class SecondFactorCodeNotAccepted extends errors.of('SECOND_FACTOR.CODE_NOT_ACCEPTED', () => ({
  detail: 'The code is wrong, expired or already used. Type the code your app shows now.',
  fields: [{ pointer: '/code', detail: 'is not the current code of the app' }],
})) {}
