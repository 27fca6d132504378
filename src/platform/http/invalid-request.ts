/**
 * Bad input the contract cannot state (a header's numeric range): thrown by a route handler and
 * answered exactly as the contract validator answers, 400 validation-failed with a pointer to
 * where it is. Not a domain error: a header is no business of the domain.
 */
export class InvalidRequest extends Error {
  readonly status = 400;
  readonly errors: Array<{ path: string; message: string }>;
  constructor(where: 'headers' | 'query', name: string, problem: string) {
    super(`${name} ${problem}`);
    this.errors = [{ path: `.${where}.${name.toLowerCase()}`, message: problem }];
  }
}
