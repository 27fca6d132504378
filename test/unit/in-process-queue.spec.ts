import { expect } from 'chai';
import { InProcessQueue } from '../../src/platform/queue/in-process-queue.js';
import { RetryLater } from '../../src/platform/queue/job-queue.js';

describe('in-process queue (the embedded default behind the JobQueue port)', () => {
  it('adds a job id only once while it is pending, and runs each job', async () => {
    const queue = new InProcessQueue<number>('t', { attempts: 1, backoffMs: 1 }, () => undefined);
    const seen: number[] = [];
    await queue.addBulk([
      { id: 'a', data: 1 },
      { id: 'a', data: 2 },
      { id: 'b', data: 3 },
    ]);
    expect(await queue.pendingCount()).to.equal(2);
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    queue.process(2, (n) => {
      seen.push(n);
      if (seen.length === 2) done();
      return Promise.resolve();
    });
    await finished;
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen.sort()).to.deep.equal([1, 3]);
    expect(await queue.pendingCount()).to.equal(0);
    await queue.close();
  });

  it('retries a failing job with growing delays, then gives up and reports it', async () => {
    const failures: unknown[] = [];
    const queue = new InProcessQueue<string>('t', { attempts: 3, backoffMs: 10 }, (error) => failures.push(error));
    const times: number[] = [];
    queue.process(1, () => {
      times.push(Date.now());
      return Promise.reject(new Error('provider busy'));
    });
    await queue.addBulk([{ id: 'x', data: 'x' }]);
    while (failures.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(times).to.have.length(3);
    expect(times[2]! - times[1]!).to.be.at.least(times[1]! - times[0]!);
    expect(await queue.pendingCount()).to.equal(0);
    await queue.close();
  });

  it('waits the Retry-After a failing job asks for when it is longer than the backoff', async () => {
    const queue = new InProcessQueue<string>('t', { attempts: 2, backoffMs: 10 }, () => undefined);
    const times: number[] = [];
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    queue.process(1, () => {
      times.push(Date.now());
      if (times.length === 1) return Promise.reject(new RetryLater('throttled', 300));
      done();
      return Promise.resolve();
    });
    await queue.addBulk([{ id: 'x', data: 'x' }]);
    await finished;
    expect(times[1]! - times[0]!).to.be.at.least(300);
    await queue.close();
  });
});
