import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { eventually } from '../helpers/eventually.js';
import { onboardTenant, type OnboardedTenant } from '../helpers/fixtures.js';
import { freePort } from '../helpers/free-port.js';
import { startRedis, type TestRedis } from '../helpers/redis-server.js';
import { env } from '../helpers/test-env.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Reply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/**
 * One request on a connection of its own: the cluster hands each new connection to the next
 * process, so consecutive requests land on both. The request id finds the request's log line.
 */
function request(base: string, method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string>; id?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.id) headers['x-request-id'] = options.id;
    if (payload) headers['content-type'] = 'application/json';
    const req = http.request(`${base}${path}`, { method, headers, agent: false }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text && /json/.test(res.headers['content-type'] ?? '') ? JSON.parse(text) : text }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

describe('the api as several processes on one machine (API_PROCESSES=2, node:cluster)', function () {
  this.timeout(180_000);
  let redis: TestRedis;
  let child: ChildProcess;
  const log: string[] = [];
  let base = '';
  let metrics = '';
  let tenant: OnboardedTenant;

  /** The pid of the process that logged the request with this id. */
  const servedBy = (id: string): Promise<number> =>
    eventually(`the log line of request ${id}`, () => {
      for (const line of log.join('').split('\n')) {
        if (!line.includes(id)) continue;
        const entry = JSON.parse(line) as { pid: number; req?: { id?: string } };
        if (entry.req?.id === id) return entry.pid;
      }
      return null;
    });

  before(async () => {
    redis = await startRedis();
    tenant = await onboardTenant('Twee Processen');
    const { database, dataDir } = env();
    const port = await freePort();
    const metricsPort = await freePort();
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'api'], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NODE_ENV: 'test',
        API_PROCESSES: '2',
        REDIS_URL: redis.url,
        // The suite's database and secrets: its fixtures' tokens hold here too.
        DATABASE_URL: database.ownerUrl,
        DATABASE_APP_PASSWORD: decodeURIComponent(new URL(database.appUrl).password),
        JWT_SECRET: database.jwtSecret,
        SECRETS_ENCRYPTION_KEY: database.encryptionKey,
        MIGRATE_ON_START: 'false',
        DATA_DIR: dataDir,
        HOST: '127.0.0.1',
        PORT: String(port),
        METRICS_PORT: String(metricsPort),
        LOG_LEVEL: 'info',
        LOG_FORMAT: 'json',
        TRUST_PROXY: 'loopback',
        RATE_LIMIT_PER_ADDRESS: '8',
        RATE_LIMIT_PER_TENANT: '0',
        RATE_LIMIT_PER_API_KEY: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => log.push(chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => log.push(chunk.toString()));
    base = `http://127.0.0.1:${port}`;
    metrics = `http://127.0.0.1:${metricsPort}`;
    await eventually(
      'both api processes listening',
      async () => {
        if (child.exitCode !== null) throw new Error(`the api stopped at start:\n${log.join('')}`);
        return log.join('').includes('with 2 processes') && (await fetch(`${metrics}/health/ready`).catch(() => null))?.ok;
      },
      150_000,
      200,
    );
  });

  after(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    await redis?.stop();
  });

  it('counts one address’s request budget across both processes', async () => {
    const from = { 'x-forwarded-for': '198.51.100.77' };
    const replies: Array<{ status: number; pid: number }> = [];
    for (let i = 0; i < 12; i += 1) {
      const id = `budget-${randomUUID()}`;
      const reply = await request(base, 'GET', '/v1/tenant', { headers: from, id });
      replies.push({ status: reply.status, pid: await servedBy(id) });
    }
    expect(new Set(replies.map((reply) => reply.pid)).size, 'served by both processes').to.equal(2);
    expect(replies.map((reply) => reply.status)).to.deep.equal([...Array<number>(8).fill(401), ...Array<number>(4).fill(429)]);
  });

  it('delivers an entry posted through one process to a live feed held open on the other', async () => {
    const setup = {
      types: [{ key: 'brand', name: 'Brand' }],
      roles: [{ key: 'adviseur', name: 'Adviseur', default: true }],
      locations: [],
      classifications: [{ key: 'waarneming', name: 'Waarneming' }],
      labels: [],
      allowMemberActivation: false,
      memberVisibility: 'all',
    };
    // Each from an address of its own, so the small budget of the test above does not refuse them.
    const as = (n: number) => ({ 'x-forwarded-for': `198.51.100.${100 + n}` });
    expect((await request(base, 'PUT', '/v1/incident-setup', { token: tenant.adminToken, body: setup, headers: as(0) })).status).to.equal(200);
    const incident = await request(base, 'POST', '/v1/incidents', { token: tenant.adminToken, body: { title: 'Twee processen', type: 'brand', severity: 'minor', exercise: true, teams: [] }, headers: as(1) });
    expect(incident.status, JSON.stringify(incident.body)).to.equal(201);

    const streamId = `stream-${randomUUID()}`;
    const abort = new AbortController();
    let feed = '';
    const response = await fetch(`${base}/v1/incidents/${incident.body.id as string}/stream`, {
      headers: { authorization: `Bearer ${tenant.adminToken}`, accept: 'text/event-stream', 'x-request-id': streamId, ...as(2) },
      signal: abort.signal,
    });
    expect(response.status).to.equal(200);
    const reading = (async () => {
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        feed += value;
      }
    })().catch(() => undefined);
    await eventually('the feed connected', () => feed.includes(': connected'));

    const posts: Array<{ entryId: string; pid: number }> = [];
    for (let i = 0; i < 4; i += 1) {
      const id = `entry-${randomUUID()}`;
      const entry = await request(base, 'POST', `/v1/incidents/${incident.body.id as string}/entries`, {
        token: tenant.adminToken,
        body: { text: `Waarneming ${i + 1}`, classification: 'waarneming' },
        headers: as(3 + i),
        id,
      });
      expect(entry.status, JSON.stringify(entry.body)).to.equal(201);
      posts.push({ entryId: entry.body.id as string, pid: await servedBy(id) });
    }
    for (const post of posts) await eventually(`entry ${post.entryId} on the feed`, () => feed.includes(post.entryId));
    abort.abort();
    await reading;
    // The stream's log line is written when it ends.
    const streamPid = await servedBy(streamId);
    const elsewhere = posts.filter((post) => post.pid !== streamPid);
    expect(elsewhere.length, `posts on the other process than the stream's (${streamPid}): ${JSON.stringify(posts)}`).to.be.greaterThan(0);
  });

  it('keeps the log chain whole when both processes post to one incident at once, retries included', async () => {
    // Each request from an address of its own (TEST-NET-3), beyond the small budget of the test above.
    let address = 0;
    const from = () => ({ 'x-forwarded-for': `203.0.113.${++address}` });
    const setup = { types: [{ key: 'brand', name: 'Brand' }], roles: [{ key: 'adviseur', name: 'Adviseur', default: true }], locations: [], classifications: [], labels: [], allowMemberActivation: false, memberVisibility: 'all' };
    expect((await request(base, 'PUT', '/v1/incident-setup', { token: tenant.adminToken, body: setup, headers: from() })).status).to.equal(200);
    const incident = await request(base, 'POST', '/v1/incidents', { token: tenant.adminToken, body: { title: 'Gelijktijdig', type: 'brand', severity: 'minor', exercise: true, teams: [] }, headers: from() });
    expect(incident.status, JSON.stringify(incident.body)).to.equal(201);
    const entries = `/v1/incidents/${incident.body.id as string}/entries`;

    // Plain posts, posts with a device's client id and posts with an Idempotency-Key, each of the
    // latter two sent twice at the same moment (a retry racing its first attempt).
    const clientIds = Array.from({ length: 4 }, () => randomUUID());
    const keys = Array.from({ length: 4 }, () => randomUUID());
    const post = async (body: Record<string, unknown>, headers: Record<string, string> = {}) => {
      const id = `post-${randomUUID()}`;
      const reply = await request(base, 'POST', entries, { token: tenant.adminToken, body, headers: { ...from(), ...headers }, id });
      return { ...reply, pid: await servedBy(id) };
    };
    const replies = await Promise.all([
      ...Array.from({ length: 24 }, (_, i) => post({ text: `Waarneming ${i + 1}` })),
      ...clientIds.flatMap((clientId) => [post({ text: `Vanaf een toestel ${clientId}`, clientId }), post({ text: `Vanaf een toestel ${clientId}`, clientId })]),
      ...keys.flatMap((key) => [post({ text: `Met een sleutel ${key}` }, { 'idempotency-key': key }), post({ text: `Met een sleutel ${key}` }, { 'idempotency-key': key })]),
    ]);
    // A retry is answered with the first post (200), or told its first attempt is still running (409).
    for (const reply of replies) expect([200, 201, 409], JSON.stringify(reply.body)).to.include(reply.status);
    expect(new Set(replies.map((reply) => reply.pid)).size, 'posts served by both processes').to.equal(2);

    const listed = await request(base, 'GET', `${entries}?limit=200`, { token: tenant.adminToken, headers: from() });
    expect(listed.status).to.equal(200);
    const items = listed.body.items as Array<{ id: string; seq: number; text: string }>;
    // Every post once: the plain ones, one per client id, one per key.
    expect(items.length).to.equal(24 + clientIds.length + keys.length);
    expect(items.map((item) => item.seq)).to.deep.equal(items.map((_, i) => i + 1));
    for (const reply of replies.filter((r) => r.status !== 409)) expect(items.map((item) => item.id)).to.include(reply.body.id);

    const verdict = await request(base, 'GET', `/v1/incidents/${incident.body.id as string}/log/verification`, { token: tenant.adminToken, headers: from() });
    expect(verdict.status).to.equal(200);
    expect(verdict.body).to.include({ valid: true, links: items.length });
  });

  it('ends on SIGTERM: both processes stop, the primary exits 0 within SHUTDOWN_TIMEOUT_SECONDS', async () => {
    const from = Date.now();
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const code = await exited;
    const stopped = log.join('').split('\n').filter((line) => line.includes('"msg":"stopped"'));
    expect(code, log.join('').slice(-3000)).to.equal(0);
    expect(Date.now() - from).to.be.below(25_000);
    expect(new Set(stopped.map((line) => (JSON.parse(line) as { pid: number }).pid)).size, 'primary and both processes logged their stop').to.equal(3);
  });
});
