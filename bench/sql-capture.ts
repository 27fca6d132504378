/**
 * Preloaded into the API process by bench/api.bench.ts (`node --import ./bench/sql-capture.ts`):
 * the statement log of one request. A request that carries `x-bench-capture: <name>` has every
 * statement it sends to PostgreSQL (text and values, as node-postgres puts them on the wire,
 * BEGIN and COMMIT included) written to `<BENCH_SQL_CAPTURE_DIR>/<name>.json` once its response
 * is finished, so the bare baseline replays exactly what the API issues and cannot drift from it.
 * Nothing changes for requests without the header; the API's sources know nothing of this.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface CapturedStatement {
  text: string;
  values: unknown[];
  /** The first row it returned, if any: later statements may carry values read from it. */
  row: Record<string, unknown> | null;
}

const directory = process.env.BENCH_SQL_CAPTURE_DIR;
if (directory) {
  const capture = new AsyncLocalStorage<CapturedStatement[]>();
  // The copy of node-postgres the ORM's driver loads (knex requires it from @mikro-orm/postgresql).
  const fromDriver = createRequire(createRequire(import.meta.url).resolve('@mikro-orm/postgresql'));
  for (const id of new Set([fromDriver.resolve('pg'), createRequire(import.meta.url).resolve('pg')])) {
    const pg = createRequire(import.meta.url)(id) as { Client: { prototype: { query: (...args: unknown[]) => unknown } } };
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
      const into = capture.getStore();
      if (!into) return query.apply(this, args);
      const [first, second] = args;
      const config = typeof first === 'string' ? { text: first, values: Array.isArray(second) ? second : [] } : (first as { text: string; values?: unknown[] });
      const statement: CapturedStatement = { text: config.text, values: (config.values ?? []).map(plain), row: null };
      into.push(statement);
      const keep = (result: unknown) => {
        const rows = (result as { rows?: Array<Record<string, unknown>> } | undefined)?.rows;
        if (rows?.[0]) statement.row = Object.fromEntries(Object.entries(rows[0]).map(([key, value]) => [key, plain(value)]));
      };
      const last = args.at(-1);
      if (typeof last === 'function') {
        args[args.length - 1] = (error: unknown, result: unknown) => {
          if (!error) keep(result);
          return (last as (e: unknown, r: unknown) => unknown)(error, result);
        };
        return query.apply(this, args);
      }
      const returned = query.apply(this, args);
      if (returned && typeof (returned as Promise<unknown>).then === 'function') (returned as Promise<unknown>).then(keep, () => undefined);
      return returned;
    };
  }
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with its server as `this` below
  const emit = http.Server.prototype.emit as (this: http.Server, event: string, ...args: unknown[]) => boolean;
  http.Server.prototype.emit = function (this: http.Server, event: string, ...args: unknown[]) {
    if (event !== 'request') return emit.call(this, event, ...args);
    const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
    const name = req.headers['x-bench-capture'];
    if (typeof name !== 'string' || !/^[a-z0-9-]+$/.test(name)) return emit.call(this, event, ...args);
    const statements: CapturedStatement[] = [];
    res.once('finish', () => writeFileSync(path.join(directory, `${name}.json`), JSON.stringify(statements, null, 1)));
    return capture.run(statements, () => emit.call(this, event, ...args));
  } as typeof http.Server.prototype.emit;
}

/** Values as JSON keeps them: dates as ISO text, buffers as hex (neither occurs in the measured reads). */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return `\\x${value.toString('hex')}`;
  return value;
}
