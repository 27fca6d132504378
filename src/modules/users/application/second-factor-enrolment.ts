import type { UserActor } from '../../../platform/auth/actor.js';
import { auditEntry } from '../../../platform/audit/audit-entry.js';
import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import type { TooManyAttempts } from '../../../platform/security/brute-force.js';
import { RecoveryCode } from '../domain/api-key.js';
import {
  SecondFactorCodeNotAccepted,
  SecondFactorNotEnabled,
  SecondFactorNotStarted,
  SecondFactorRequiredByPolicy,
  WrongEnrolmentCode,
  type SecondFactorAlreadyEnabled,
} from '../domain/user.errors.js';
import type { UsersDeps } from './deps.js';

/** Step one of enrolment: a fresh secret, kept sealed and pending until a first code proves it. */
export class StartSecondFactorEnrolment {
  constructor(private readonly d: Pick<UsersDeps, 'users' | 'totp' | 'sealer' | 'clock' | 'settings'>) {}

  async execute(command: { actor: UserActor }): Promise<
    Result<{ secret: string; otpauthUrl: string; qrCode: string }, NotFound | SecondFactorAlreadyEnabled>
  > {
    const user = await this.d.users.byId(command.actor.tenantId, command.actor.userId);
    if (!user) return fail(new NotFound('User'));
    const { secretBase32, otpauthUrl } = this.d.totp.generate({ issuer: this.d.settings.totpIssuer, account: user.email });
    const started = user.startSecondFactorEnrolment(this.d.sealer.seal(secretBase32, user.id), this.d.clock.now());
    if (!started.ok) return started;
    return ok({ secret: secretBase32, otpauthUrl, qrCode: await this.d.totp.qrCode(otpauthUrl) });
  }
}

/** Step two: the first code turns the pending secret into the second factor; ten recovery codes, shown once. */
export class ConfirmSecondFactorEnrolment {
  constructor(private readonly d: Pick<UsersDeps, 'users' | 'recoveryCodes' | 'totp' | 'sealer' | 'recoveryCodeGenerator' | 'clock' | 'audit' | 'bruteForce'>) {}

  async execute(command: { actor: UserActor; code: string }): Promise<
    Result<{ recoveryCodes: string[] }, NotFound | SecondFactorNotStarted | WrongEnrolmentCode | TooManyAttempts>
  > {
    const keys = { account: `${command.actor.tenantId}/${command.actor.userId}`, address: command.actor.clientAddress ?? 'unknown' };
    await this.d.bruteForce.assertAllowed('second_factor', keys);
    const user = await this.d.users.byIdForUpdate(command.actor.tenantId, command.actor.userId);
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
    this.d.audit.record(auditEntry(command.actor, { action: 'second_factor.enrolled', subjectType: 'user', subjectId: user.id }));
    return ok({ recoveryCodes: codes });
  }
}

/**
 * The user turns their own second factor off. A current code proves the phone is at hand, so
 * someone holding only an open session cannot weaken the account; a policy that asks a second
 * factor of this user forbids it. Guessing counts towards the same lockout as sign-in.
 */
export class DisableMySecondFactor {
  constructor(private readonly d: Pick<UsersDeps, 'users' | 'tenants' | 'totp' | 'sealer' | 'recoveryCodes' | 'clock' | 'audit' | 'bruteForce'>) {}

  async execute(command: { actor: UserActor; code: string }): Promise<
    Result<void, NotFound | SecondFactorNotEnabled | SecondFactorRequiredByPolicy | SecondFactorCodeNotAccepted | TooManyAttempts>
  > {
    const keys = { account: `${command.actor.tenantId}/${command.actor.userId}`, address: command.actor.clientAddress ?? 'unknown' };
    await this.d.bruteForce.assertAllowed('second_factor', keys);
    const user = await this.d.users.byIdForUpdate(command.actor.tenantId, command.actor.userId);
    if (!user) return fail(new NotFound('User'));
    if (!user.totpSecretSealed) return fail(new SecondFactorNotEnabled());
    const tenant = await this.d.tenants.byId(command.actor.tenantId);
    if (user.needsSecondFactor(tenant?.secondFactorPolicy ?? 'optional')) return fail(new SecondFactorRequiredByPolicy());
    const now = this.d.clock.now();
    const step = this.d.totp.matchStep(this.d.sealer.open(user.totpSecretSealed, user.id), command.code, now);
    if (step === null || !user.acceptSecondFactorStep(step)) {
      await this.d.bruteForce.recordFailure('second_factor', keys);
      return fail(new SecondFactorCodeNotAccepted());
    }
    await this.d.bruteForce.recordSuccess('second_factor', keys);
    user.resetSecondFactor(now);
    await this.d.recoveryCodes.replaceAll(user.tenantId, user.id, []);
    this.d.audit.record(auditEntry(command.actor, { action: 'second_factor.disabled', subjectType: 'user', subjectId: user.id }));
    return ok(undefined);
  }
}
