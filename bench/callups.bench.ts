/**
 * Part of npm run bench:fanout: call-ups that reach people without the app, and escalation.
 * 1. A call-up to 10,000 people of whom 30 % have no device: push to the others, an SMS to each of
 *    the 3,000 through the CM.com adapter to a local CM gateway answering after 50 ms
 *    (test/helpers/fake-sms-provider.ts). Prints the time from sending until every fallback text is
 *    handed to the provider (recorded as sent in PostgreSQL).
 * 2. 1,000 open call-ups with a later wave each: the cost of one escalation pass while nothing is
 *    due (checks per second), and the rate at which the worker calls the 1,000 waves once due.
 * One process (api and worker, in-process queue), real embedded PostgreSQL. Not part of the test
 * run; results are recorded by hand in bench/RESULTS.md.
 */
import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildPlatform, openDatabase } from '../src/composition.js';
import { Escalation } from '../src/modules/messaging/application/escalation.js';
import type { MessagingDeps } from '../src/modules/messaging/application/deps.js';
import type { FanOut } from '../src/modules/messaging/application/fan-out.js';
import type { SendMessage } from '../src/modules/messaging/application/send-message.js';
import { MESSAGING_APP } from '../src/modules/messaging/module.js';
import { loadConfig } from '../src/platform/config/config.js';
import { createLogger } from '../src/platform/logging/logger.js';
import { fakeCm } from '../test/helpers/fake-sms-provider.js';
import { freePort } from '../test/helpers/free-port.js';
import { RecordingPushSender } from '../test/helpers/recording-push.js';
import { TestClock } from '../test/helpers/test-clock.js';

const PEOPLE = Number(process.env.BENCH_CALLUP_PEOPLE ?? 10_000);
const WITHOUT_DEVICE = 0.3;
const CALL_UPS = Number(process.env.BENCH_CALL_UPS ?? 1000);
const SMS_LATENCY_MS = 50;

