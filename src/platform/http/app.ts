import { randomUUID } from 'node:crypto';
import express, { type Express, type RequestHandler, type Router } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import { redactUrl, type Logger } from '../logging/logger.js';
import { authenticate, type Passport } from './authentication.js';
import type { OpenApiDocument } from './contract.js';
import type { ProblemTypes } from '../domain/errors.js';
import { errorHandler, notFoundHandler, sendProblem, statusOf } from './error-handler.js';
import { inputGuard, withIntegerBounds } from './input-guard.js';
import { inlinedRouter, type OperationRoutes } from './operation-dispatch.js';
import { PROBLEM_CATALOGUE, slugOfCode } from './problems.js';
import { listenWithAppPrototypes } from './request-prototypes.js';
import { fixedHeaders } from './security-headers.js';
import { cacheValidatorRouteMatchers } from './validator-route-cache.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;
/** What `app.use('/v1', …)` matches: the prefix as a whole path segment, in any case (express routes case-insensitively). */
const API_PATH = /^\/v1(?:\/|$)/i;

export interface HttpAppOptions {
  logger: Logger;
  spec: OpenApiDocument;
  bodyLimit: string;
  /** express 'trust proxy': false, true, a hop count, or addresses. */
  trustProxy: string;
  validateResponses: boolean;
  /** Send HSTS on every response, not only on those that came over TLS (a proxy that terminates TLS without saying so). */
  hstsAlways: boolean;
  passport: Passport;
  /** The general request budget, run right after authentication (it counts per tenant and key). */
  rateLimit?: RequestHandler;
  /** Times every request for /metrics; first, so refused requests are timed too. */
  requestMetrics?: RequestHandler;
  routers: Router[];
  /** The routers' operations by operationId (Endpoints.routes): a matched request goes straight to its route. */
  operations: OperationRoutes;
  /** Run after authentication and before contract validation: streamed uploads. */
  beforeValidation?: Router[];
  /** HTML pages outside the API contract, such as the account activation page. */
  pages?: Router[];
  /** The problem types that modules define (by error code), for GET /problems/<slug>. */
  problemTypes?: ProblemTypes;
}

/**
 * The HTTP kernel: request ids and JSON logs, security headers, body limits, authentication,
 * contract validation of every request before any handler runs, and problem+json for every error.
 */
