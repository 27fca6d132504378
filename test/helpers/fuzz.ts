import fc from 'fast-check';
import { loadSpec } from '../../src/platform/http/contract.js';

/**
 * The spec-driven fuzzer's half that knows the contract: for every operation, which inputs it
 * takes (path and query parameters, JSON body fields, multipart file names) with their schemas,
 * and the bad values to send into each one. A value carries whether the contract obliges the
 * API to refuse it (a NUL byte, a number out of range or spelled in a way the contract does not
 * allow, an impossible date, a wrong type), so a 2xx for it is a finding as much as a 5xx.
 */

// Schemas are plain JSON from the YAML spec; the fuzzer reads them loosely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Schema = Record<string, any>;

export type Where = 'path' | 'query' | 'body' | 'file';

export interface Target {
  where: Where;
  name: string;
  schema: Schema | undefined;
}

/** A bad value: what to send, and whether the contract obliges a refusal (4xx). */
export interface BadValue {
  label: string;
  /** For path and query: the raw, already percent-encoded text. For body: raw JSON text. For file: the file name. */
  raw: string;
  mustRefuse: boolean;
}

const spec = loadSpec() as Schema;

export function deref(schema: Schema | undefined): Schema | undefined {
  let current = schema;
  for (let hops = 0; current?.$ref && hops < 20; hops++) {
    current = (current.$ref as string)
      .slice(2)
      .split('/')
      .reduce<Schema | undefined>((node, key) => node?.[key] as Schema | undefined, spec);
  }
  return current;
}

/** The inputs of one operation, as the contract declares them. */
export function targetsOf(path: string, method: string): Target[] {
  const item = spec.paths[path] as Schema;
  const operation = item[method.toLowerCase()] as Schema;
  const targets: Target[] = [];
  for (const parameter of [...((item.parameters as Schema[]) ?? []), ...((operation.parameters as Schema[]) ?? [])].map(deref)) {
    if (parameter?.in === 'path' || parameter?.in === 'query') targets.push({ where: parameter.in, name: parameter.name, schema: deref(parameter.schema) });
  }
  const content = deref(operation.requestBody)?.content as Record<string, Schema> | undefined;
  const json = deref(content?.['application/json']?.schema);
  for (const [name, schema] of Object.entries<Schema>(json?.properties ?? {})) targets.push({ where: 'body', name, schema: deref(schema) });
  if (content?.['multipart/form-data']) targets.push({ where: 'file', name: 'file', schema: undefined });
  return targets;
}

/** The example body the contract gives, for operations the fixtures do not prepare (sign-in and the like). */
export function exampleBody(path: string, method: string): unknown {
  const operation = (spec.paths[path] as Schema)[method.toLowerCase()] as Schema;
  const media = deref(operation.requestBody)?.content?.['application/json'] as Schema | undefined;
  return media?.example ?? deref(media?.schema)?.example;
}

// ---- the bad values ---------------------------------------------------------------------------

const HUGE_QUERY = 'a'.repeat(6000);
const HUGE_BODY = 'a'.repeat(40_000);
const deepArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const deepObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

const typesOf = (schema: Schema | undefined): string[] => {
  if (!schema) return [];
  return Array.isArray(schema.type) ? (schema.type as string[]) : schema.type ? [schema.type as string] : [];
};

/** A schema the fuzzer can judge: one plain type, no unions. */
const plain = (schema: Schema | undefined): boolean =>
  !!schema && !schema.oneOf && !schema.anyOf && !schema.allOf && typesOf(schema).filter((t) => t !== 'null').length === 1;

const mainType = (schema: Schema | undefined): string | undefined => typesOf(schema).find((t) => t !== 'null');

const nullable = (schema: Schema | undefined): boolean => typesOf(schema).includes('null') || schema?.nullable === true;

/** Whether a date or date-time string names a day that exists (2026-02-30 does not). */
function realDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Whether the contract obliges a refusal of this (decoded) scalar in a field of this schema. */
function refusedNumberOrString(schema: Schema | undefined, value: unknown): boolean {
  if (typeof value === 'string' && (value.includes('\u0000') || /[\uD800-\uDFFF]/u.test(value))) return true;
  if (!plain(schema)) return false;
  if (value === null) return !nullable(schema);
  const type = mainType(schema);
  if (type === 'integer' || type === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) return true;
    if (type === 'integer' && !Number.isSafeInteger(value)) return true;
    if (typeof schema!.maximum === 'number' && value > schema!.maximum) return true;
    if (typeof schema!.minimum === 'number' && value < schema!.minimum) return true;
    return false;
  }
  if (type === 'string') {
    if (typeof value !== 'string') return true;
    if (Array.isArray(schema!.enum) && !schema!.enum.includes(value)) return true;
    if (typeof schema!.maxLength === 'number' && [...value].length > schema!.maxLength) return true;
    if ((schema!.format === 'date' || schema!.format === 'date-time') && !realDate(value)) return true;
    if (schema!.format === 'uuid' && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return true;
    return false;
  }
  if (type === 'boolean') return typeof value !== 'boolean';
  if (type === 'array') return !Array.isArray(value);
  if (type === 'object') return typeof value !== 'object' || Array.isArray(value);
  return false;
}

