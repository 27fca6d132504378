import type { Clock } from '../../../platform/domain/clock.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { Operator } from '../domain/operator.js';
import { checkPassword } from '../domain/password-policy.js';
import { EmailTaken, type InvalidUser, type WeakPassword } from '../domain/user.errors.js';
import { normaliseEmail } from '../domain/user.js';
import type { CommonPasswords, OperatorRepository, PasswordHasher } from '../ports.js';

export class CreateOperator {
  constructor(
    private readonly operators: OperatorRepository,
    private readonly hasher: PasswordHasher,
    private readonly commonPasswords: CommonPasswords,
    private readonly clock: Clock,
  ) {}

  async execute(command: { email: string; name: string; password: string }): Promise<
    Result<Operator, InvalidUser | WeakPassword | EmailTaken>
  > {
    const strong = checkPassword(command.password, this.commonPasswords.list());
    if (!strong.ok) return strong;
    if (await this.operators.byEmail(normaliseEmail(command.email))) return fail(new EmailTaken());
    const created = Operator.create(
      { email: command.email, name: command.name, passwordHash: await this.hasher.hash(command.password) },
      this.clock.now(),
    );
    if (!created.ok) return created;
    this.operators.add(created.value);
    return ok(created.value);
  }
}
