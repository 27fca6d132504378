/**
 * npx tsx bench/content.bench.ts
 * The member's content sync (GET /v1/me/content) on a generated tenant of realistic size:
 * 10,000 users, 200 groups, 5,000 items with mixed audiences. Measured inside the process,
 * against real (embedded) PostgreSQL, through the same use case the HTTP handler calls, each
 * call in its own unit of work as GET /v1/me/content runs it (UnitOfWork.runRawReads(): raw
 * statements on one connection, BEGIN sent with the tenant binding), with the audit entries the
 * use case writes for the people shown in contact lists:
 *  - the full per-user tree (no cursor), which also keeps a sync snapshot;
 *  - an empty delta sync (the cursor the full view handed out, nothing changed since).
 * Then the first full view after each of 50 changes of the tree (which re-reads the published tree),
 * and, for a smaller sample, where the time of a full view goes, per port call.
 * Target (issue 19): full tree p95 < 15 ms, empty delta p95 < 5 ms, first full tree after a change
 * p95 < 30 ms, with the read audit on and the load average printed.
 * Runs with the Node.js options of the image (NODE_OPTIONS in deploy/Dockerfile), starting itself
 * again with them if need be: the young generation's size decides how often a sync waits for a scavenge.
 * Not part of the test run; results are recorded by hand in bench/RESULTS.md.
 */
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { buildPlatform, openDatabase, type Database, type Platform } from '../src/composition.js';
import type { ContentDeps } from '../src/modules/content/application/deps.js';
import { GetMyContent, UserViews } from '../src/modules/content/application/member-view.js';
import { CONTENT_APP } from '../src/modules/content/module.js';
import type { UserActor } from '../src/platform/auth/actor.js';
import { loadConfig } from '../src/platform/config/config.js';
import { createLogger } from '../src/platform/logging/logger.js';
import { freePort } from '../test/helpers/free-port.js';
import { cpuSeconds, productionNodeOptions, withProductionNodeOptions } from './support.js';

export const SHAPE = {
  users: 10_000,
  groups: 200,
  contacts: 300,
  items: 5_000,
  folders: 250,
  warmUp: 200,
  sample: 1000,
  breakdownSample: 100,
  afterChangeSample: 50,
  seed: 20261124,
} as const;

/** mulberry32: small, fast and seeded, so every run generates the same tenant. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuidFrom(random: () => number): string {
  const bytes = Array.from({ length: 16 }, () => Math.floor(random() * 256));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const WORDS = 'evacuatie brand alarm verzamelplaats coördinator melding procedure bhv ontruiming stroomuitval communicatie crisisteam scenario opvang pers logboek'.split(' ');

export interface GeneratedTenant {
  tenantId: string;
  userIds: string[];
  counts: Record<string, number>;
}

/**
 * Loads one tenant as the database owner (a superuser, so RLS does not apply), one statement
 * per table: arrays generated here with a seeded PRNG, expanded in SQL with unnest.
 */