/** Query and path text: the decoded string, judged as the contract's type would read it. */
function refusedText(schema: Schema | undefined, text: string | null): boolean {
  if (text === null) return plain(schema) && mainType(schema) !== 'array' && mainType(schema) !== 'object';
  if (text.includes('\u0000')) return true;
  if (!plain(schema)) return false;
  const type = mainType(schema);
  if (type === 'integer') return !/^-?\d+$/.test(text) || refusedNumberOrString(schema, Number(text));
  if (type === 'number') return !/^-?\d+(\.\d+)?$/.test(text) || refusedNumberOrString(schema, Number(text));
  if (type === 'boolean') return text !== 'true' && text !== 'false';
  if (type === 'string') return refusedNumberOrString(schema, text);
  return false;
}

const TEXT_VALUES: Array<{ label: string; text: string }> = [
  { label: 'NUL byte', text: 'x\u0000y' },
  { label: '1e309', text: '1e309' },
  { label: '-1e309', text: '-1e309' },
  { label: '2^63', text: '9223372036854775808' },
  { label: '1e2', text: '1e2' },
  { label: '100.0', text: '100.0' },
  { label: 'hex', text: '0x10' },
  { label: 'leading space', text: ' 5' },
  { label: 'Infinity', text: 'Infinity' },
  { label: 'NaN', text: 'NaN' },
  { label: 'negative', text: '-1' },
  { label: 'impossible date', text: '2026-02-30' },
  { label: 'impossible date-time', text: '2026-02-30T08:00:00.000Z' },
  { label: 'huge', text: HUGE_QUERY },
  { label: 'right-to-left override', text: 'a\u202eb' },
  { label: 'emoji', text: '🔥🔥' },
  { label: 'path traversal', text: '../../etc/passwd' },
];

/** Text that is not UTF-8 at all, or spells a lone surrogate: the decoder must not fall over. */
const RAW_TEXT_VALUES: Array<{ label: string; raw: string }> = [
  { label: 'lone surrogate (CESU bytes)', raw: '%ED%A0%80' },
  { label: 'invalid UTF-8', raw: '%FF%FE' },
  { label: 'bad percent escape', raw: '%E0%A4%A' },
];

const BODY_LITERALS: Array<{ label: string; json: string }> = [
  { label: 'NUL byte', json: '"x\\u0000y"' },
  { label: 'lone surrogate', json: '"\\ud800"' },
  { label: 'lone low surrogate', json: '"a\\udfffb"' },
  { label: '1e309', json: '1e309' },
  { label: '-1e309', json: '-1e309' },
  { label: '2^63', json: '9223372036854775808' },
  { label: '1e308', json: '1e308' },
  { label: '2^31', json: '2147483648' },
  { label: 'fraction', json: '0.5' },
  { label: 'negative', json: '-1' },
  { label: 'number as string', json: '"1e2"' },
  { label: 'true', json: 'true' },
  { label: 'null', json: 'null' },
  { label: 'empty array', json: '[]' },
  { label: 'empty object', json: '{}' },
  { label: 'huge string', json: JSON.stringify(HUGE_BODY) },
  { label: 'deep array', json: deepArray(3000) },
  { label: 'deep object', json: deepObject(1500) },
  { label: '__proto__ key', json: '{"__proto__":{"polluted":true},"a":1}' },
  { label: 'constructor key', json: '{"constructor":{"prototype":{"polluted":true}}}' },
  { label: 'impossible date', json: '"2026-02-30"' },
  { label: 'impossible date-time', json: '"2026-02-30T08:00:00.000Z"' },
  { label: 'array of NUL', json: '["x\\u0000"]' },
  { label: 'right-to-left override', json: '"a\\u202eb"' },
];

const FILE_NAMES: Array<{ label: string; name: string; mustRefuse: boolean }> = [
  { label: 'NUL in file name', name: 'foto\u0000.jpg', mustRefuse: true },
  { label: 'lone surrogate in file name', name: 'foto\ud800.jpg', mustRefuse: false },
  { label: 'huge file name', name: 'a'.repeat(4000) + '.jpg', mustRefuse: false },
  { label: 'traversal in file name', name: '../../../etc/passwd.jpg', mustRefuse: false },
  { label: 'right-to-left override in file name', name: 'gpj\u202e.exe', mustRefuse: false },
];

