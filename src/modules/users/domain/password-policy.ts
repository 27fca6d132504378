import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { WeakPassword } from './user.errors.js';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/** Length is what makes a password strong; a list of common passwords removes the obvious ones. */
export function checkPassword(password: string, commonPasswords: ReadonlySet<string>): Result<void, WeakPassword> {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    return fail(new WeakPassword(`use at least ${MIN_PASSWORD_LENGTH} characters`));
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return fail(new WeakPassword(`use at most ${MAX_PASSWORD_LENGTH} characters`));
  }
  if (commonPasswords.has(password.toLowerCase())) {
    return fail(new WeakPassword('this password is on the list of commonly used passwords'));
  }
  return ok(undefined);
}