async function until(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function main(): Promise<void> {
  const loadBefore = os.loadavg()[0]!;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-callups-'));
  await chmod(dataDir, 0o755);
  const productToken = randomUUID();
  const cm = await fakeCm(productToken, { latencyMs: SMS_LATENCY_MS });
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    EMBEDDED_POSTGRES_PORT: String(await freePort()),
    LOG_LEVEL: 'silent',
    PORT: '0',
    FANOUT_SWEEP_MS: '200',
    SMS_PROVIDER: 'cm',
    CM_PRODUCT_TOKEN: productToken,
    CM_ENDPOINT: cm.url,
    SMS_CALLBACK_SECRET: randomUUID(),
    SMS_DAILY_BUDGET: '100000',
    SMS_UNANSWERED_AFTER_SECONDS: '0',
  });
  const logger = createLogger('silent');
  const database = await openDatabase(config, logger);
  const clock = new TestClock();
  const platform = await buildPlatform(config, database, logger, { clock, push: new RecordingPushSender() });
  const owner = new pg.Client({ connectionString: database.ownerUrl });
  await owner.connect();
  try {
    const tenantId = randomUUID();
    const adminId = randomUUID();
    await owner.query(
      `insert into tenants (id, slug, name, locale, time_zone, dpo_contact, status, suspension_reason, suspended_at, created_at, updated_at, second_factor_policy)
       values ($1, 'bench-callups', 'Bench call-ups', 'nl', 'Europe/Amsterdam', null, 'active', null, null, now(), now(), 'optional')`,
      [tenantId],
    );
    await owner.query(
      `insert into users (id, tenant_id, email, name, phone, roles, status, activated_at, created_at, updated_at)
       select case when n = 0 then $3::uuid else gen_random_uuid() end, $1, 'user' || n || '@bench.test', 'User ' || n, '+3161' || lpad(n::text, 7, '0'),
              case when n = 0 then '{admin}'::text[] else '{member}'::text[] end, 'active', now(), now(), now()
         from generate_series(0, $2::int - 1) n`,
      [tenantId, PEOPLE, adminId],
    );
    await owner.query(
      `insert into push_devices (id, tenant_id, user_id, platform, token, app_version, created_at, updated_at)
       select gen_random_uuid(), tenant_id, id, 'android', 'fcm-' || id, '2.4.1', now(), now() from users
        where tenant_id = $1 and abs(hashtext(id::text)) % 100 >= $2`,
      [tenantId, Math.round(WITHOUT_DEVICE * 100)],
    );
    await owner.query('analyze');
    const [{ without }] = (await owner.query<{ without: number }>(`select count(*)::int as without from users u where tenant_id = $1 and not exists (select 1 from push_devices d where d.user_id = u.id)`, [tenantId])).rows as [{ without: number }];
    console.log(`seeded ${PEOPLE} people, ${without} without a device`);

    platform.startWorker();
    const send = platform.container.get<SendMessage>(MESSAGING_APP.SendMessage);
    let failed = 0;
    const started = Date.now();
    await platform.uow.run(tenantId, async () => {
      const sent = await send.execute({ tenantId, senderType: 'user', senderId: adminId, title: 'Opkomst', body: 'Kom naar de crisiskamer.', priority: 'urgent', answerOptions: ['beschikbaar', 'niet beschikbaar'], audience: { everyone: true, groupIds: [], userIds: [] } });
      if (!sent.ok) throw sent.error;
    });
    await until(
      'every fallback text handed over',
      async () => {
        const [row] = (await owner.query<{ sent: number; failed: number }>(`select count(*) filter (where status = 'sent')::int as sent, count(*) filter (where status = 'failed')::int as failed from fallback_deliveries where tenant_id = $1`, [tenantId])).rows;
        failed = row!.failed;
        return row!.sent + row!.failed >= without;
      },
      10 * 60_000,
    );
    const handedMs = Date.now() - started;
    console.log(`call-up to ${PEOPLE}: all ${without} fallback texts handed to the provider (${cm.requests} requests, ${SMS_LATENCY_MS} ms each) after ${handedMs} ms; the provider got ${cm.texts.length} texts for ${new Set(cm.texts.map((t) => t.number)).size} numbers; ${failed} refused before sending (not a valid number)`);
    await platform.stopWorker();

    // 2. Escalation: CALL_UPS open call-ups to one person each, with a wave to another in 5 minutes.
    const people = (await owner.query<{ id: string }>(`select id from users where tenant_id = $1 order by id limit $2`, [tenantId, CALL_UPS * 2])).rows.map((r) => r.id);
    for (let i = 0; i < CALL_UPS; i++) {
      await platform.uow.run(tenantId, async () => {
        const sent = await send.execute({
          tenantId,
          senderType: 'user',
          senderId: adminId,
          title: `Opkomst ${i}`,
          body: 'Kom.',
          answerOptions: ['ja', 'nee'],
          goal: { option: 'ja', count: 2 },
          audience: { everyone: false, groupIds: [], userIds: [people[2 * i]!] },
          waves: [{ afterMinutes: 5, audience: { everyone: false, groupIds: [], userIds: [people[2 * i + 1]!] } }],
        });
        if (!sent.ok) throw sent.error;
      });
    }
    const d = platform.container.get<MessagingDeps>(MESSAGING_APP.Deps);
    const escalation = new Escalation(d, platform.container.get<FanOut>(MESSAGING_APP.FanOut));
    const passes = 200;
    const idleStarted = Date.now();
    for (let i = 0; i < passes; i++) await escalation.escalateDue(tenantId);
    const idleMs = (Date.now() - idleStarted) / passes;
    console.log(`escalation pass with ${CALL_UPS} open call-ups, nothing due: ${idleMs.toFixed(2)} ms per pass (${(1000 / idleMs).toFixed(0)} passes/s, ${((CALL_UPS * 1000) / idleMs).toFixed(0)} call-up checks/s)`);
    clock.advance(5 * 60_000 + 1000);
    const dueStarted = Date.now();
    let called = 0;
    while (called < CALL_UPS) {
      const n = await escalation.escalateDue(tenantId);
      if (n === 0) break;
      called += n;
    }
    const dueMs = Date.now() - dueStarted;
    console.log(`${called} due waves called (recipients, delivery rows, sent_at, one transaction per 20) in ${dueMs} ms: ${((called * 1000) / dueMs).toFixed(0)} waves/s`);
    console.log(`load average before ${loadBefore.toFixed(2)}, after ${os.loadavg()[0]!.toFixed(2)} (2 cores, shared with other engineers' test runs)`);
  } finally {
    await owner.end();
    await platform.close();
    await database.stop();
    await cm.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
