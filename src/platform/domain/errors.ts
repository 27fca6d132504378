/**
 * What kind of failure a domain error is; the HTTP layer turns the kind into a status in one
 * place, and the code into the problem type, so domain code never speaks HTTP.
 */
export type FailureKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'too_large'
  | 'unsupported'
  | 'rate_limited'
  /** The server cannot take this now (HTTP 503); it may succeed later. */
  | 'unavailable'
  /** The client software is too old for this organisation (HTTP 426). */
  | 'upgrade_required';

export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly kind: FailureKind;
  /** Field-level problems, as a JSON pointer into the request and a message. */
  readonly fields: ReadonlyArray<{ pointer: string; detail: string }> = [];

  constructor(readonly title: string, readonly detail: string) {
    super(detail);
    this.name = new.target.name;
  }
}

export class NotFound extends DomainError {
  readonly code: string;
  readonly kind = 'not_found' as const;
  constructor(what: string) {
    super(`${what} not found`, `No ${what.toLowerCase()} with this id exists.`);
    this.code = `${what.toUpperCase().replace(/\s+/g, '_')}.NOT_FOUND`;
  }
}

/** Raised wherever a suspended tenant's user tries anything; the HTTP kernel checks every request. */
export class TenantSuspended extends DomainError {
  readonly code = 'TENANT.SUSPENDED';
  readonly kind = 'forbidden' as const;
  constructor() {
    super(
      'Organisation suspended',
      'Your organisation’s access to the platform is suspended. Contact your administrator or the platform operator.',
    );
  }
}

/**
 * What a module tells a client developer about each of its error codes: GET /problems/<slug>
 * (the code in lower case, with '.' and '_' as '-') answers with it. Codes of kind not_found are
 * answered as the general not-found problem and need no entry.
 */
export type ProblemTypes = Readonly<Record<string, { kind: FailureKind; title: string; description: string }>>;

export function assertUnreachable(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
