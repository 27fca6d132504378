import { fieldOccurrence, problem } from '../../../platform/domain/errors.js';

export class InvalidUser extends problem({ code: 'USER.INVALID', kind: 'invalid', title: 'Invalid user', description: 'A field of the user is missing or not acceptable; errors[] names each field and says what is allowed.' }, fieldOccurrence) {}

export class EmailTaken extends problem({ code: 'USER.EMAIL_TAKEN', kind: 'conflict', title: 'E-mail address in use', description: 'Another account in this organisation already uses this e-mail address; e-mail addresses are unique per organisation.' }, () => 'Another account in this organisation already uses this e-mail address.') {}

export class UserNotInvited extends problem({ code: 'USER.NOT_INVITED', kind: 'conflict', title: 'Account already activated', description: 'The account is active already; an activation link works only for an invited account. Sign in instead.' }, () => 'This account has been activated already; sign in instead.') {}

export class WeakPassword extends problem({ code: 'USER.WEAK_PASSWORD', kind: 'invalid', title: 'Password too weak', description: 'The password is too easy to guess; errors[] says why. Use a longer passphrase.' }, (problem: string) => ({
  detail: `The password is too weak: ${problem}.`,
  fields: [{ pointer: '/password', detail: problem }],
})) {}

export class InvalidActivationToken extends problem({ code: 'ACTIVATION.INVALID', kind: 'not_found', title: 'Activation link not valid', description: 'The activation link is unknown; an administrator can send a new invitation.' }, () => 'This activation link is not valid. Ask your administrator for a new invitation.') {}

export class ActivationTokenUsed extends problem({ code: 'ACTIVATION.USED', kind: 'gone', title: 'Activation link already used', description: 'The activation link has been used; sign in with the password that was chosen then.' }, () => 'This activation link has been used already; sign in with your password.') {}

export class ActivationTokenExpired extends problem({ code: 'ACTIVATION.EXPIRED', kind: 'gone', title: 'Activation link expired', description: 'The activation link is older than ACTIVATION_TOKEN_TTL_HOURS; an administrator can send a new invitation.' }, () => 'This activation link has expired. Ask your administrator to send a new invitation.') {}

export class InvalidCredentials extends problem({ code: 'AUTH.INVALID_CREDENTIALS', kind: 'unauthenticated', title: 'Sign-in failed', description: 'The organisation, e-mail address or password is not correct. Which of them is not said, so accounts cannot be probed.' }, () => 'The organisation, e-mail address or password is not correct.') {}

export class UserStatusConflict extends problem({ code: 'USER.STATUS_CONFLICT', kind: 'conflict', title: 'User status does not allow this', description: 'The user’s status (invited, active, deactivated) does not allow this change; detail says which.' }, (detail: string) => detail) {}

export class LastAdmin extends problem({ code: 'USER.LAST_ADMIN', kind: 'conflict', title: 'Last admin', description: 'The change would leave the organisation without an active admin; make someone else admin first.' }, () => 'This is the only active admin of the organisation; make someone else admin first.') {}

export class SecondFactorAlreadyEnabled extends problem({ code: 'SECOND_FACTOR.ALREADY_ENABLED', kind: 'conflict', title: 'Second factor already set up', description: 'A second factor is set up already; an admin can reset it so another device can be enrolled.' }, () => 'A second factor is already set up; ask an admin to reset it to enrol another device.') {}

export class SecondFactorNotStarted extends problem({ code: 'SECOND_FACTOR.NOT_STARTED', kind: 'conflict', title: 'No enrolment in progress', description: 'Confirming a second factor needs an enrolment started first (POST /v1/me/second-factor).' }, () => 'Start the enrolment first (POST /v1/me/second-factor).') {}

export class InvalidSecondFactorCode extends problem({ code: 'SECOND_FACTOR.INVALID_CODE', kind: 'unauthenticated', title: 'Code not accepted', description: 'The authenticator or recovery code is wrong, expired or already used.' }, () => 'The code is wrong, expired or already used. Use the next code of your app, or a recovery code.') {}

export class InvalidChallenge extends problem({ code: 'SECOND_FACTOR.INVALID_CHALLENGE', kind: 'unauthenticated', title: 'Sign-in expired', description: 'The second-factor challenge of this sign-in has expired or is not valid; sign in again with the password.' }, () => 'The sign-in has expired or is not valid; sign in again with your password.') {}

export class InvalidRefreshToken extends problem({ code: 'SESSION.INVALID_REFRESH_TOKEN', kind: 'unauthenticated', title: 'Session ended', description: 'The refresh token is unknown, rotated already or its session has ended; sign in again. Reusing a rotated token ends the whole session family.' }, () => 'The refresh token is not valid or the session has ended; sign in again.') {}

export class SessionRevoked extends problem({ code: 'SESSION.REVOKED', kind: 'unauthenticated', title: 'Session ended', description: 'The session of this access token has been signed out (on this or all devices); sign in again.' }, () => 'This session has been signed out; sign in again.') {}

export class ApiKeyInvalid extends problem({ code: 'API_KEY.INVALID', kind: 'unauthenticated', title: 'API key not valid', description: 'The X-API-Key is unknown or has been revoked.' }, () => 'The API key is unknown or has been revoked.') {}

export class GroupNameTaken extends problem({ code: 'GROUP.NAME_TAKEN', kind: 'conflict', title: 'Group name in use', description: 'Another group of the organisation has this name; group names are unique per organisation.' }, (name: string) => `A group named '${name}' exists already.`) {}

export class WrongEnrolmentCode extends problem({ code: 'SECOND_FACTOR.WRONG_CODE', kind: 'invalid', title: 'Code does not match', description: 'The code does not match the secret being enrolled; check the phone’s clock and use the current code.' }, () => ({
  detail: 'The code does not match the secret being enrolled. Check the time on your phone and use the current code.',
  fields: [{ pointer: '/code', detail: 'does not match the code of the app' }],
})) {}

export class SecondFactorRequiredByPolicy extends problem({ code: 'SECOND_FACTOR.REQUIRED_BY_POLICY', kind: 'conflict', title: 'Second factor required', description: 'The organisation’s second-factor policy (everyone, or admins) covers this user, so their second factor cannot be turned off; an admin can reset it for a new phone.' }, () => 'Your organisation asks two-step verification of your role; it cannot be turned off.') {}

export class SecondFactorNotEnabled extends problem({ code: 'SECOND_FACTOR.NOT_ENABLED', kind: 'conflict', title: 'No second factor set up', description: 'Turning the second factor off needs one set up; there is nothing to turn off.' }, () => 'There is no second factor to turn off.') {}

export class SecondFactorCodeNotAccepted extends problem({ code: 'SECOND_FACTOR.CODE_NOT_ACCEPTED', kind: 'invalid', title: 'Code not accepted', description: 'Turning the second factor off needs the current code of the authenticator app; this one is wrong, expired or used already.' }, () => ({
  detail: 'The code is wrong, expired or already used. Type the code your app shows now.',
  fields: [{ pointer: '/code', detail: 'is not the current code of the app' }],
})) {}