export async function generateTenant(ownerUrl: string): Promise<GeneratedTenant> {
  const random = prng(SHAPE.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const between = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const sample = <T>(list: readonly T[], n: number): T[] => {
    const chosen = new Set<T>();
    while (chosen.size < Math.min(n, list.length)) chosen.add(pick(list));
    return [...chosen];
  };
  const words = (n: number): string => Array.from({ length: n }, () => pick(WORDS)).join(' ');

  const tenantId = uuidFrom(random);
  const userIds = Array.from({ length: SHAPE.users }, () => uuidFrom(random));
  const groupIds = Array.from({ length: SHAPE.groups }, () => uuidFrom(random));
  const contactIds = Array.from({ length: SHAPE.contacts }, () => uuidFrom(random));

  // Each user in 1–3 groups.
  const members: { group: string[]; user: string[] } = { group: [], user: [] };
  for (const userId of userIds) {
    for (const groupId of sample(groupIds, between(1, 3))) {
      members.group.push(groupId);
      members.user.push(userId);
    }
  }

  // The tree: folders first (50 at the top, 120 one level down, 80 two levels down), then the
  // leaves, most under a folder and a few at the top.
  const items = {
    id: [] as string[],
    parent: [] as Array<string | null>,
    kind: [] as string[],
    title: [] as string[],
    position: [] as number[],
    status: [] as string[],
    body: [] as string[],
    everyone: [] as boolean[],
  };
  const positions = new Map<string | null, number>();
  const add = (parent: string | null, kind: string, body: unknown, published: boolean): string => {
    const id = uuidFrom(random);
    const position = positions.get(parent) ?? 0;
    positions.set(parent, position + 1);
    items.id.push(id);
    items.parent.push(parent);
    items.kind.push(kind);
    items.title.push(`${kind} ${words(between(2, 5))}`);
    items.position.push(position);
    items.status.push(published ? 'published' : 'draft');
    items.body.push(JSON.stringify(body));
    items.everyone.push(false);
    return id;
  };
  const top = Array.from({ length: 50 }, () => add(null, 'folder', { icon: 'folder' }, random() < 0.96));
  const second = Array.from({ length: 120 }, () => add(pick(top), 'folder', {}, random() < 0.96));
  const third = Array.from({ length: SHAPE.folders - 170 }, () => add(pick(second), 'folder', {}, random() < 0.96));
  const folders = [...top, ...second, ...third];
  const leafKinds = ['page', 'page', 'page', 'scenario', 'task_card', 'task_card', 'contact_list', 'document', 'link'] as const;
  for (let i = SHAPE.folders; i < SHAPE.items; i++) {
    const kind = pick(leafKinds);
    const parent = random() < 0.03 ? null : pick(folders);
    const body =
      kind === 'page'
        ? { markdown: `# ${words(3)}\n\n${Array.from({ length: between(2, 6) }, () => words(between(20, 60))).join('\n\n')}` }
        : kind === 'scenario'
          ? { description: words(between(20, 60)), escalationLevels: ['GRIP 1', 'GRIP 2'] }
          : kind === 'task_card'
            ? { role: words(2), steps: Array.from({ length: between(3, 10) }, () => words(between(4, 12))) }
            : kind === 'contact_list'
              ? {
                  entries: [
                    ...sample(contactIds, between(2, 6)).map((contactId) => ({ contactId })),
                    ...sample(userIds, between(0, 2)).map((userId) => ({ userId })),
                  ],
                }
              : kind === 'document'
                ? { fileName: `${words(2).replace(/ /g, '-')}.pdf` }
                : { url: `https://example.org/${words(2).replace(/ /g, '/')}` };
    add(parent, kind, body, random() < 0.9);
  }

  // Audiences: ~5% everyone, ~80% one to three groups, ~10% a few users, the rest nobody yet.
  const audience = { item: [] as string[], type: [] as string[], target: [] as string[] };
  items.id.forEach((id, index) => {
    const roll = random();
    const link = (type: 'group' | 'user', targets: string[]) => {
      for (const target of targets) {
        audience.item.push(id);
        audience.type.push(type);
        audience.target.push(target);
      }
    };
    if (roll < 0.05) items.everyone[index] = true;
    else if (roll < 0.85) link('group', sample(groupIds, between(1, 3)));
    else if (roll < 0.95) link('user', sample(userIds, between(1, 5)));
  });

  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    await owner.query('begin');
    await owner.query(
      `insert into tenants (id, slug, name, locale, time_zone, dpo_contact, status, suspension_reason, suspended_at, created_at, updated_at, second_factor_policy)
       values ($1, 'bench-content', 'Bench content', 'nl', 'Europe/Amsterdam', null, 'active', null, null, now(), now(), 'optional')`,
      [tenantId],
    );
    await owner.query(
      `insert into users (id, tenant_id, email, name, roles, status, activated_at, created_at, updated_at, phone, job_title)
       select u.id, $1, 'user' || u.n || '@bench.test', 'User ' || u.n, '{member}', 'active', now(), now(), now(), '+3161234' || lpad(u.n::text, 4, '0'), 'Medewerker'
         from unnest($2::uuid[]) with ordinality as u(id, n)`,
      [tenantId, userIds],
    );
    await owner.query(
      `insert into groups (id, tenant_id, name, type, description, created_at, updated_at)
       select g.id, $1, 'Group ' || g.n, (array['team', 'location', 'department'])[1 + g.n % 3], null, now(), now()
         from unnest($2::uuid[]) with ordinality as g(id, n)`,
      [tenantId, groupIds],
    );
    await owner.query(
      `insert into group_members (group_id, user_id, tenant_id, added_at)
       select m.g, m.u, $1, now() - (m.n || ' seconds')::interval
         from unnest($2::uuid[], $3::uuid[]) with ordinality as m(g, u, n)`,
      [tenantId, members.group, members.user],
    );
    await owner.query(
      `insert into contacts (id, tenant_id, name, organisation, function, phones, email, created_at, updated_at)
       select c.id, $1, 'Contact ' || c.n, 'Organisation ' || (c.n % 40), 'Functie', array['+31201234' || lpad(c.n::text, 3, '0')], 'contact' || c.n || '@example.org', now(), now()
         from unnest($2::uuid[]) with ordinality as c(id, n)`,
      [tenantId, contactIds],
    );
    await owner.query(
      `insert into content_items (id, tenant_id, parent_id, kind, title, position, status, body, everyone, version, created_at, updated_at, published_at, deleted_at)
       select i.id, $1, i.parent, i.kind, i.title, i.position, i.status, i.body::jsonb, i.everyone, 1 + i.n % 4, now(), now(),
              case when i.status = 'published' then now() end, null
         from unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::boolean[])
              with ordinality as i(id, parent, kind, title, position, status, body, everyone, n)`,
      [tenantId, items.id, items.parent, items.kind, items.title, items.position, items.status, items.body, items.everyone],
    );
    await owner.query(
      `insert into content_audience (item_id, target_type, target_id, tenant_id)
       select a.item, a.type, a.target, $1 from unnest($2::uuid[], $3::text[], $4::uuid[]) as a(item, type, target)`,
      [tenantId, audience.item, audience.type, audience.target],
    );
    await owner.query('commit');
    await owner.query('analyze');
  } catch (error) {
    await owner.query('rollback');
    throw error;
  } finally {
    await owner.end();
  }
  return {
    tenantId,
    userIds,
    counts: {
      users: userIds.length,
      groups: groupIds.length,
      memberships: members.user.length,
      contacts: contactIds.length,
      items: items.id.length,
      folders: folders.length,
      published: items.status.filter((s) => s === 'published').length,
      everyone: items.everyone.filter(Boolean).length,
      audienceLinks: audience.item.length,
    },
  };
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export function summary(timings: readonly number[]): string {
  const sorted = [...timings].sort((x, y) => x - y);
  const f = (ms: number) => `${ms.toFixed(2)} ms`;
  return `p50 ${f(percentile(sorted, 50))}, p95 ${f(percentile(sorted, 95))}, p99 ${f(percentile(sorted, 99))}, max ${f(sorted.at(-1) ?? NaN)}`;
}

/** The platform in-process on an embedded PostgreSQL in a fresh temporary folder. */
export async function startBench(): Promise<{ database: Database; platform: Platform; dataDir: string; stop: () => Promise<void> }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'crisis-bench-content-'));
  // As root, PostgreSQL runs as the postgres user, which must reach the folder.
  await chmod(dataDir, 0o755);
  let database: Database | null = null;
  try {
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(await freePort()), LOG_LEVEL: 'silent', PORT: '0', RATE_LIMIT_PER_ADDRESS: '0', RATE_LIMIT_PER_TENANT: '0', RATE_LIMIT_PER_API_KEY: '0' });
    const logger = createLogger(config.LOG_LEVEL);
    database = await openDatabase(config, logger);
    const platform = await buildPlatform(config, database, logger);
    const opened = database;
    return {
      database,
      platform,
      dataDir,
      stop: async () => {
        await platform.close();
        await opened.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await database?.stop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** User plus system CPU seconds of the embedded PostgreSQL (every postgres process under this one), from /proc. */
async function postgresCpuSeconds(): Promise<number> {
  const under = async (pid: number, inPostgres: boolean): Promise<number> => {
    const children = (await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '')).split(' ').filter(Boolean).map(Number);
    const name = (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '')).trim();
    const own = inPostgres || name === 'postgres' ? await cpuSeconds(pid).catch(() => 0) : 0;
    let total = own;
    for (const child of children) total += await under(child, inPostgres || name === 'postgres');
    return total;
  };
  return under(process.pid, false);
}

