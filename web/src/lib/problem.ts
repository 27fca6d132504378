import type { components } from './api-schema';

export type Problem = components['schemas']['Problem'];

export function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'status' in value && 'title' in value;
}

/** The message key for a problem: its catalogued type when we have words for it, else by status. */
export function problemKey(problem: Problem | undefined): string {
  const slug = typeof problem?.type === 'string' ? problem.type.replace(/^.*\/problems\//, '') : '';
  return slug ? `problems.${slug}` : `problems.status.${problem?.status ?? 0}`;
}

/** Thrown by query hooks so error boundaries and error states receive the problem. */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.title);
  }
}

/** Unwraps an openapi-fetch answer: the data, or a ProblemError. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || result.data === undefined) {
    throw new ProblemError(isProblem(result.error) ? result.error : { type: 'about:blank', title: result.response.statusText, status: result.response.status });
  }
  return result.data;
}

/** For answers without a body (204, 202): nothing, or a ProblemError. */
export function ensureOk(result: { error?: unknown; response: Response }): void {
  if (!result.response.ok) {
    throw new ProblemError(isProblem(result.error) ? result.error : { type: 'about:blank', title: result.response.statusText, status: result.response.status });
  }
}
