import { randomUUID } from 'node:crypto';
import { TenantSuspended } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import type { TooManyAttempts } from '../../../platform/security/brute-force.js';
import type { Device } from '../domain/session.js';
import { normaliseEmail } from '../domain/user.js';
import { InvalidCredentials } from '../domain/user.errors.js';
import type { Client, UsersDeps } from './deps.js';
import type { Sessions, SignedInTokens } from './sessions.js';

export interface SignInUserCommand extends Client {
  tenant: string;
  email: string;
  password: string;
  device: Device;
}

export type SignInOutcome = SignedInTokens | { status: 'second_factor_required'; challengeToken: string; expiresIn: number };

/**
 * Password sign-in to one tenant. Unknown tenant, unknown e-mail and wrong password answer
 * alike and take the same time, so the answer does not tell which accounts exist. Failures
 * count towards a lockout per account and per client address, and are audited.
 */
export class SignInUser {
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly d: Pick<UsersDeps, 'transaction' | 'tenants' | 'users' | 'hasher' | 'accessTokens' | 'audit' | 'bruteForce' | 'sealer'>,
    private readonly sessions: Sessions,
  ) {}

  async execute(command: SignInUserCommand): Promise<Result<SignInOutcome, InvalidCredentials | TenantSuspended | TooManyAttempts>> {
    const slug = command.tenant.trim().toLowerCase();
    const email = normaliseEmail(command.email);
    const keys = { account: `${slug}/${email}`, address: command.clientAddress ?? 'unknown' };
    await this.d.bruteForce.assertAllowed('login', keys);

    const tenant = await this.d.tenants.bySlug(slug);
    if (!tenant) return this.refuse(command.password, keys);
    await this.d.transaction.enterTenant(tenant.id);
    const user = await this.d.users.byEmail(tenant.id, email);
    const audit = { tenantId: tenant.id, subjectType: 'user', clientAddress: command.clientAddress, userAgent: command.userAgent };
    if (!user?.canSignIn() || !user.passwordHash || !(await this.d.hasher.verify(user.passwordHash, command.password))) {
      if (!user) await this.spendHashTime(command.password);
      await this.d.audit.recordDetached({
        ...audit,
        action: 'auth.login.failed',
        actorType: 'anonymous',
        actorId: null,
        subjectId: user?.id ?? null,
        // No typed e-mail in the append-only log: the account id when known (subjectId), else a
        // keyed hash, so repeated attempts for one address still show up together.
        details: { ...(user ? {} : { emailHash: this.d.sealer.fingerprint(email, 'sign-in e-mail') }), reason: !user ? 'unknown_account' : user.canSignIn() ? 'wrong_password' : `account_${user.status}` },
      });
      await this.d.bruteForce.recordFailure('login', keys);
      return fail(new InvalidCredentials());
    }
    if (tenant.suspended) return fail(new TenantSuspended());
    await this.d.bruteForce.recordSuccess('login', keys);

    if (user.hasSecondFactor()) {
      this.d.audit.record({ ...audit, action: 'auth.login.password_accepted', actorType: 'user', actorId: user.id, subjectId: user.id });
      const challenge = await this.d.accessTokens.issueChallenge({ tenantId: tenant.id, userId: user.id, device: command.device });
      return ok({ status: 'second_factor_required', ...challenge });
    }
    const tokens = await this.sessions.start(user, command.device);
    this.d.audit.record({
      ...audit,
      action: 'auth.login.succeeded',
      actorType: 'user',
      actorId: user.id,
      subjectId: user.id,
      details: { sessionId: tokens.sessionId, platform: command.device.platform, secondFactorEnrolmentRequired: tokens.secondFactorEnrolmentRequired },
    });
    return ok(tokens);
  }

  private async refuse(password: string, keys: { account: string; address: string }): Promise<Result<never, InvalidCredentials>> {
    await this.spendHashTime(password);
    await this.d.bruteForce.recordFailure('login', keys);
    return fail(new InvalidCredentials());
  }

  /** Verifies against a throw-away hash so that a missing account costs as much time as a wrong password. */
  private async spendHashTime(password: string): Promise<void> {
    this.dummyHash ??= this.d.hasher.hash(randomUUID());
    await this.d.hasher.verify(await this.dummyHash, password);
  }
}
