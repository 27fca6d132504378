import { TenantSuspended } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import type { TooManyAttempts } from '../../../platform/security/brute-force.js';
import type { DevicePlatform } from '../domain/session.js';
import { InvalidChallenge, InvalidSecondFactorCode } from '../domain/user.errors.js';
import type { Client, UsersDeps } from './deps.js';
import type { Sessions, SignedInTokens } from './sessions.js';

export interface CompleteSecondFactorCommand extends Client {
  challengeToken: string;
  code?: string;
  recoveryCode?: string;
}

/**
 * Second step of sign-in. A TOTP code is accepted once (the step is remembered, and no earlier
 * step is accepted after it); a recovery code once ever. Guessing is rate limited per account.
 */
export class CompleteSecondFactor {
  constructor(
    private readonly d: Pick<
      UsersDeps,
      'transaction' | 'accessTokens' | 'users' | 'tenants' | 'totp' | 'sealer' | 'recoveryCodes' | 'recoveryCodeGenerator' | 'clock' | 'audit' | 'bruteForce'
    >,
    private readonly sessions: Sessions,
  ) {}

  async execute(command: CompleteSecondFactorCommand): Promise<
    Result<SignedInTokens, InvalidChallenge | InvalidSecondFactorCode | TenantSuspended | TooManyAttempts>
  > {
    const challenge = await this.d.accessTokens.verifyChallenge(command.challengeToken);
    if (!challenge) return fail(new InvalidChallenge());
    await this.d.transaction.enterTenant(challenge.tenantId);
    const keys = { account: `${challenge.tenantId}/${challenge.userId}`, address: command.clientAddress ?? 'unknown' };
    await this.d.bruteForce.assertAllowed('second_factor', keys);

    const [user, tenant] = [await this.d.users.byIdForUpdate(challenge.tenantId, challenge.userId), await this.d.tenants.byId(challenge.tenantId)];
    if (!user?.canSignIn() || !user.totpSecretSealed) return fail(new InvalidChallenge());
    if (tenant?.suspended) return fail(new TenantSuspended());
    const now = this.d.clock.now();
    const audit = { tenantId: user.tenantId, actorType: 'user' as const, actorId: user.id, subjectType: 'user', subjectId: user.id, clientAddress: command.clientAddress, userAgent: command.userAgent };

    let accepted = false;
    let usedRecoveryCode = false;
    if (command.code) {
      const step = this.d.totp.matchStep(this.d.sealer.open(user.totpSecretSealed, user.id), command.code, now);
      accepted = step !== null && user.acceptSecondFactorStep(step);
    } else if (command.recoveryCode) {
      const hash = this.d.recoveryCodeGenerator.hash(command.recoveryCode);
      const code = (await this.d.recoveryCodes.unusedOf(user.tenantId, user.id)).find((c) => c.codeHash === hash);
      accepted = code?.use(now) ?? false;
      usedRecoveryCode = accepted;
    }
    if (!accepted) {
      await this.d.audit.recordDetached({ ...audit, action: 'auth.second_factor.failed', details: { method: command.code ? 'totp' : 'recovery_code' } });
      await this.d.bruteForce.recordFailure('second_factor', keys);
      return fail(new InvalidSecondFactorCode());
    }
    await this.d.bruteForce.recordSuccess('second_factor', keys);
    const platform = challenge.device.platform as DevicePlatform | null;
    const tokens = await this.sessions.start(user, { ...challenge.device, platform });
    this.d.audit.record({
      ...audit,
      action: 'auth.login.succeeded',
      details: { sessionId: tokens.sessionId, secondFactor: usedRecoveryCode ? 'recovery_code' : 'totp', platform },
    });
    if (usedRecoveryCode) this.d.audit.record({ ...audit, action: 'auth.second_factor.recovery_code_used' });
    return ok(tokens);
  }
}
