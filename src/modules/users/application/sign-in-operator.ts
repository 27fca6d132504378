import { randomUUID } from 'node:crypto';
import type { IssuedToken } from '../../../platform/auth/access-tokens.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import type { TooManyAttempts } from '../../../platform/security/brute-force.js';
import { InvalidCredentials } from '../domain/user.errors.js';
import { normaliseEmail } from '../domain/user.js';
import type { Client, UsersDeps } from './deps.js';

/** Operator sign-in: the same lockout as tenant sign-in, under keys of its own. */
export class SignInOperator {
  private dummyHash: Promise<string> | null = null;

  constructor(private readonly d: Pick<UsersDeps, 'operators' | 'hasher' | 'accessTokens' | 'clock' | 'bruteForce'>) {}

  async execute(command: Client & { email: string; password: string }): Promise<Result<IssuedToken, InvalidCredentials | TooManyAttempts>> {
    const email = normaliseEmail(command.email);
    const keys = { account: `operator/${email}`, address: command.clientAddress ?? 'unknown' };
    await this.d.bruteForce.assertAllowed('login', keys);
    const operator = await this.d.operators.byEmail(email);
    if (!operator) {
      this.dummyHash ??= this.d.hasher.hash(randomUUID());
      await this.d.hasher.verify(await this.dummyHash, command.password);
      await this.d.bruteForce.recordFailure('login', keys);
      return fail(new InvalidCredentials());
    }
    if (!(await this.d.hasher.verify(operator.passwordHash, command.password))) {
      await this.d.bruteForce.recordFailure('login', keys);
      return fail(new InvalidCredentials());
    }
    await this.d.bruteForce.recordSuccess('login', keys);
    operator.recordLogin(this.d.clock.now());
    return ok(await this.d.accessTokens.issue({ kind: 'operator', operatorId: operator.id }));
  }
}
