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
  /** Well-formed but not what this request may be (HTTP 422): an Idempotency-Key sent again with another request. */
  | 'unprocessable'
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
export type ProblemTypes = Readonly<Record<string, ProblemType>>;

export interface ProblemType {
  readonly kind: FailureKind;
  readonly title: string;
  readonly description: string;
}

export interface FieldProblem {
  readonly pointer: string;
  readonly detail: string;
}

/** What one occurrence of an error says: its detail, and the request fields it names. */
export type Occurrence = string | { readonly detail: string; readonly fields: ReadonlyArray<FieldProblem> };

/** The usual occurrence of an invalid field: "<field> <problem>." pointing at /<field>. */
export function fieldOccurrence(field: string, problem: string): Occurrence {
  return { detail: `${field} ${problem}.`, fields: [{ pointer: `/${field}`, detail: problem }] };
}

/** One error code as its class declares it: the code, and what GET /problems/<slug> says of it. */
export interface ProblemDeclaration extends ProblemType {
  readonly code: string;
}

/**
 * An error class declared with what the API documents of its code, in one line:
 * `class Closed extends problem({ code: 'X.CLOSED', kind: 'conflict', title, description }, () => '…') {}`.
 * The class carries its declaration (`problem`), from which the module's problem types are read
 * (problemsOf), so a class cannot disagree with what the API documents; an occurrence says only
 * what differs each time: its detail and fields.
 */
export function problem<const D extends ProblemDeclaration, A extends unknown[]>(declaration: D, occurrence: (...args: A) => Occurrence) {
  const { code, kind, title } = declaration;
  return class extends DomainError {
    static readonly problem: D = declaration;
    override readonly fields: ReadonlyArray<FieldProblem>;
    readonly code: D['code'] = code;
    readonly kind: D['kind'] = kind;
    constructor(...args: A) {
      const said = occurrence(...args);
      super(title, typeof said === 'string' ? said : said.detail);
      this.fields = typeof said === 'string' ? [] : said.fields;
    }
  };
}

/**
 * The problem types of a module's error classes (its errors file, imported whole): every class
 * made by problem(), but those of kind not_found, which are answered as the general not-found
 * problem. Whatever else the file exports is passed over.
 */
export function problemsOf(exported: Readonly<Record<string, unknown>>): ProblemTypes {
  const declarations = Object.values(exported).flatMap((value) => (typeof value === 'function' && 'problem' in value && isDeclaration(value.problem) ? [value.problem] : []));
  return Object.fromEntries(declarations.filter((type) => type.kind !== 'not_found').map(({ code, kind, title, description }) => [code, { kind, title, description }]));
}

function isDeclaration(value: unknown): value is ProblemDeclaration {
  return typeof value === 'object' && value !== null && 'code' in value && typeof value.code === 'string' && 'kind' in value && 'title' in value && 'description' in value;
}

export function assertUnreachable(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
