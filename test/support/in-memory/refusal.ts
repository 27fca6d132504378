import { expect } from 'chai';
import type { DomainError } from '../../../src/platform/domain/errors.js';
import type { Result } from '../../../src/platform/domain/result.js';
import { errorOf } from './result.js';

/**
 * The error of a result the spec expects to fail with this class and code (the code tells one
 * NotFound from another: `GROUP.NOT_FOUND`, `MEDIA.NOT_FOUND`), returned for further checks.
 */
export function refusal<T, E extends DomainError, C extends E>(result: Result<T, E>, type: abstract new (...args: never[]) => C, code: string): C {
  const error = errorOf(result);
  expect(error, `${error.name}: ${error.message}`).to.be.instanceOf(type);
  expect(error.code).to.equal(code);
  return error as C;
}
