import { expect } from 'chai';
import fc from 'fast-check';
import { TenantFingerprints } from '../helpers/database-search.js';
import { onboardTenant, operatorToken, signIn, type OnboardedTenant } from '../helpers/fixtures.js';
import { badValuesFor, bodyWith, exampleBody, queryWith, targetsOf, type BadValue, type Target } from '../helpers/fuzz.js';
import { operationFixtures, type PreparedCall } from '../helpers/operation-fixtures.js';
import { smallPhonePhoto } from '../helpers/phone-photo.js';
import { specOperations, type SpecOperation } from '../helpers/spec-operations.js';
import { env } from '../helpers/test-env.js';

/**
 * The spec-driven fuzzer: every operation of the contract, called by its rightful caller (the
 * tenant's admin; the operator for platform operations) with one input at a time replaced by a
 * bad value. No answer may be a 5xx, every error is problem+json, a value the contract rules out
 * is refused, the process answers a normal request after each operation, and a refused write
 * leaves the tenant's stored data exactly as it was.
 *
 * Seeded and bounded: `npm test` sends NUL and 1e309 into every input plus FUZZ_RUNS (default 2)
 * more values per input drawn from the catalogue and from fast-check; `npm run fuzz` sends more
 * (FUZZ_RUNS=40 by default there, FUZZ_SEED to vary the draw).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 2);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const ANSWER_WITHIN_MS = 10_000;

const tally = { operations: 0, requests: 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, refusedWritesChecked: 0 };

interface Sent {
  status: number;
  contentType: string;
  text: string;
}

/** One request; an event stream that was accepted is not read to its end, only its headers. */
async function send(method: string, path: string, token: string, body?: { json?: string; form?: FormData }): Promise<Sent> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body?.json !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(env().baseUrl + path, {
    method,
    headers,
    body: body?.form ?? body?.json,
    signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
    redirect: 'manual',
  });
  const contentType = response.headers.get('content-type') ?? '';
  let text = '';
  if (response.ok && contentType.startsWith('text/event-stream')) await response.body?.cancel();
  else text = await response.text();
  tally.requests++;
  const bucket = `${String(response.status).charAt(0)}xx` as '2xx' | '3xx' | '4xx' | '5xx';
  if (bucket in tally) tally[bucket]++;
  return { status: response.status, contentType, text };
}

function pathWith(template: string, params: Record<string, string>, replaced?: { name: string; raw: string }): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (replaced?.name === name ? replaced.raw : encodeURIComponent(params[name] ?? 'missing')));
}

/** The values sent into one input: the two that found most defects always, and RUNS more drawn with the seed. */
function chosen(target: Target, seed: number): BadValue[] {
  const all = badValuesFor(target, seed);
  const always = all.filter((v) => v.label === 'NUL byte' || v.label === '1e309' || v.label === 'NUL in file name');
  const rest = all.filter((v) => !always.includes(v));
  const [drawn] = fc.sample(fc.shuffledSubarray(rest, { minLength: Math.min(RUNS, rest.length), maxLength: Math.min(RUNS, rest.length) }), { seed, numRuns: 1 });
  return [...always, ...(drawn ?? [])];
}

function fileFormNamed(name: string): FormData {
  const form = new FormData();
  form.append('file', new Blob([smallPhonePhoto()], { type: 'image/jpeg' }), name);
  return form;
}

// The worker's own bookkeeping moves on its own after an incident or a message (outbox, deliveries): not the request's doing.
const fingerprints = new TenantFingerprints(['audit_events', 'device_sessions', 'refresh_tokens', 'message_outbox', 'message_recipients', 'push_deliveries']);

const seedOf = (text: string) => [...text].reduce((hash, c) => (hash * 31 + c.charCodeAt(0)) | 0, SEED);

describe('spec-driven fuzzer: bad values into every input of every operation', function () {
  let tenant: OnboardedTenant;

  before(async () => {
    tenant = await onboardTenant('Fuzz');
  });

  after(async () => {
    await fingerprints.close();
    // The figures of a run, for the report of a longer run (npm run fuzz).
    console.log(`      fuzz (seed ${SEED}, ${RUNS} drawn per input): ${JSON.stringify(tally)}`);
  });

  for (const op of specOperations()) {
    it(`${op.operationId}: no 5xx, problem+json, ruled-out values refused, nothing stored on refusal`, async function () {
      this.timeout(30_000 + RUNS * 2_000);
      tally.operations++;
      const findings = await fuzzOperation(op, tenant);
      expect(findings, findings.slice(0, 12).join('\n')).to.deep.equal([]);
    });
  }
});

