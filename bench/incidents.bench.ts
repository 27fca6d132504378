/**
 * npm run bench:incidents
 * The log tool under load, through real HTTP against a started app on embedded PostgreSQL:
 *  1. live feed throughput: SUBSCRIBERS coordinators follow one incident's SSE stream while
 *     POSTERS members post ENTRIES log entries as fast as the API takes them; measured: entries
 *     per second posted, entries per second every subscriber received (end to end), and the delay
 *     from a post's answer to its arrival at the subscribers (p50/p95/p99). Once in one process
 *     (in-process fan-out), once across two api processes through a real redis-server (posted
 *     through one, followed on the other), when redis-server is installed.
 *  2. report time for an incident of REPORT_ENTRIES entries (with actions and overview): JSON and
 *     PDF, REPORT_RUNS each, p50 and max, with the PDF's size.
 *  3. the log chain: GET /log/verification of a VERIFY_ENTRIES-entry log (seeded as a valid chain
 *     straight into PostgreSQL), VERIFY_RUNS times, p50 and max; and what chaining adds to a post
 *     (canonical JSON + SHA-256 per link, timed over VERIFY_ENTRIES links) against the mean time of
 *     a post (CHAIN_POSTS posts by POSTERS members side by side, in the same run) — the write rate
 *     with chaining is part 1's "posted" figure, to compare with the figures recorded before the
 *     chain in bench/RESULTS.md. BENCH_ONLY=chain runs this part alone (a few minutes), BENCH_ONLY=feed
 *     part 1 alone.
 * Not part of the test run; results are recorded by hand in bench/RESULTS.md.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../src/composition.js';
import type { CreateOperator } from '../src/modules/users/application/create-operator.js';
import { USERS_APP } from '../src/modules/users/application/tokens.js';
import type { Invitations } from '../src/modules/users/application/invitations.js';
import { loadConfig } from '../src/platform/config/config.js';
import { createLogger } from '../src/platform/logging/logger.js';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { linkHash } from '../src/modules/incidents/application/chain-hash.js';
import { LogEntry } from '../src/modules/incidents/domain/log-entry.js';
import { freePort } from '../test/helpers/free-port.js';
import { RecordingMailer } from '../test/helpers/recording-mailer.js';
import { startRedis } from '../test/helpers/redis-server.js';
import { openSse, type SseStream } from '../test/helpers/sse.js';
import { json, percentile, startApp, stopApp, type InProcessApp } from './support.js';

const SHAPE = { SUBSCRIBERS: 5, POSTERS: 8, ENTRIES: 2_000, REPORT_ENTRIES: 2_000, REPORT_ACTIONS: 100, REPORT_RUNS: 5, VERIFY_ENTRIES: 10_000, VERIFY_RUNS: 5, CHAIN_POSTS: 400 } as const;
const PASSWORD = 'ijsvogel-over-de-Linge-2026';

type App = InProcessApp;

const ms = (n: number) => `${n.toFixed(1)} ms`;

/** A tenant with an admin, POSTERS members and SUBSCRIBERS coordinators, all signed in. */
async function tenantWithPeople(app: App, mailer: RecordingMailer): Promise<{ tenantId: string; admin: string; members: Array<{ id: string; token: string }>; coordinators: string[] }> {
  const operatorEmail = `operator-${Date.now()}@bench.test`;
  await app.platform.uow.run(null, async () => {
    const created = await app.platform.container.get<CreateOperator>(USERS_APP.CreateOperator).execute({ email: operatorEmail, name: 'Bench', password: PASSWORD });
    if (!created.ok) throw created.error;
  });
  const operator = (await json(app.url, 'POST', '/v1/platform/auth/login', { email: operatorEmail, password: PASSWORD })).accessToken as string;
  const slug = `bench-${Date.now()}`;
  const tenant = await json(app.url, 'POST', '/v1/platform/tenants', { name: 'Bench Zorg', slug, locale: 'nl-NL', timeZone: 'Europe/Amsterdam', firstAdmin: { name: 'Beheerder', email: `admin@${slug}.test` } }, operator);
  const activate = async (email: string) => {
    await json(app.url, 'POST', '/v1/auth/activate', { token: mailer.activationTokenFor(email), password: PASSWORD });
    return (await json(app.url, 'POST', '/v1/auth/login', { tenant: slug, email, password: PASSWORD })).accessToken as string;
  };
  const admin = await activate(`admin@${slug}.test`);
  const invite = async (roles: Array<'member' | 'coordinator'>, i: number) => {
    const email = `${roles[0]}-${i}@${slug}.test`;
    const id = await app.platform.uow.run(tenant.id as string, async () => {
      const invited = await app.platform.container.get<Invitations>(USERS_APP.Invitations).invite({ tenantId: tenant.id as string, email, name: `${roles[0]} ${i}`, roles });
      if (!invited.ok) throw invited.error;
      return invited.value.id;
    });
    return { id, token: await activate(email) };
  };
  const members = [];
  for (let i = 0; i < SHAPE.POSTERS; i++) members.push(await invite(['member'], i));
  const coordinators = [];
  for (let i = 0; i < SHAPE.SUBSCRIBERS; i++) coordinators.push((await invite(['coordinator'], i)).token);
  return { tenantId: tenant.id as string, admin, members, coordinators };
}

