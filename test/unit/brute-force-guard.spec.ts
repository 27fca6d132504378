import { expect } from 'chai';
import { TooManyAttempts, type GuardedAction } from '../../src/platform/security/brute-force.js';
import { RateLimiterBruteForceGuard, type BruteForcePolicy } from '../../src/platform/security/rate-limiter-brute-force-guard.js';

const tenantId = '0b9c2f4e-7d1a-4c3b-9e8f-1a2b3c4d5e6f';
const marieke = { account: `${tenantId}:m.devries@example.nl`, address: '203.0.113.7' };
const joost = { account: `${tenantId}:j.bakker@example.nl`, address: '203.0.113.7' };

const guard = (policy: Partial<BruteForcePolicy> = {}) => new RateLimiterBruteForceGuard({ store: { kind: 'memory' }, policy });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function fail(subject: RateLimiterBruteForceGuard, times: number, keys: { account: string; address: string }, action: GuardedAction = 'login') {
  for (let i = 0; i < times; i++) await subject.recordFailure(action, keys);
}

async function refusal(attempt: Promise<void>): Promise<TooManyAttempts> {
  try {
    await attempt;
  } catch (error) {
    if (error instanceof TooManyAttempts) return error;
    throw error;
  }
  throw new Error('expected TooManyAttempts');
}

describe('RateLimiterBruteForceGuard', () => {
  it('locks the account on the fifth failure in a row, and keeps it locked', async () => {
    const subject = guard();
    await fail(subject, 4, marieke);
    await subject.assertAllowed('login', marieke);

    const lockout = await refusal(subject.recordFailure('login', marieke));
    expect(lockout).to.include({ code: 'AUTH.TOO_MANY_ATTEMPTS', kind: 'rate_limited', retryAfterSeconds: 60 });
    expect(lockout.detail).to.equal('Too many failed attempts. Try again in 1 minute.');

    const after = await refusal(subject.assertAllowed('login', marieke));
    expect(after.retryAfterSeconds).to.be.within(1, 60);
  });

  it('does not lock another account on the same address', async () => {
    const subject = guard();
    await refusal(fail(subject, 5, marieke));
    await subject.assertAllowed('login', joost);
    await subject.recordFailure('login', joost);
  });

  it('starts counting again after a success', async () => {
    const subject = guard();
    await fail(subject, 4, marieke);
    await subject.recordSuccess('login', marieke);
    await fail(subject, 4, marieke);
    await subject.assertAllowed('login', marieke);
  });

  it('lets the account in again when the lockout ends, and doubles the next one', async () => {
    const subject = guard({ lockoutBaseSeconds: 1 });
    expect((await refusal(fail(subject, 5, marieke))).retryAfterSeconds).to.equal(1);
    await sleep(1100);
    await subject.assertAllowed('login', marieke);

    await fail(subject, 4, marieke);
    expect((await refusal(subject.recordFailure('login', marieke))).retryAfterSeconds).to.equal(2);
    await refusal(subject.assertAllowed('login', marieke));
  });

  it('blocks an address for every account once it has failed too often', async () => {
    const subject = guard({ addressFailuresPerHour: 10 });
    const address = '198.51.100.23';
    const tenth = await refusal(
      (async () => {
        for (let i = 0; i < 10; i++) await subject.recordFailure('login', { account: `${tenantId}:user${i}@example.nl`, address });
      })(),
    );
    expect(tenth.retryAfterSeconds).to.equal(3600);
    expect(tenth.detail).to.contain('1 hour');

    await refusal(subject.assertAllowed('login', { account: `${tenantId}:nobody-yet@example.nl`, address }));
    await subject.assertAllowed('login', { account: `${tenantId}:nobody-yet@example.nl`, address: '198.51.100.24' });
  });

  it('keeps separate counters per action', async () => {
    const subject = guard();
    await refusal(fail(subject, 5, marieke));
    await subject.assertAllowed('second_factor', marieke);
    await subject.assertAllowed('password_reset', marieke);
    await fail(subject, 4, marieke, 'second_factor');
  });
});
