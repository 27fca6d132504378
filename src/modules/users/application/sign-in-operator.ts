import { randomUUID } from 'node:crypto';
import type { AccessTokens, IssuedToken } from '../../../platform/auth/access-tokens.js';
import type { Clock } from '../../../platform/domain/clock.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { InvalidCredentials } from '../domain/user.errors.js';
import { normaliseEmail } from '../domain/user.js';
import type { OperatorRepository, PasswordHasher } from '../ports.js';

export class SignInOperator {
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly operators: OperatorRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: AccessTokens,
    private readonly clock: Clock,
  ) {}

  async execute(command: { email: string; password: string }): Promise<Result<IssuedToken, InvalidCredentials>> {
    const operator = await this.operators.byEmail(normaliseEmail(command.email));
    if (!operator) {
      this.dummyHash ??= this.hasher.hash(randomUUID());
      await this.hasher.verify(await this.dummyHash, command.password);
      return fail(new InvalidCredentials());
    }
    if (!(await this.hasher.verify(operator.passwordHash, command.password))) return fail(new InvalidCredentials());
    operator.recordLogin(this.clock.now());
    return ok(await this.tokens.issue({ kind: 'operator', operatorId: operator.id }));
  }
}
