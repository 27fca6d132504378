import type { RequestHandler } from 'express';
import type { OpenApiDocument } from './contract.js';

/**
 * What the contract validator lets through and the layers below cannot take, refused at the
 * edge with the same 400 problem+json as any other field problem:
 *
 * - a NUL character in any string or key of the query, the body or a multipart file name
 *   (PostgreSQL cannot store it in text and fails the whole statement, 22021 / 08P01), and a
 *   NUL in the path; a lone surrogate in a string (jsonb refuses it, 22P02);
 * - a number in a JSON body that JSON.parse turned into Infinity (1e309): no schema means that;
 * - a query number in any other spelling than plain decimal digits. The validator coerces with
 *   `Number()`, which reads "1e309" as Infinity, "0x10" as 16 and " 5" as 5, so a limit such as
 *   `pageSize <= 200` would be checked against something other than what the client wrote.
 */
export function inputGuard(spec: OpenApiDocument): RequestHandler {
  const routes = numericQueryParameters(spec);
  return (req, _res, next) => {
    const problems: Array<{ path: string; message: string }> = [];
    const rawPath = req.originalUrl.split('?')[0] ?? '';
    if (/%00/i.test(rawPath)) problems.push({ path: '/path', message: 'must not contain a NUL character (%00)' });
    walk(req.query, '/query', problems);
    walk(req.body, '/body', problems);

    const numeric = routes.find((route) => route.method === req.method && route.pattern.test(req.path));
    const query = req.query as Record<string, unknown>;
    for (const [name, type] of Object.entries(numeric?.parameters ?? {})) {
      const value = query[name];
      if (typeof value !== 'string') continue; // absent, or an array/object the validator refuses by type
      const spelled = type === 'integer' ? /^-?\d{1,16}$/ : /^-?\d{1,16}(\.\d{1,16})?$/;
      if (!spelled.test(value)) {
        problems.push({ path: `/query/${name}`, message: `must be ${type === 'integer' ? 'an integer' : 'a number'} written in plain decimal digits` });
      }
    }

    if (problems.length) {
      // The shape of the contract validator's errors, so the one error handler answers both alike.
      next(Object.assign(new Error('bad input'), { status: 400, errors: problems }));
      return;
    }
    next();
  };
}

/** Half of a UTF-16 pair without the other half: no UTF-8 spells it, and PostgreSQL's jsonb refuses it. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Every string and key below `root`, without recursion: a 64 kB body can nest thousands deep. */
function walk(root: unknown, base: string, problems: Array<{ path: string; message: string }>): void {
  const stack: Array<{ value: unknown; pointer: string }> = [{ value: root, pointer: base }];
  while (stack.length && problems.length < 20) {
    const { value, pointer } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) problems.push({ path: pointer, message: 'must not contain a NUL character (\\u0000)' });
      else if (LONE_SURROGATE.test(value)) problems.push({ path: pointer, message: 'must be well-formed Unicode (it has a lone surrogate)' });
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) problems.push({ path: pointer, message: 'must be a finite number' });
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        const at = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (key.includes('\u0000')) problems.push({ path: at, message: 'must not contain a NUL character (\\u0000) in its name' });
        else stack.push({ value: inner, pointer: at });
      }
    }
  }
}

interface NumericRoute {
  method: string;
  pattern: RegExp;
  parameters: Record<string, 'integer' | 'number'>;
}

type Schema = Record<string, unknown>;

function numericQueryParameters(spec: OpenApiDocument): NumericRoute[] {
  const deref = (node: unknown): Schema | undefined => {
    let current = node as Schema | undefined;
    for (let hops = 0; typeof current?.$ref === 'string' && hops < 20; hops++) {
      current = (current.$ref)
        .slice(2)
        .split('/')
        .reduce<Schema | undefined>((at, key) => at?.[key] as Schema | undefined, spec as unknown as Schema);
    }
    return current;
  };
  const routes: NumericRoute[] = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}/?$`);
    for (const method of ['get', 'put', 'post', 'patch', 'delete']) {
      const operation = item[method] as Schema | undefined;
      if (!operation) continue;
      const parameters: Record<string, 'integer' | 'number'> = {};
      for (const declared of [...((item.parameters as unknown[]) ?? []), ...((operation.parameters as unknown[]) ?? [])]) {
        const parameter = deref(declared);
        const type = deref(parameter?.schema)?.type;
        if (parameter?.in === 'query' && (type === 'integer' || type === 'number')) parameters[parameter.name as string] = type;
      }
      if (Object.keys(parameters).length) routes.push({ method: method.toUpperCase(), pattern, parameters });
    }
  }
  // A literal segment wins over a parameter (/v1/users/me before /v1/users/{userId}).
  return routes.sort((a, b) => a.pattern.source.split('[^/]+').length - b.pattern.source.split('[^/]+').length);
}

/**
 * The validator's copy of the contract, with every integer the contract leaves unbounded held to
 * what the database stores: 32-bit unless the contract says int64 (then what a JavaScript number
 * holds exactly). Without it 2147483648 or 1e308 passes the contract and fails in PostgreSQL (22003).
 */
export function withIntegerBounds<T>(spec: T): T {
  const copy = structuredClone(spec);
  const stack: unknown[] = [copy];
  while (stack.length) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    const schema = node as Schema;
    const types = Array.isArray(schema.type) ? (schema.type as unknown[]) : [schema.type];
    if (types.includes('integer')) {
      const wide = schema.format === 'int64';
      if (schema.maximum === undefined && schema.exclusiveMaximum === undefined) schema.maximum = wide ? Number.MAX_SAFE_INTEGER : 2 ** 31 - 1;
      if (schema.minimum === undefined && schema.exclusiveMinimum === undefined) schema.minimum = wide ? Number.MIN_SAFE_INTEGER : -(2 ** 31);
    }
    for (const [key, inner] of Object.entries(schema)) if (key !== 'example' && key !== 'examples') stack.push(inner);
  }
  return copy;
}
