import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import type { TooManyAttempts } from '../../../platform/security/brute-force.js';
import { RecoveryCode } from '../domain/api-key.js';
import { SecondFactorNotStarted, WrongEnrolmentCode, type SecondFactorAlreadyEnabled } from '../domain/user.errors.js';
import type { Client, UsersDeps } from './deps.js';

type Deps = Pick<UsersDeps, 'users' | 'totp' | 'sealer' | 'recoveryCodes' | 'recoveryCodeGenerator' | 'clock' | 'audit' | 'bruteForce' | 'settings'>;

/** Step one of enrolment: a fresh secret, kept sealed and pending until a first code proves it. */
export class StartSecondFactorEnrolment {
  constructor(private readonly d: Deps) {}

  async execute(command: { tenantId: string; userId: string }): Promise<
    Result<{ secret: string; otpauthUrl: string; qrCode: string }, NotFound | SecondFactorAlreadyEnabled>
  > {
    const user = await this.d.users.byId(command.tenantId, command.userId);
    if (!user) return fail(new NotFound('User'));
    const { secretBase32, otpauthUrl } = this.d.totp.generate({ issuer: this.d.settings.totpIssuer, account: user.email });
    const started = user.startSecondFactorEnrolment(this.d.sealer.seal(secretBase32, user.id), this.d.clock.now());
    if (!started.ok) return started;
    return ok({ secret: secretBase32, otpauthUrl, qrCode: await this.d.totp.qrCode(otpauthUrl) });
  }
}

/** Step two: the first code turns the pending secret into the second factor; ten recovery codes, shown once. */
export class ConfirmSecondFactorEnrolment {
  constructor(private readonly d: Deps) {}

  async execute(command: Client & { tenantId: string; userId: string; code: string }): Promise<
    Result<{ recoveryCodes: string[] }, NotFound | SecondFactorNotStarted | WrongEnrolmentCode | TooManyAttempts>
  > {
    const keys = { account: `${command.tenantId}/${command.userId}`, address: command.clientAddress ?? 'unknown' };
    await this.d.bruteForce.assertAllowed('second_factor', keys);
    const user = await this.d.users.byIdForUpdate(command.tenantId, command.userId);
    if (!user) return fail(new NotFound('User'));
    const now = this.d.clock.now();
    if (!user.totpPendingSealed) return fail(new SecondFactorNotStarted());
    const step = this.d.totp.matchStep(this.d.sealer.open(user.totpPendingSealed, user.id), command.code, now);
    if (step === null) {
      await this.d.bruteForce.recordFailure('second_factor', keys);
      return fail(new WrongEnrolmentCode());
    }
    const confirmed = user.confirmSecondFactor(step, now);
    if (!confirmed.ok) return confirmed;
    // As at sign-in, a right code ends the run of failures: codes mistyped while enrolling must
    // not leave the new second factor one typo away from a lockout.
    await this.d.bruteForce.recordSuccess('second_factor', keys);
    const codes = this.d.recoveryCodeGenerator.generate(10);
    await this.d.recoveryCodes.replaceAll(
      user.tenantId,
      user.id,
      codes.map((code) => RecoveryCode.of({ tenantId: user.tenantId, userId: user.id, codeHash: this.d.recoveryCodeGenerator.hash(code) })),
    );
    this.d.audit.record({
      tenantId: user.tenantId,
      action: 'second_factor.enrolled',
      actorType: 'user',
      actorId: user.id,
      subjectType: 'user',
      subjectId: user.id,
      clientAddress: command.clientAddress,
      userAgent: command.userAgent,
    });
    return ok({ recoveryCodes: codes });
  }
}