async function fuzzOperation(op: SpecOperation, home: OnboardedTenant): Promise<string[]> {
  const platform = op.path.startsWith('/v1/platform/');
  // A platform operation on a tenant may suspend or archive it: it gets a tenant of its own.
  const subject = platform && op.path.includes('{tenantId}') ? await onboardTenant('Fuzz subject') : home;
  const fixture = operationFixtures[op.operationId];
  const prepared: PreparedCall = fixture ? await fixture.prepare(subject) : { body: exampleBody(op.path, op.method) };
  const token = platform ? await operatorToken() : fixture?.endsOwnSession ? await signIn(home.slug, home.adminEmail) : home.adminToken;
  const checkStore = !platform && op.method !== 'GET' && !op.path.startsWith('/v1/messages') && !op.path.startsWith('/v1/auth');

  const findings: string[] = [];
  let before = checkStore ? await fingerprints.of(home.id) : null;
  for (const target of targetsOf(op.path, op.method)) {
    for (const value of chosen(target, seedOf(`${op.operationId}/${target.name}`))) {
      const reply = await sendOne(op, prepared, token, target, value, findings);
      if (!before || !reply) continue;
      // A refusal leaves the stored data exactly as it was; anything accepted gives the new picture to compare with.
      if (reply.status >= 400 && reply.status < 500) findings.push(...(await storeUnchanged(home.id, before, `${op.method} ${op.path} ${target.where} ${target.name} = ${value.label}`)));
      else if (reply.status < 400) before = await fingerprints.of(home.id);
    }
  }

  // The process is still there and still answers its rightful caller.
  const alive = await send('GET', '/v1/me', home.adminToken);
  if (alive.status !== 200) findings.push(`after ${op.operationId}: GET /v1/me answers ${alive.status}`);
  return findings;
}

async function storeUnchanged(tenantId: string, before: Record<string, string>, where: string): Promise<string[]> {
  const after = await fingerprints.of(tenantId);
  tally.refusedWritesChecked++;
  const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
  return changed.length ? [`${where}: refused, but changed ${changed.join(', ')}`] : [];
}

/** One bad value into one input of an operation, the other inputs as the fixture prepared them; findings are added. */
async function sendOne(op: SpecOperation, prepared: PreparedCall, token: string, target: Target, value: BadValue, findings: string[]): Promise<Sent | null> {
  const params = prepared.params ?? {};
  let path = pathWith(op.path, params, target.where === 'path' ? { name: target.name, raw: value.raw } : undefined);
  const query = target.where === 'query' ? queryWith(prepared.query ?? '', target.name, value) : (prepared.query ?? '');
  path += query === '?' ? '' : query;
  const body =
    target.where === 'body'
      ? { json: bodyWith(prepared.body, target.name, value.raw) }
      : target.where === 'file'
        ? { form: fileFormNamed(value.raw) }
        : prepared.form
          ? { form: fileFormNamed('foto.jpg') }
          : prepared.body !== undefined
            ? { json: JSON.stringify(prepared.body) }
            : undefined;
  const where = `${op.method} ${op.path} ${target.where} ${target.name} = ${value.label}`;
  let reply: Sent;
  try {
    reply = await send(op.method, path, token, body);
  } catch (error) {
    findings.push(`${where}: no answer (${(error as Error).message})`);
    return null;
  }
  if (reply.status >= 500) findings.push(`${where}: ${reply.status} ${reply.text.slice(0, 160)}`);
  else if (reply.status >= 400 && !reply.contentType.startsWith('application/problem+json')) findings.push(`${where}: ${reply.status} as ${reply.contentType || 'no content type'}`);
  else if (value.mustRefuse && reply.status < 400) findings.push(`${where}: accepted (${reply.status}), the contract rules it out`);
  return reply;
}
