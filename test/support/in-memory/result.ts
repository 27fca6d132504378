import type { Result } from '../../../src/platform/domain/result.js';

/** The value of a result the spec expects to succeed; a failure ends the spec with its error. */
export function valueOf<T, E>(result: Result<T, E>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error instanceof Error ? `${result.error.name}: ${result.error.message}` : String(result.error)}`);
  return result.value;
}

/** The error of a result the spec expects to fail. */
export function errorOf<T, E>(result: Result<T, E>): E {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
  return result.error;
}
