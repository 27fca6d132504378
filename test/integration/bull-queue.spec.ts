import { expect } from 'chai';
import { BullQueues } from '../../src/platform/queue/bull-queue.js';
import { RetryLater } from '../../src/platform/queue/job-queue.js';
import { startRedis, type TestRedis } from '../helpers/redis-server.js';

describe('bull queue adapter on a real redis-server', () => {
  let redis: TestRedis;
  let queues: BullQueues;

  before(async () => {
    redis = await startRedis();
    queues = new BullQueues(redis.url, () => undefined);
  });

  after(async () => {
    await queues.close();
    await redis.stop();
  });

  it('keeps one job per id while it waits, runs it, and retries a failure with backoff', async () => {
    const queue = queues.queue<{ n: number }>('bull-adapter-test', { attempts: 3, backoffMs: 20 });
    await queue.addBulk([
      { id: 'm1:d0:0', data: { n: 1 } },
      { id: 'm1:d0:0', data: { n: 99 } },
      { id: 'm1:d0:1', data: { n: 2 } },
    ]);
    expect(await queue.pendingCount()).to.equal(2);
    const runs: number[] = [];
    let failedOnce = false;
    queue.process(2, (data) => {
      runs.push(data.n);
      if (data.n === 2 && !failedOnce) {
        failedOnce = true;
        return Promise.reject(new Error('try again'));
      }
      return Promise.resolve();
    });
    const deadline = Date.now() + 10_000;
    while ((await queue.pendingCount()) > 0 || runs.length < 3) {
      if (Date.now() > deadline) throw new Error(`jobs did not finish: ${JSON.stringify(runs)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(runs.sort()).to.deep.equal([1, 2, 2]);
    // Finished jobs are removed: the same id can be added (and run) again later.
    await queue.addBulk([{ id: 'm1:d0:0', data: { n: 3 } }]);
    while (!runs.includes(3)) {
      if (Date.now() > deadline) throw new Error('re-added job did not run');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });

  it('retries a job that asks for a Retry-After no sooner than that, even with a short backoff', async () => {
    const queue = queues.queue<{ n: number }>('bull-retry-after-test', { attempts: 2, backoffMs: 10 });
    const times: number[] = [];
    queue.process(1, () => {
      times.push(Date.now());
      return times.length === 1 ? Promise.reject(new RetryLater('throttled', 600)) : Promise.resolve();
    });
    await queue.addBulk([{ id: 'throttled', data: { n: 1 } }]);
    const deadline = Date.now() + 10_000;
    while (times.length < 2) {
      if (Date.now() > deadline) throw new Error('the job was not retried');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(times[1]! - times[0]!).to.be.at.least(600);
  });
});
