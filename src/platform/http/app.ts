import { randomUUID } from 'node:crypto';
import express, { type Express, type RequestHandler, type Router } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import type { Logger } from '../logging/logger.js';
import { authenticate, type Passport } from './authentication.js';
import type { OpenApiDocument } from './contract.js';
import { errorHandler, notFoundHandler, sendProblem } from './error-handler.js';
import { PROBLEM_CATALOGUE } from './problems.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

export interface HttpAppOptions {
  logger: Logger;
  spec: OpenApiDocument;
  bodyLimit: string;
  /** express 'trust proxy': false, true, a hop count, or addresses. */
  trustProxy: string;
  validateResponses: boolean;
  passport: Passport;
  /** Times every request for /metrics; first, so refused requests are timed too. */
  requestMetrics?: RequestHandler;
  routers: Router[];
  /** HTML pages outside the API contract, such as the account activation page. */
  /** Run after authentication and before contract validation: streamed uploads. */
  beforeValidation?: Router[];
  pages?: Router[];
  /** Extra problem types that modules define, for GET /problems/<slug>. */
  problemTitles?: Record<string, string>;
}

/**
 * The HTTP kernel: request ids and JSON logs, security headers, body limits, authentication,
 * contract validation of every request before any handler runs, and problem+json for every error.
 */
export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
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
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
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
  app.use(helmet());

  app.get('/openapi.json', (_req, res) => {
    res.json(options.spec);
  });
  app.get('/problems/:slug', (req, res) => {
    const entry = PROBLEM_CATALOGUE[req.params.slug];
    const title = entry?.title ?? options.problemTitles?.[req.params.slug];
    if (!title) {
      sendProblem(res, { slug: 'not-found', status: 404, title: 'Not found', detail: 'No such problem type.' });
      return;
    }
    res.json({ type: `/problems/${req.params.slug}`, title, status: entry?.status, description: entry?.description ?? title });
  });

  for (const pages of options.pages ?? []) app.use(pages);

  app.use(express.json({ limit: options.bodyLimit, type: ['application/json', 'application/*+json'] }));
  app.use(authenticate(options.passport));
  for (const router of options.beforeValidation ?? []) app.use(router);
  app.use(
    OpenApiValidator.middleware({
      apiSpec: options.spec as never,
      // Every field problem at once, so a form can show them all; bodies are size-limited above
      // and no schema uses uniqueItems, which keeps allErrors' cost bounded.
      validateRequests: { allErrors: true, allowUnknownQueryParameters: false, coerceTypes: true, removeAdditional: false },
      validateResponses: options.validateResponses ? { removeAdditional: false } : false,
      validateSecurity: false,
      validateFormats: true,
      // Uploads are streamed to disk by their own handler before this point, never buffered by multer.
      fileUploader: false,
      ignorePaths: /^\/(docs|openapi\.json|problems)(\/|$)/,
    }),
  );
  for (const router of options.routers) app.use(router);
  app.use(notFoundHandler);
  app.use(errorHandler(options.logger));
  return app;
}

function trustProxySetting(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return /^\d+$/.test(value) ? Number(value) : value;
}
