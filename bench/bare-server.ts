/**
 * The ceiling of bench/api.bench.ts: a bare express + node-postgres server that answers each
 * measured route by sending exactly the statements the API sent for it (its statement log, see
 * bench/sql-capture.ts), on a pool connected as the application role, so row-level security
 * applies. No validation, no authentication, no ORM: what is left is what PostgreSQL, express
 * and the wire cost. Plain express by default, as the issue defines the ceiling; with
 * BENCH_BARE_PROTOTYPES=1 it also makes req and res with the app's prototypes, as the API's
 * HTTP kernel does (src/platform/http/request-prototypes.ts), for the stricter comparison.
 *   node --import tsx bench/bare-server.ts <plan.json> <port> <database url>
 *
 * Two captures of the same request tell the constant parts of each statement from those that
 * change per request: a fresh id, the time, a chain hash, or a value an earlier statement
 * returned (an incident's next log number). Those are made or taken again on every replay.
 */
import express from 'express';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { listenWithAppPrototypes } from '../src/platform/http/request-prototypes.js';
import type { CapturedStatement } from './sql-capture.js';

export interface PlannedRoute {
  name: string;
  method: 'GET' | 'POST';
  /** The literal path of the measured request (the query string is not routed). */
  path: string;
  status: number;
  /** Two statement logs of the same request, made one after the other. */
  captures: [CapturedStatement[], CapturedStatement[]];
}

type Part =
  | { kind: 'text'; text: string }
  | { kind: 'fresh'; what: 'uuid' | 'now' | 'hash'; key: string; quoted: boolean }
  | { kind: 'earlier'; statement: number; field: string; quoted: boolean }
  /** A text literal with fresh values inside it (the canonical text of a log link names its id and time). */
  | { kind: 'embedded'; pieces: Part[]; quoted: boolean };

const LITERAL = /'(?:[^']|'')*'|(?<![\w."$])-?\d+(?:\.\d+)?(?![\w."])/g;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z$/;
const HASH = /^[0-9a-f]{64}$/;
const INSIDE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z|[0-9a-f]{64}/gi;

/**
 * A text whose only differences from the other capture's are ids, times and hashes inside it, as
 * pieces; null otherwise. What is the same in both (the tenant of a batch of audit entries sent as
 * one JSON document) stays as it is.
 */
function embedded(mine: string, theirs: string): Part[] | null {
  const found = [...mine.matchAll(INSIDE)];
  const other = [...theirs.matchAll(INSIDE)];
  if (found.length === 0 || mine.replace(INSIDE, '\u0000') !== theirs.replace(INSIDE, '\u0000')) return null;
  const pieces: Part[] = [];
  let from = 0;
  found.forEach((match, n) => {
    pieces.push({ kind: 'text', text: mine.slice(from, match.index) });
    const value = match[0];
    if (value === other[n]?.[0]) pieces.push({ kind: 'text', text: value });
    else pieces.push({ kind: 'fresh', what: UUID.test(value) ? 'uuid' : ISO_TIME.test(value) ? 'now' : 'hash', key: value, quoted: false });
    from = match.index + value.length;
  });
  pieces.push({ kind: 'text', text: mine.slice(from) });
  return pieces;
}

function literals(text: string): Array<{ at: number; raw: string }> {
  return [...text.matchAll(LITERAL)].map((m) => ({ at: m.index, raw: m[0] }));
}

const inner = (raw: string) => (raw.startsWith("'") ? raw.slice(1, -1).replace(/''/g, "'") : raw);