async function feedThroughput(label: string, postTo: App, followOn: App, people: Awaited<ReturnType<typeof tenantWithPeople>>): Promise<string> {
  const incident = await json(postTo.url, 'POST', '/v1/incidents', { title: `Doorvoer ${label}`, type: 'general', severity: 'major', users: people.members.map((m) => ({ userId: m.id })) }, people.admin);
  const streams: SseStream[] = [];
  for (const token of people.coordinators) streams.push(await openSse(`${followOn.url}/v1/incidents/${incident.id}/stream`, token));
  await new Promise((resolve) => setTimeout(resolve, 300));
  // Each entry's text carries its number, so its arrival is matched to the moment its post was sent.
  const sentAt = new Map<string, number>();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    people.members.map(async (member) => {
      while (next < SHAPE.ENTRIES) {
        const text = `Waarneming ${++next}: situatie ongewijzigd, team ter plaatse.`;
        sentAt.set(text, performance.now());
        await json(postTo.url, 'POST', `/v1/incidents/${incident.id}/entries`, { text }, member.token);
      }
    }),
  );
  const posted = performance.now();
  for (const s of streams) await s.waitFor(SHAPE.ENTRIES, 120_000);
  const received = Math.max(...streams.map((s) => s.events.at(-1)!.at));
  const arrivals: number[] = [];
  for (const s of streams) {
    const ids = s.events.map((e) => Number(e.id));
    if (ids.some((id, i) => id !== i + 1)) throw new Error('a stream lost or reordered entries');
    for (const event of s.events) arrivals.push(event.at - sentAt.get(event.data.text as string)!);
    s.close();
  }
  const postSeconds = (posted - started) / 1000;
  const allSeconds = (received - started) / 1000;
  return `| ${label} | ${SHAPE.ENTRIES} entries, ${SHAPE.POSTERS} posters, ${SHAPE.SUBSCRIBERS} subscribers | ${(SHAPE.ENTRIES / postSeconds).toFixed(0)} entries/s posted | ${(SHAPE.ENTRIES / allSeconds).toFixed(0)} entries/s delivered to every subscriber (${(SHAPE.ENTRIES * SHAPE.SUBSCRIBERS / allSeconds).toFixed(0)} events/s) | post sent → arrival p50 ${ms(percentile(arrivals, 50))}, p95 ${ms(percentile(arrivals, 95))}, p99 ${ms(percentile(arrivals, 99))} |`;
}

