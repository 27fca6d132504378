import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { operations } from './openapi.generated.js';

export type { components, operations } from './openapi.generated.js';

/** Path of the contract in the repository, whether running from sources or from dist/. */
const here = path.dirname(fileURLToPath(import.meta.url));
const candidates = [path.resolve(here, '../../../openapi/openapi.yaml'), path.resolve(here, '../../../../openapi/openapi.yaml')];
export const specPath = candidates.find((candidate) => {
  try {
    readFileSync(candidate);
    return true;
  } catch {
    return false;
  }
}) ?? candidates[0]!;

export type OpenApiDocument = {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
};

export function loadSpec(): OpenApiDocument {
  return parse(readFileSync(specPath, 'utf8')) as OpenApiDocument;
}

type JsonContent<T> = T extends { content: { 'application/json': infer B } } ? B : never;

/** The validated JSON body of an operation. */
export type RequestBody<Op extends keyof operations> = operations[Op] extends { requestBody: infer R }
  ? JsonContent<NonNullable<R>>
  : never;

/** The validated (and type-coerced) query of an operation. */
export type QueryOf<Op extends keyof operations> = operations[Op]['parameters'] extends { query?: infer Q }
  ? NonNullable<Q>
  : never;

export type PathOf<Op extends keyof operations> = operations[Op]['parameters'] extends { path: infer P } ? P : never;

/** The JSON body an operation answers with the given status. */
export type ResponseBody<Op extends keyof operations, Status extends number> = operations[Op]['responses'] extends Record<
  Status,
  infer R
>
  ? JsonContent<R>
  : never;

/** The page a list request asks for: the first, and the contract's usual size, unless it says otherwise. */
export function pageOf(query: { page?: number; pageSize?: number }, defaultSize = 50): { page: number; pageSize: number } {
  return { page: query.page ?? 1, pageSize: query.pageSize ?? defaultSize };
}