/** The statements of one route as templates: constant text, and what each replay fills in. */
export function compile(route: PlannedRoute): Part[][] {
  const [a, b] = route.captures;
  if (a.length !== b.length) throw new Error(`${route.name}: the two captures sent ${a.length} and ${b.length} statements`);
  return a.map((statement, index) => {
    const other = b[index]!;
    if (statement.values.length || other.values.length) throw new Error(`${route.name}: statement ${index} has bound parameters, which this replay does not fill in`);
    const left = literals(statement.text);
    const right = literals(other.text);
    const skeleton = (text: string, found: typeof left) => found.reduceRight((s, l) => s.slice(0, l.at) + '?' + s.slice(l.at + l.raw.length), text);
    if (left.length !== right.length || skeleton(statement.text, left) !== skeleton(other.text, right)) {
      throw new Error(`${route.name}: statement ${index} differs between the captures beyond its values:\n${statement.text}\n${other.text}`);
    }
    const parts: Part[] = [];
    let from = 0;
    left.forEach((literal, j) => {
      parts.push({ kind: 'text', text: statement.text.slice(from, literal.at) });
      from = literal.at + literal.raw.length;
      const theirs = right[j]!.raw;
      if (literal.raw === theirs) {
        parts.push({ kind: 'text', text: literal.raw });
        return;
      }
      const quoted = literal.raw.startsWith("'");
      const mine = inner(literal.raw);
      const earlier = a.slice(0, index).findIndex((s, k) =>
        Object.entries(s.row ?? {}).some(([field, value]) => String(value) === mine && String(b[k]!.row?.[field]) === inner(theirs)),
      );
      if (earlier >= 0) {
        const field = Object.entries(a[earlier]!.row!).find(([f, value]) => String(value) === mine && String(b[earlier]!.row?.[f]) === inner(theirs))![0];
        parts.push({ kind: 'earlier', statement: earlier, field, quoted });
        return;
      }
      const what = UUID.test(mine) ? 'uuid' : ISO_TIME.test(mine) ? 'now' : HASH.test(mine) ? 'hash' : null;
      const pieces = what || !quoted ? null : embedded(mine, inner(theirs));
      if (pieces) {
        parts.push({ kind: 'embedded', pieces, quoted });
        return;
      }
      if (!what) throw new Error(`${route.name}: statement ${index} changes ${literal.raw} to ${theirs}, and this replay cannot tell how`);
      parts.push({ kind: 'fresh', what, key: mine, quoted });
    });
    parts.push({ kind: 'text', text: statement.text.slice(from) });
    return parts;
  });
}

function quote(value: string, quoted: boolean): string {
  return quoted ? `'${value.replace(/'/g, "''")}'` : value;
}

function render(parts: Part[], fresh: Map<string, string>, rows: Array<Record<string, unknown> | undefined>): string {
  let text = '';
  for (const part of parts) {
    if (part.kind === 'text') text += part.text;
    else if (part.kind === 'embedded') text += quote(render(part.pieces, fresh, rows), part.quoted);
    else if (part.kind === 'earlier') text += quote(String(rows[part.statement]?.[part.field]), part.quoted);
    else {
      let value = fresh.get(part.key);
      if (value === undefined) {
        value = part.what === 'uuid' ? randomUUID() : part.what === 'now' ? new Date().toISOString() : createHash('sha256').update(text).digest('hex');
        fresh.set(part.key, value);
      }
      text += quote(value, part.quoted);
    }
  }
  return text;
}

function main(): void {
  const [planFile, port, databaseUrl] = process.argv.slice(2);
  if (!planFile || !port || !databaseUrl) throw new Error('usage: bare-server.ts <plan.json> <port> <database url>');
  const routes = JSON.parse(readFileSync(planFile, 'utf8')) as PlannedRoute[];
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const app = express();
  // BENCH_BARE_PROTOTYPES=1: the bare server also skips express's per-request prototype change, as the API does.
  if (process.env.BENCH_BARE_PROTOTYPES === '1') listenWithAppPrototypes(app);
  app.disable('x-powered-by');
  app.use(express.json());
  app.get('/ready', (_req, res) => {
    res.json({ ok: true });
  });
  for (const route of routes) {
    const statements = compile(route);
    const handler: express.RequestHandler = async (_req, res, next) => {
      const client = await pool.connect();
      try {
        const fresh = new Map<string, string>();
        const rows: Array<Record<string, unknown> | undefined> = [];
        let answer: unknown[] = [];
        for (const parts of statements) {
          const result = await client.query(render(parts, fresh, rows));
          rows.push(result.rows?.[0]);
          if ((result.rows?.length ?? 0) > answer.length) answer = result.rows;
        }
        res.status(route.status).json({ items: answer });
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        next(error);
      } finally {
        client.release();
      }
    };
    if (route.method === 'GET') app.get(route.path, handler);
    else app.post(route.path, handler);
  }
  const server = app.listen(Number(port), '127.0.0.1');
  const stop = () => server.close(() => void pool.end().then(() => process.exit(0)));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