/** Wraps every method of a port so that its time is added to `into[label.method]`. */
function timed<T extends object>(label: string, target: T, into: () => Map<string, number>): T {
  return new Proxy(target, {
    get(object, key, receiver) {
      const value: unknown = Reflect.get(object, key, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const started = performance.now();
        try {
          const method = value as (...a: unknown[]) => Promise<unknown>;
          return await method.apply(object, args);
        } finally {
          const name = `${label}.${String(key)}`;
          into().set(name, (into().get(name) ?? 0) + performance.now() - started);
        }
      };
    },
  });
}

async function main(): Promise<void> {
  const rows: Array<[string, string]> = [];
  // Two cores shared by this process and PostgreSQL: anything else running skews the figures.
  const loadBefore = os.loadavg()[0]!;
  const bench = await startBench();
  try {
    const { platform, database } = bench;
    let started = performance.now();
    const tenant = await generateTenant(database.ownerUrl);
    rows.push(['generated tenant', Object.entries(tenant.counts).map(([k, v]) => `${k} ${v}`).join(', ')]);
    rows.push(['generation + ANALYZE', `${(performance.now() - started).toFixed(0)} ms`]);
    const [server] = await platform.uow.run(null, () => platform.uow.em().execute<Array<{ server_version: string }>>('show server_version'));
    rows.push(['PostgreSQL (embedded)', server?.server_version ?? '?']);

    // The use case exactly as src/modules/content/module.ts builds it for the router.
    const deps = platform.container.get<ContentDeps>(CONTENT_APP.Deps);
    const views = platform.container.get<UserViews>(CONTENT_APP.UserViews);
    const getMyContent = new GetMyContent(deps, views);
    const { tenantId } = tenant;
    // The use case writes a personal_data.read entry per person shown in the contact lists sent,
    // with the request's commit.
    const actorFor = (userId: string): UserActor => ({
      tenantId,
      actorType: 'user',
      actorId: userId,
      userId,
      sessionId: 'bench',
      roles: ['member'],
      permissions: new Set(),
      clientAddress: '127.0.0.1',
      userAgent: 'bench',
    });
    // The route opts in to raw statements (rawStatements: true), so a member's request runs in runRawReads().
    const sync = (use: GetMyContent, userId: string, since?: string) =>
      platform.uow.runRawReads(tenantId, () => use.execute({ actor: actorFor(userId), ...(since === undefined ? {} : { since }) }));

    const random = prng(SHAPE.seed + 1);
    const order = [...tenant.userIds];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const warmUsers = order.slice(0, SHAPE.warmUp);
    const users = order.slice(SHAPE.warmUp, SHAPE.warmUp + SHAPE.sample);
    for (const userId of warmUsers) {
      const full = await sync(getMyContent, userId);
      if (full.ok && !full.value.notModified) await sync(getMyContent, userId, full.value.body.cursor);
    }
    // The warm-up wrote the first snapshots and read-audit entries. In production autovacuum's
    // ANALYZE follows a table's growth within a minute; with the statistics of the empty tables the
    // planner read every snapshot of the tenant to find one user's (a cost that grew with the run).
    const analyst = new pg.Client({ connectionString: database.ownerUrl });
    await analyst.connect();
    try {
      await analyst.query('analyze content_sync_snapshots, audit_events');
    } finally {
      await analyst.end();
    }

    const fullTimes: number[] = [];
    const deltaTimes: number[] = [];
    const sizes: number[] = [];
    // CPU as well as time: on a busy machine a sync waits for the cores, but uses as much CPU as on a quiet one.
    const cpu = { full: 0, delta: 0, database: -(await postgresCpuSeconds()) };
    const cpuOf = (since: NodeJS.CpuUsage): number => {
      const used = process.cpuUsage(since);
      return (used.user + used.system) / 1000;
    };
    for (const userId of users) {
      started = performance.now();
      let cpuStart = process.cpuUsage();
      const full = await sync(getMyContent, userId);
      fullTimes.push(performance.now() - started);
      cpu.full += cpuOf(cpuStart);
      if (!full.ok || full.value.notModified || !full.value.body.full) throw new Error(`no full view for ${userId}`);
      sizes.push(full.value.body.items.length);

      started = performance.now();
      cpuStart = process.cpuUsage();
      const delta = await sync(getMyContent, userId, full.value.body.cursor);
      deltaTimes.push(performance.now() - started);
      cpu.delta += cpuOf(cpuStart);
      if (!delta.ok || delta.value.notModified || delta.value.body.full || delta.value.body.items.length + delta.value.body.updated.length + delta.value.body.removed.length > 0) {
        throw new Error(`the delta of ${userId} is not empty`);
      }
    }
    const sortedSizes = [...sizes].sort((x, y) => x - y);
    rows.push([`full tree (${users.length} users, ${SHAPE.warmUp} warm-up)`, summary(fullTimes)]);
    rows.push(['empty delta sync (cursor of the full tree)', summary(deltaTimes)]);
    cpu.database += await postgresCpuSeconds();
    rows.push([
      'CPU per sync (this process; PostgreSQL per full + delta)',
      `full tree ${(cpu.full / users.length).toFixed(2)} ms, empty delta ${(cpu.delta / users.length).toFixed(2)} ms; PostgreSQL ${((cpu.database * 1000) / users.length).toFixed(2)} ms`,
    ]);
    rows.push([
      'view size (items per user)',
      `avg ${(sizes.reduce((x, y) => x + y, 0) / sizes.length).toFixed(0)}, min ${sortedSizes[0]}, p50 ${percentile(sortedSizes, 50)}, max ${sortedSizes.at(-1)}`,
    ]);

    // The first view after a change of the tree: the process reads and parses the tenant's
    // published tree again (once per change; every later view until the next change is warm).
    const owner = new pg.Client({ connectionString: database.ownerUrl });
    await owner.connect();
    const afterChange: number[] = [];
    try {
      for (const userId of users.slice(0, SHAPE.afterChangeSample)) {
        await owner.query(`update content_items set version = version + 1 where tenant_id = $1 and id = (select id from content_items where tenant_id = $1 order by random() limit 1)`, [tenantId]);
        started = performance.now();
        await sync(getMyContent, userId);
        afterChange.push(performance.now() - started);
      }
    } finally {
      await owner.end();
    }
    rows.push([`full tree, first after a change of the tree (${afterChange.length} changes)`, summary(afterChange)]);

    // Where the time of a full view goes: the same use case, its ports wrapped with timers.
    let current = new Map<string, number>();
    const now = () => current;
    const timedDeps: ContentDeps = {
      ...deps,
      items: timed('items', deps.items, now),
      contacts: timed('contacts', deps.contacts, now),
      snapshots: timed('snapshots', deps.snapshots, now),
      people: timed('people', deps.people, now),
    };
    const timedUse = new GetMyContent(timedDeps, new UserViews(timedDeps));
    const parts = new Map<string, number[]>();
    const emptyUnit: number[] = [];
    for (const userId of users.slice(0, SHAPE.breakdownSample)) {
      started = performance.now();
      // The request's first round trip without its gates' reads: BEGIN, the binding, then COMMIT.
      await platform.uow.runRawReads(tenantId, () => platform.uow.bound());
      emptyUnit.push(performance.now() - started);
      current = new Map();
      started = performance.now();
      await platform.uow.runRawReads(tenantId, () => timedUse.execute({ actor: actorFor(userId) }));
      const total = performance.now() - started;
      const inPorts = [...current.values()].reduce((x, y) => x + y, 0);
      current.set('rest: begin, resolving the view, hash, commit with snapshot and read audit', total - inPorts);
      for (const [name, ms] of current) parts.set(name, [...(parts.get(name) ?? []), ms]);
    }
    rows.push([`breakdown of a full tree (${SHAPE.breakdownSample} users), per port call`, '']);
    rows.push(['  empty unit of work (begin, set_config, commit)', summary(emptyUnit)]);
    for (const [name, times] of parts) rows.push([`  ${name}`, summary(times)]);
  } finally {
    await bench.stop();
  }

  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
  console.log(`date: ${new Date().toISOString()}`);
  console.log(`load average (1 min): ${loadBefore.toFixed(2)} before, ${os.loadavg()[0]!.toFixed(2)} after`);
  console.log(`node options (as deploy/Dockerfile): ${productionNodeOptions()}`);
  for (const [what, figure] of rows) console.log(`${what.padEnd(62)} ${figure}`);
}

// Run as a script; imported (by a one-off investigation), only the helpers above are used.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href && (await withProductionNodeOptions())) await main();
