import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { DomainError, assertUnreachable, type FailureKind } from '../domain/errors.js';
import type { Logger } from '../logging/logger.js';
import { PROBLEM_CATALOGUE, problem, slugOfCode, type FieldProblem } from './problems.js';

export function statusOf(kind: FailureKind): number {
  switch (kind) {
    case 'invalid':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'gone':
      return 410;
    case 'too_large':
      return 413;
    case 'unsupported':
      return 415;
    case 'rate_limited':
      return 429;
    case 'upgrade_required':
      return 426;
    case 'unavailable':
      return 503;
    default:
      return assertUnreachable(kind);
  }
}

export function sendProblem(
  res: Response,
  props: { slug: string; status: number; title: string; detail: string; errors?: FieldProblem[] },
): void {
  const requestId = String(res.getHeader('x-request-id') ?? '');
  res
    .status(props.status)
    .type('application/problem+json')
    .send(JSON.stringify(problem({ ...props, instance: requestId })));
}

function catalogued(res: Response, slug: string, detail: string, errors?: FieldProblem[]): void {
  const entry = PROBLEM_CATALOGUE[slug]!;
  sendProblem(res, { slug, status: entry.status, title: entry.title, detail, ...(errors ? { errors } : {}) });
}

interface ValidatorError {
  status: number;
  errors?: Array<{ path?: string; message?: string }>;
  message?: string;
}

function isValidatorError(error: unknown): error is ValidatorError {
  return typeof error === 'object' && error !== null && 'status' in error && Array.isArray((error as ValidatorError).errors);
}

/** '.body.firstAdmin.email' -> '/body/firstAdmin/email', '.params.userId' -> '/path/userId' */
function pointerOf(path: string | undefined): string {
  if (!path) return '';
  const pointer = path.startsWith('/') ? path : '/' + path.replace(/^\./, '').replace(/\[(\d+)\]/g, '.$1').split('.').join('/');
  // The validator says "params" for path parameters; our pointers say where they are.
  return pointer.replace(/^\/params\//, '/path/');
}

/**
 * A body with a discriminator (`kind`) is checked against the schema of its kind alone, so its
 * errors say where inside the body they are (`/title`), not `/body/title`; an unknown kind is
 * reported against the request path, with the allowed values in the message.
 */
function discriminatedPointer(e: { path?: string; message?: string }, requestPath: string): string {
  if (e.path === requestPath) {
    const property = /^'([^']+)' must be equal to one of the allowed values/.exec(e.message ?? '')?.[1];
    return property ? `/body/${property}` : '/body';
  }
  const pointer = pointerOf(e.path);
  return /^\/(query|path|headers|cookies)(\/|$)/.test(pointer) ? pointer : `/body${pointer}`;
}

/**
 * The one place where failures become HTTP: domain errors by their kind and code, the
 * contract validator's and body parser's errors by their status. Anything else is a bug:
 * it is logged with the request id and the client learns nothing about its insides.
 */
export function errorHandler(logger: Logger, options: { discriminatedBodies?: ReadonlySet<string> } = {}): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    // Refused before its body was read (an upload by a caller who may not): the rest of the body
    // is not received, so the connection cannot carry another request.
    if (!req.complete) res.setHeader('connection', 'close');
    if (error instanceof DomainError) {
      const retryAfter = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
      if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
      const slug = error.kind === 'not_found' ? 'not-found' : slugOfCode(error.code);
      const title = error.kind === 'not_found' ? 'Not found' : error.title;
      const fields = error.fields.map((f) => ({ pointer: `/body${f.pointer}`, detail: f.detail }));
      sendProblem(res, { slug, status: statusOf(error.kind), title, detail: error.detail, ...(fields.length ? { errors: fields } : {}) });
      return;
    }
    const bodyParserType = (error as { type?: string }).type;
    if (bodyParserType === 'entity.too.large') {
      catalogued(res, 'payload-too-large', `The request body is larger than ${String((error as { limit?: number }).limit ?? '')} bytes.`);
      return;
    }
    if (bodyParserType === 'entity.parse.failed') {
      catalogued(res, 'malformed-json', 'The request body is not valid JSON.');
      return;
    }
    if (bodyParserType === 'encoding.unsupported' || bodyParserType === 'charset.unsupported') {
      catalogued(res, 'unsupported-media-type', 'The body’s character set or encoding is not supported; send UTF-8.');
      return;
    }
    if (isValidatorError(error)) {
      switch (error.status) {
        case 400: {
          const route = (req as { openapi?: { openApiRoute?: string } }).openapi?.openApiRoute;
          const discriminated = route !== undefined && options.discriminatedBodies?.has(`${req.method} ${route}`) === true;
          const errors = (error.errors ?? []).map((e) => ({ pointer: discriminated ? discriminatedPointer(e, req.path) : pointerOf(e.path), detail: e.message ?? 'is invalid' }));
          const count = errors.length;
          catalogued(res, 'validation-failed', `The request has ${count} invalid field${count === 1 ? '' : 's'}.`, errors);
          return;
        }
        case 404:
          catalogued(res, 'not-found', `There is no ${req.method} ${req.path} in this API.`);
          return;
        case 405:
          catalogued(res, 'method-not-allowed', `${req.method} is not allowed on ${req.path}.`);
          return;
        case 413:
          catalogued(res, 'payload-too-large', 'The request body is too large.');
          return;
        case 415:
          catalogued(res, 'unsupported-media-type', `${req.get('content-type') ?? 'This content type'} is not accepted here; send application/json.`);
          return;
        default:
          if (error.status === 500) break;
          sendProblem(res, { slug: 'validation-failed', status: error.status, title: 'Invalid request', detail: error.message ?? 'The request was refused.' });
          return;
      }
    }
    // Two requests racing for the same row (a unique key both inserted, a serialization failure
    // or a deadlock): the transaction rolled back, so the loser changed nothing and may simply retry.
    const sqlState = (error as { code?: unknown }).code;
    if (sqlState === '23505' || sqlState === '40001' || sqlState === '40P01') {
      logger.warn({ err: error, reqId: res.getHeader('x-request-id') }, 'concurrent change refused');
      catalogued(res, 'concurrent-change', 'Another request changed the same data at the same moment; this one changed nothing. Send it again.');
      return;
    }
    logger.error({ err: error, reqId: res.getHeader('x-request-id') }, 'unhandled error');
    catalogued(res, 'internal-error', 'The request could not be completed. Quote the instance id if you contact support.');
  };
}

export const notFoundHandler: RequestHandler = (req, res) => {
  catalogued(res, 'not-found', `There is no ${req.method} ${req.path} in this API.`);
};