async function reportTimes(app: App, people: Awaited<ReturnType<typeof tenantWithPeople>>): Promise<string[]> {
  const incident = await json(app.url, 'POST', '/v1/incidents', { title: 'Rapport van 2.000 berichten', type: 'general', severity: 'critical', exercise: true, users: people.members.map((m) => ({ userId: m.id })) }, people.admin);
  let next = 0;
  await Promise.all(
    people.members.map(async (member) => {
      while (next < SHAPE.REPORT_ENTRIES) {
        const n = ++next;
        const entry = await json(app.url, 'POST', `/v1/incidents/${incident.id}/entries`, { text: `Bericht ${n}: ${'ontruiming verloopt volgens plan, verzamelplaats bereikt. '.repeat(1 + (n % 3))}` }, member.token);
        if (n % 20 === 0) await json(app.url, 'PUT', `/v1/incidents/${incident.id}/entries/${entry.id}/highlight`, { important: true, summary: `Samenvatting ${n}` }, people.admin);
        if (n % 20 === 0 && n / 20 <= SHAPE.REPORT_ACTIONS) {
          const action = await json(app.url, 'POST', `/v1/incidents/${incident.id}/actions`, { title: `Actie ${n}`, assignee: { userId: member.id } }, member.token);
          await json(app.url, 'PATCH', `/v1/incidents/${incident.id}/actions/${action.id}`, { status: 'done' }, member.token);
        }
      }
    }),
  );
  await json(app.url, 'POST', `/v1/incidents/${incident.id}/close`, undefined, people.admin);
  const time = async (format: 'json' | 'pdf') => {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < SHAPE.REPORT_RUNS; i++) {
      const t0 = performance.now();
      const response = await fetch(`${app.url}/v1/incidents/${incident.id}/report?format=${format}`, { headers: { authorization: `Bearer ${people.admin}` } });
      bytes = (await response.arrayBuffer()).byteLength;
      if (!response.ok) throw new Error(`report ${format}: ${response.status}`);
      times.push(performance.now() - t0);
    }
    return `| report ${format.toUpperCase()}, ${SHAPE.REPORT_ENTRIES} entries, ${SHAPE.REPORT_ENTRIES / 20} overview, ${SHAPE.REPORT_ACTIONS} actions | p50 ${ms(percentile(times, 50))}, max ${ms(Math.max(...times))} (${SHAPE.REPORT_RUNS} runs) | ${(bytes / 1024).toFixed(0)} KiB |`;
  };
  // Catch-up: a subscriber reconnecting from the start gets the whole log streamed from the database.
  const catchUps: number[] = [];
  for (let i = 0; i < SHAPE.REPORT_RUNS; i++) {
    const t0 = performance.now();
    const stream = await openSse(`${app.url}/v1/incidents/${incident.id}/stream?follow=false`, people.admin, { 'last-event-id': '0' });
    const events = await stream.waitFor(SHAPE.REPORT_ENTRIES, 60_000);
    catchUps.push(events.at(-1)!.at - t0);
    stream.close();
  }
  const catchUp = percentile(catchUps, 50);
  const changes = SHAPE.REPORT_ENTRIES;
  return [
    await time('json'),
    await time('pdf'),
    `| SSE catch-up from Last-Event-ID 0: ${changes} entries | p50 ${ms(catchUp)} (${(changes / (catchUp / 1000)).toFixed(0)} entries/s to one subscriber) | |`,
  ];
}

