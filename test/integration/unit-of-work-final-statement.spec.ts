import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { onboardTenant, type OnboardedTenant } from '../helpers/fixtures.js';
import { env } from '../helpers/test-env.js';

/**
 * UnitOfWork.finalRows(): in a transaction of raw statements with nothing left to write, the
 * statement takes the COMMIT along in its round trip (a post's chain-head statement, so the
 * incident's lock is held only while PostgreSQL runs it); otherwise it is a read like rows().
 */
describe('unit of work: a final statement that takes the commit along', () => {
  let t: OnboardedTenant;

  before(async () => {
    t = await onboardTenant('Gemeente Slotstuk');
  });

  /** A row of the tenant's own (idempotency keys: a platform table without a module's rules), by its key. */
  const insertKey = (key: string) =>
    `insert into idempotency_keys (tenant_id, principal, key, fingerprint, status, body, headers, created_at, expires_at)
     values ('${t.id}', 'test:final', '${key}', 'f', 201, null, '{}'::jsonb, now(), now() + interval '1 hour') returning key`;
  const stored = async (key: string): Promise<boolean> => {
    const { uow } = env().platform;
    const rows = await uow.runRawReads(t.id, () => uow.rows<{ key: string }>('select key from idempotency_keys where tenant_id = ? and principal = ? and key = ?', [t.id, 'test:final', key]));
    return rows.length === 1;
  };

  it('commits with the final statement, answers its rows, and refuses any statement after it', async () => {
    const { uow } = env().platform;
    const key = randomUUID();
    let after: unknown = null;
    const failure = await uow
      .runRawReads(t.id, async () => {
        expect(await uow.finalRows<{ key: string }>(insertKey(key))).to.deep.equal([{ key }]);
        try {
          await uow.rows('select 1');
        } catch (error) {
          after = error;
          throw error;
        }
      })
      .then(() => null, (error: unknown) => error);
    expect(String(after)).to.match(/committed with its final statement/);
    expect(failure).to.equal(after);
    // Committed all the same: the statement went out with the COMMIT.
    expect(await stored(key)).to.equal(true);
  });

  it('writes nothing when the final statement fails', async () => {
    const { uow } = env().platform;
    const key = randomUUID();
    const failure = await uow
      .runRawReads(t.id, async () => {
        await uow.rows(insertKey(key));
        await uow.finalRows('select 1 / 0');
      })
      .then(() => null, (error: unknown) => error);
    expect(String(failure)).to.match(/division by zero/);
    expect(await stored(key)).to.equal(false);
  });

  it('leaves the commit for the end when a write is still to come (holdCommit(), beforeCommit())', async () => {
    const { uow } = env().platform;
    const held = randomUUID();
    const later = randomUUID();
    await uow.runRawReads(t.id, async () => {
      uow.holdCommit();
      await uow.finalRows(insertKey(held));
      await uow.rows(insertKey(later));
    });
    expect(await stored(held)).to.equal(true);
    expect(await stored(later)).to.equal(true);

    const pending = randomUUID();
    const written = randomUUID();
    await uow.runRawReads(t.id, async () => {
      uow.beforeCommit(async () => {
        await uow.rows(insertKey(pending));
      });
      await uow.finalRows(insertKey(written));
    });
    expect(await stored(written)).to.equal(true);
    expect(await stored(pending)).to.equal(true);
  });

  it('is an ordinary statement in an ORM transaction, committed at the end', async () => {
    const { uow } = env().platform;
    const key = randomUUID();
    const failure = await uow
      .run(t.id, async () => {
        await uow.finalRows(insertKey(key));
        await uow.rows('select 1');
        throw new Error('a later step fails');
      })
      .then(() => null, (error: unknown) => error);
    expect(String(failure)).to.match(/a later step fails/);
    expect(await stored(key)).to.equal(false);
  });

  describe('writeWithCommit()', () => {
    /** The texts sent to PostgreSQL while `work` runs, one per round trip. */
    const roundTrips = async (work: () => Promise<unknown>): Promise<{ texts: string[]; outcome: unknown }> => {
      const texts: string[] = [];
      const query = Reflect.get(pg.Client.prototype, 'query') as (this: pg.Client, ...args: unknown[]) => unknown;
      Reflect.set(pg.Client.prototype, 'query', function (this: pg.Client, ...args: unknown[]) {
        if (typeof args[0] === 'string') texts.push(args[0]);
        return query.apply(this, args);
      });
      try {
        return { texts, outcome: await work().then(() => null, (error: unknown) => error) };
      } finally {
        Reflect.set(pg.Client.prototype, 'query', query);
      }
    };

    it('sends its statements with the COMMIT, in one round trip, in a transaction of raw statements', async () => {
      const { uow } = env().platform;
      const read = randomUUID();
      const first = randomUUID();
      const second = randomUUID();
      const { texts, outcome } = await roundTrips(() =>
        uow.runRawReads(t.id, async () => {
          await uow.rows(insertKey(read));
          uow.writeWithCommit(insertKey(first));
          uow.writeWithCommit(insertKey(second));
        }),
      );
      expect(outcome).to.equal(null);
      expect(texts).to.have.length(2);
      expect(texts[1]).to.include(first).and.to.include(second).and.to.match(/;\ncommit$/);
      expect([await stored(read), await stored(first), await stored(second)]).to.deep.equal([true, true, true]);
    });

    it('writes nothing of the transaction when one of its statements fails', async () => {
      const { uow } = env().platform;
      const read = randomUUID();
      const failure = await uow
        .runRawReads(t.id, async () => {
          await uow.rows(insertKey(read));
          uow.writeWithCommit('select 1 / 0');
        })
        .then(() => null, (error: unknown) => error);
      expect(String(failure)).to.match(/division by zero/);
      expect(await stored(read)).to.equal(false);
    });

    it('keeps a final statement from taking the commit along while a write is still to come', async () => {
      const { uow } = env().platform;
      const written = randomUUID();
      const pending = randomUUID();
      await uow.runRawReads(t.id, async () => {
        uow.writeWithCommit(insertKey(pending));
        await uow.finalRows(insertKey(written));
        expect(await uow.rows<{ n: number }>('select 1 as n')).to.deep.equal([{ n: 1 }]);
      });
      expect([await stored(written), await stored(pending)]).to.deep.equal([true, true]);
    });

    it('is written before the commit of an ORM transaction, and rolled back with it', async () => {
      const { uow } = env().platform;
      const kept = randomUUID();
      const dropped = randomUUID();
      await uow.run(t.id, async () => {
        uow.writeWithCommit(insertKey(kept));
        await Promise.resolve();
      });
      const failure = await uow
        .run(t.id, async () => {
          uow.writeWithCommit(insertKey(dropped));
          await Promise.resolve();
          throw new Error('a later step fails');
        })
        .then(() => null, (error: unknown) => error);
      expect(String(failure)).to.match(/a later step fails/);
      expect([await stored(kept), await stored(dropped)]).to.deep.equal([true, false]);
    });
  });
});
