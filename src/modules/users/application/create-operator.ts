import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { Operator } from '../domain/operator.js';
import { checkPassword } from '../domain/password-policy.js';
import { EmailTaken, type InvalidUser, type WeakPassword } from '../domain/user.errors.js';
import { normaliseEmail } from '../domain/user.js';
import type { UsersDeps } from './deps.js';

export class CreateOperator {
  constructor(private readonly d: Pick<UsersDeps, 'operators' | 'hasher' | 'commonPasswords' | 'clock'>) {}

  async execute(command: { email: string; name: string; password: string }): Promise<
    Result<Operator, InvalidUser | WeakPassword | EmailTaken>
  > {
    const strong = checkPassword(command.password, this.d.commonPasswords.list());
    if (!strong.ok) return strong;
    if (await this.d.operators.byEmail(normaliseEmail(command.email))) return fail(new EmailTaken());
    const created = Operator.create(
      { email: command.email, name: command.name, passwordHash: await this.d.hasher.hash(command.password) },
      this.d.clock.now(),
    );
    if (!created.ok) return created;
    this.d.operators.add(created.value);
    return ok(created.value);
  }
}