async function chainFigures(app: App, database: Database, people: Awaited<ReturnType<typeof tenantWithPeople>>): Promise<string[]> {
  const posting = await json(app.url, 'POST', '/v1/incidents', { title: 'Schrijfsnelheid met keten', type: 'general', severity: 'major', users: people.members.map((m) => ({ userId: m.id })) }, people.admin);
  let next = 0;
  const postsStarted = performance.now();
  await Promise.all(
    people.members.map(async (member) => {
      while (next < SHAPE.CHAIN_POSTS) await json(app.url, 'POST', `/v1/incidents/${posting.id}/entries`, { text: `Waarneming ${++next}: situatie ongewijzigd, team ter plaatse.` }, member.token);
    }),
  );
  const postSeconds = (performance.now() - postsStarted) / 1000;
  // Posters run side by side: one post's wall time is the run's time per post times the posters.
  const post = (postSeconds * 1000 * SHAPE.POSTERS) / SHAPE.CHAIN_POSTS;
  const incident = await json(app.url, 'POST', '/v1/incidents', { title: 'Keten van 10.000 berichten', type: 'general', severity: 'major', users: people.members.map((m) => ({ userId: m.id })) }, people.admin);
  const owner = new pg.Client({ connectionString: database.ownerUrl });
  await owner.connect();
  let prev: string | null = null;
  const start = Date.now() - SHAPE.VERIFY_ENTRIES * 1000;
  const hashTimes: number[] = [];
  try {
    await owner.query('begin');
    await owner.query(`select set_config('app.tenant_id', $1, true)`, [people.tenantId]);
    for (let batch = 0; batch < SHAPE.VERIFY_ENTRIES / 500; batch++) {
      const values: unknown[] = [];
      const rows: string[] = [];
      for (let i = 0; i < 500; i++) {
        const seq = batch * 500 + i + 1;
        const author = people.members[seq % people.members.length]!;
        const entry = Object.assign(Object.create(LogEntry.prototype) as LogEntry, {
          incidentId: incident.id, id: randomUUID(), seq, authorId: author.id, createdAt: new Date(start + seq * 1000),
          text: `Waarneming ${seq}: ${'situatie ongewijzigd, team ter plaatse. '.repeat(1 + (seq % 3))}`, media: [], classification: null, labels: [], correctsId: null, authorTeamId: null, authorRole: 'member', prevHash: prev,
        });
        const t0 = performance.now();
        const hash = linkHash(entry.link());
        hashTimes.push(performance.now() - t0);
        prev = hash;
        const o = values.length;
        rows.push(`($${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 4}, $${o + 5}, 'Bench', null, null, 'member', $${o + 6}, '[]', false, null, '{}', null, false, null, null, null, $${o + 7}, $${o + 8}, $${o + 9})`);
        values.push(entry.id, people.tenantId, incident.id, seq, author.id, entry.text, entry.createdAt, entry.prevHash, hash);
      }
      await owner.query(
        `insert into incident_log_entries (id, tenant_id, incident_id, seq, change_seq, author_id, author_name, author_team_id, author_team_name, author_role, text, media, has_media, classification, labels, corrects_id, important, summary, marked_by, marked_at, created_at, prev_hash, hash) values ${rows.join(', ')}`,
        values,
      );
    }
    await owner.query('update incidents set last_seq = $1, chain_head = $2 where tenant_id = $3 and id = $4', [SHAPE.VERIFY_ENTRIES, prev, people.tenantId, incident.id]);
    await owner.query('commit');
  } finally {
    await owner.end();
  }
  const times: number[] = [];
  for (let i = 0; i < SHAPE.VERIFY_RUNS; i++) {
    const t0 = performance.now();
    const verdict = await json(app.url, 'GET', `/v1/incidents/${incident.id}/log/verification`, undefined, people.admin);
    times.push(performance.now() - t0);
    if (!verdict.valid || verdict.links !== SHAPE.VERIFY_ENTRIES) throw new Error(`verification: ${JSON.stringify(verdict)}`);
  }
  const perLink = hashTimes.reduce((a, b) => a + b, 0) / hashTimes.length;
  return [
    `| write rate with chaining, ${SHAPE.CHAIN_POSTS} entries, ${SHAPE.POSTERS} posters | ${(SHAPE.CHAIN_POSTS / postSeconds).toFixed(0)} entries/s posted, ${ms(post)} per post |`,
    `| GET /log/verification, ${SHAPE.VERIFY_ENTRIES} entries | p50 ${ms(percentile(times, 50))}, max ${ms(Math.max(...times))} (${SHAPE.VERIFY_RUNS} runs) |`,
    `| chaining per post (canonical JSON + SHA-256), ${SHAPE.VERIFY_ENTRIES} links | mean ${(perLink * 1000).toFixed(1)} µs = ${((perLink / post) * 100).toFixed(2)} % of a post's ${ms(post)} (above); the new chain head is written in the same statement as the entry |`,
  ];
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'crisis-bench-incidents-'));
  await chmod(dataDir, 0o755);
  const logger = createLogger('warn');
  const mailer = new RecordingMailer();
  // Tokens outlive a slow run on a busy machine (a run can take longer than the default 15 minutes).
  const base = { NODE_ENV: 'test', DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(await freePort()), LOG_LEVEL: 'silent', PORT: '0', DATABASE_POOL_MAX: '20', ACCESS_TOKEN_TTL_SECONDS: '7200', RATE_LIMIT_PER_ADDRESS: '0', RATE_LIMIT_PER_TENANT: '0', RATE_LIMIT_PER_API_KEY: '0' };
  const only = process.env.BENCH_ONLY;
  let database: Database | null = null;
  const apps: App[] = [];
  let stopRedis: (() => Promise<void>) | null = null;
  try {
    database = await openDatabase(loadConfig(base), logger);
    const app = await startApp(loadConfig(base), database, { mailer });
    apps.push(app);
    const people = await tenantWithPeople(app, mailer);
    if (only === 'chain') {
      console.log('\n| log chain | figure |\n| --- | --- |');
      for (const row of await chainFigures(app, database, people)) console.log(row);
      return;
    }
    const rows = [await feedThroughput('one process, in-process fan-out', app, app, people)];
    try {
      const redis = await startRedis();
      stopRedis = () => redis.stop();
      const withRedis = loadConfig({ ...base, REDIS_URL: redis.url });
      const poster = await startApp(withRedis, database, { mailer });
      const follower = await startApp(withRedis, database, { mailer });
      apps.push(poster, follower);
      rows.push(await feedThroughput('two processes, Redis pub/sub', poster, follower, people));
    } catch (error) {
      rows.push(`| two processes, Redis pub/sub | skipped: ${(error as Error).message} | | | |`);
    }
    console.log('\n| setting | load | posted | delivered | delay |\n| --- | --- | --- | --- | --- |');
    for (const row of rows) console.log(row);
    if (only === 'feed') return;
    console.log('\n| report | time | size |\n| --- | --- | --- |');
    for (const row of await reportTimes(app, people)) console.log(row);
    console.log('\n| log chain | figure |\n| --- | --- |');
    for (const row of await chainFigures(app, database, people)) console.log(row);
  } finally {
    for (const app of apps) await stopApp(app);
    await stopRedis?.();
    await database?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
