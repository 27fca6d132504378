import { expect } from 'chai';
import { Redis } from 'ioredis';
import { BullScheduler } from '../../src/platform/scheduling/bull-scheduler.js';
import { msUntilDaily } from '../../src/platform/scheduling/scheduler.js';
import { TimerScheduler } from '../../src/platform/scheduling/timer-scheduler.js';
import { startRedis, type TestRedis } from '../helpers/redis-server.js';
import { eventually } from '../helpers/eventually.js';

describe('scheduling port', () => {
  it('computes the wait until the next daily UTC time', () => {
    expect(msUntilDaily('03:15', new Date('2026-11-24T03:00:00Z'))).to.equal(15 * 60_000);
    expect(msUntilDaily('03:15', new Date('2026-11-24T03:15:00Z'))).to.equal(24 * 3600_000);
    expect(msUntilDaily('00:00', new Date('2026-11-24T23:59:00Z'))).to.equal(60_000);
    expect(() => msUntilDaily('25:00', new Date())).to.throw(/HH:MM/);
  });

  it('runs a task again and again in process, never two at once, and stops on close', async () => {
    const errors: unknown[] = [];
    const scheduler = new TimerScheduler((_name, error) => errors.push(error));
    let runs = 0;
    let running = 0;
    let overlapped = false;
    await scheduler.schedule('test.timer', { everyMs: 10 }, async () => {
      running += 1;
      overlapped ||= running > 1;
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 30));
      running -= 1;
      if (runs === 2) throw new Error('second run fails');
    });
    await eventually('four runs', () => runs >= 4, 10_000);
    await scheduler.close();
    const after = runs;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(runs).to.be.at.most(after + 1);
    expect(overlapped).to.equal(false);
    expect(errors).to.have.length(1);
  });

  describe('with bull on a real Redis', () => {
    let redis: TestRedis;

    before(async () => {
      redis = await startRedis();
    });

    after(async () => {
      await redis.stop();
    });

    it('keeps one repeatable job per task across processes and runs each occurrence once', async function () {
      this.timeout(30_000);
      const prefix = `sched-${Date.now()}`;
      const runs: string[] = [];
      const a = new BullScheduler(redis.url, () => undefined, { prefix });
      const b = new BullScheduler(redis.url, () => undefined, { prefix });
      await a.schedule('privacy.retention', { everyMs: 300 }, () => Promise.resolve(void runs.push('a')));
      await b.schedule('privacy.retention', { everyMs: 300 }, () => Promise.resolve(void runs.push('b')));
      await eventually('three runs', () => runs.length >= 3, 20_000);
      const client = new Redis(redis.url);
      const repeatable = await client.zcard(`${prefix}:schedules:repeat`);
      client.disconnect();
      expect(repeatable).to.equal(1);
      await a.close();
      await b.close();
      // Occurrences ~300 ms apart over the wait: twice the processes would have run about twice as often.
      expect(runs.length).to.be.at.least(3);
    });

    it('replaces the rule of a task when it changes', async function () {
      this.timeout(30_000);
      const prefix = `sched2-${Date.now()}`;
      const scheduler = new BullScheduler(redis.url, () => undefined, { prefix });
      await scheduler.schedule('privacy.retention', { dailyAtUtc: '03:15' }, () => Promise.resolve());
      await scheduler.schedule('privacy.retention', { dailyAtUtc: '04:30' }, () => Promise.resolve());
      const client = new Redis(redis.url);
      const keys = await client.zrange(`${prefix}:schedules:repeat`, 0, -1);
      client.disconnect();
      await scheduler.close();
      expect(keys).to.have.length(1);
      expect(keys[0]).to.include('30 4 * * *');
    });
  });
});