export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  listenWithAppPrototypes(app);
  app.disable('x-powered-by');
  app.set('query parser', 'extended');
  app.set('trust proxy', trustProxySetting(options.trustProxy));
  if (options.requestMetrics) app.use(options.requestMetrics);

  app.use(
    pinoHttp({
      logger: options.logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      // pino-http's wrapping would first copy every request into pino's standard shape (all
      // headers, addresses, params) only for ours to keep three fields: a cost on every request.
      // Unwrapped, ours get the request and response themselves, and errors keep the logger's own
      // serializer (query values left out).
      wrapSerializers: false,
      serializers: {
        // Older mailed links carry their credential in the query (/activate?token=…), signed file links their sig.
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );

  app.use(
    '/docs',
    helmet({ contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'data:'] } } }),
    swaggerUi.serve,
    swaggerUi.setup(options.spec, { customSiteTitle: 'Crisis platform API', swaggerOptions: { docExpansion: 'list' } }),
  );
  // helmet's values, taken once: every response gets them without a dozen middleware steps. HSTS
  // is only meaningful (and only honoured by browsers) over TLS: sent when the request came over
  // it, directly or per a trusted proxy's X-Forwarded-Proto (TRUST_PROXY), or when configured.
  const securityHeaders = fixedHeaders(helmet({ strictTransportSecurity: false }));
  const hsts = fixedHeaders(helmet.strictTransportSecurity({ maxAge: 365 * 24 * 3600, includeSubDomains: true }));
  app.use((req, res, next) => {
    securityHeaders(res);
    if (options.hstsAlways || req.secure) hsts(res);
    // API answers carry personal data: no cache, shared or private, keeps them unless a handler
    // says explicitly that its answer may be kept (it sets its own Cache-Control). Tested here
    // rather than as a middleware mounted on /v1, which would cut the prefix off the URL and put
    // it back (parsing it twice more) on every API request.
    if (API_PATH.test(req.path)) res.setHeader('cache-control', 'no-store');
    next();
  });

  app.get('/openapi.json', (_req, res) => {
    res.json(options.spec);
  });
  const catalogue = new Map(Object.entries(PROBLEM_CATALOGUE));
  for (const [code, type] of Object.entries(options.problemTypes ?? {})) {
    catalogue.set(slugOfCode(code), { status: statusOf(type.kind), title: type.title, description: type.description });
  }
  app.get('/problems/:slug', (req, res) => {
    const entry = catalogue.get(req.params.slug);
    if (!entry) {
      sendProblem(res, { slug: 'not-found', status: 404, title: 'Not found', detail: 'No such problem type.' });
      return;
    }
    res.json({ type: `/problems/${req.params.slug}`, title: entry.title, status: entry.status, description: entry.description });
  });

  if (options.pages?.length) app.use(inlinedRouter(options.pages));

  app.use(express.json({ limit: options.bodyLimit, type: ['application/json', 'application/*+json'] }));
  app.use(authenticate(options.passport));
  if (options.rateLimit) app.use(options.rateLimit);
  if (options.beforeValidation?.length) app.use(inlinedRouter(options.beforeValidation));
  app.use(formEncodedSpaces);
  // After the uploads, so a multipart file name is checked like any body string.
  app.use(inputGuard(options.spec));
  cacheValidatorRouteMatchers();
  app.use(
    OpenApiValidator.middleware({
      apiSpec: withIntegerBounds(options.spec) as never,
      // Every field problem at once, so a form can show them all; bodies are size-limited above
      // and no schema uses uniqueItems, which keeps allErrors' cost bounded. Query and path
      // parameters are always coerced from text; a JSON body is not, so 1e309 or 12 is never
      // taken for the string "Infinity" or "12", nor "5" for a number.
      validateRequests: { allErrors: true, allowUnknownQueryParameters: false, coerceTypes: false, removeAdditional: false },
      validateResponses: options.validateResponses ? { removeAdditional: false } : false,
      validateSecurity: false,
      validateFormats: true,
      // Full format checks: 'fast' takes 2026-02-30 for a date.
      ajvFormats: { mode: 'full' },
      // Uploads are streamed to disk by their own handler before this point, never buffered by multer.
      fileUploader: false,
      ignorePaths: /^\/(docs|openapi\.json|problems)(\/|$)/,
    }),
  );
  // The validator has matched the operation: its route answers; the rest walks the routers.
  app.use(options.operations.dispatch(inlinedRouter(options.routers)));
  app.use(notFoundHandler);
  app.use(errorHandler(options.logger, { discriminatedBodies: discriminatedBodies(options.spec) }));
  return app;
}

/**
 * A query string from an HTML form (or URLSearchParams) writes a space as `+`; the query parser
 * reads it as a space, but the contract validator checks the raw string for reserved characters
 * and would refuse `search=Annet+van`. A literal plus is always sent as %2B, so every raw `+` in
 * a query is a space: spelling it %20 gives the validator the same value the handler reads.
 */
const formEncodedSpaces: RequestHandler = (req, _res, next) => {
  const query = req.url.indexOf('?');
  if (query >= 0 && req.url.includes('+', query)) {
    req.url = req.url.slice(0, query) + req.url.slice(query).replace(/\+/g, '%20');
    const original = req.originalUrl.indexOf('?');
    if (original >= 0) req.originalUrl = req.originalUrl.slice(0, original) + req.originalUrl.slice(original).replace(/\+/g, '%20');
  }
  next();
};

/**
 * The operations whose JSON body is a oneOf with a discriminator ("POST /v1/content/items"): the
 * validator checks those against the chosen kind's schema, which changes where its errors point.
 */
function discriminatedBodies(spec: OpenApiDocument): Set<string> {
  const resolve = (node: unknown): Record<string, unknown> | undefined => {
    let current = node as Record<string, unknown> | undefined;
    while (current && typeof current.$ref === 'string' && current.$ref.startsWith('#/')) {
      current = current.$ref
        .slice(2)
        .split('/')
        .reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], spec) as
        | Record<string, unknown>
        | undefined;
    }
    return current;
  };
  const found = new Set<string>();
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const body = resolve((operation as { requestBody?: unknown }).requestBody) as { content?: Record<string, { schema?: unknown }> } | undefined;
      const schema = resolve(body?.content?.['application/json']?.schema);
      if (!schema?.discriminator) continue;
      // Under either spelling of a path template, the contract's or express's (/v1/items/:itemId).
      found.add(`${method.toUpperCase()} ${path}`);
      found.add(`${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`);
    }
  }
  return found;
}

function trustProxySetting(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return /^\d+$/.test(value) ? Number(value) : value;
}