/** JSON.parse as the server sees it, without throwing on what JSON.parse refuses. */
function decodeJson(json: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}

/** Random extras from fast-check: arbitrary code points (lone surrogates included) and any JSON. */
function randomBodyLiterals(seed: number, count: number): Array<{ label: string; json: string }> {
  const arbitrary = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }).map((s) => ({ label: 'random string', json: JSON.stringify(s) })),
    fc.double().map((d) => ({ label: 'random double', json: Number.isFinite(d) ? String(d) : d > 0 ? '1e999' : d < 0 ? '-1e999' : '"NaN"' })),
    fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((b) => ({ label: 'random big integer', json: b.toString() })),
    fc.jsonValue({ maxDepth: 3 }).map((v) => ({ label: 'random JSON', json: JSON.stringify(v) ?? 'null' })),
  );
  return fc.sample(arbitrary, { seed, numRuns: count });
}

function randomTexts(seed: number, count: number): Array<{ label: string; text: string }> {
  const arbitrary = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 30 }).map((text) => ({ label: 'random text', text })),
    fc.double().map((d) => ({ label: 'random number', text: String(d) })),
    fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((b) => ({ label: 'random big integer', text: b.toString() })),
  );
  return fc.sample(arbitrary, { seed, numRuns: count });
}

/** Every bad value that fits a target. */
export function badValuesFor(target: Target, seed: number): BadValue[] {
  const { schema } = target;
  if (target.where === 'file') return FILE_NAMES.map((f) => ({ label: f.label, raw: f.name, mustRefuse: f.mustRefuse }));
  if (target.where === 'body') {
    return [...BODY_LITERALS, ...randomBodyLiterals(seed, 3)].map(({ label, json }) => {
      const decoded = decodeJson(json);
      const nonFinite = /^-?\d/.test(json) && !Number.isFinite(Number(json));
      const mustRefuse = json.includes('\\u0000') || nonFinite || refusedNumberOrString(schema, decoded);
      return { label, raw: json, mustRefuse };
    });
  }
  // path and query
  const texts = [...TEXT_VALUES, ...randomTexts(seed, 3)].map(({ label, text }) => ({
    label,
    raw: encodeURIComponent(text),
    mustRefuse: target.where === 'path' ? refusedPath(schema, text) : refusedText(schema, text),
  }));
  const raws = RAW_TEXT_VALUES.map(({ label, raw }) => ({ label, raw, mustRefuse: false }));
  const shapes =
    target.where === 'query'
      ? [
          { label: 'array form', raw: `@@ARRAY@@`, mustRefuse: refusedText(schema, null) },
          { label: '__proto__ form', raw: `@@PROTO@@`, mustRefuse: false },
          { label: 'repeated', raw: `@@REPEAT@@`, mustRefuse: false },
        ]
      : [];
  return [...texts, ...raws, ...shapes];
}

/** A path parameter: anything that is not the declared format is refused (or not found). */
function refusedPath(schema: Schema | undefined, text: string): boolean {
  if (text.includes('\u0000')) return true;
  return schema?.format === 'uuid' || refusedText(schema, text);
}

/** The query string of a call with one parameter replaced by a bad value (or added, when the fixture left it out). */
export function queryWith(base: string, name: string, value: BadValue): string {
  const params = (base.startsWith('?') ? base.slice(1) : base).split('&').filter((pair) => pair && decodeURIComponent(pair.split('=')[0]!) !== name);
  const key = encodeURIComponent(name);
  if (value.raw === '@@ARRAY@@') params.push(`${key}[]=1`, `${key}[]=2`);
  else if (value.raw === '@@PROTO@@') params.push(`${key}[__proto__][polluted]=1`, `${key}[constructor][prototype][polluted]=1`);
  else if (value.raw === '@@REPEAT@@') params.push(`${key}=1`, `${key}=x%00`);
  else params.push(`${key}=${value.raw}`);
  return `?${params.join('&')}`;
}

/** The body of a call with one field replaced by a bad literal, as raw JSON text. */
export function bodyWith(base: unknown, name: string, literal: string): string {
  const record = base && typeof base === 'object' && !Array.isArray(base) ? { ...(base as Record<string, unknown>) } : {};
  const marker = '@@FUZZ-VALUE@@';
  record[name] = marker;
  return JSON.stringify(record).replace(JSON.stringify(marker), literal);
}
