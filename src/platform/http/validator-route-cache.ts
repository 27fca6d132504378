import { createRequire } from 'node:module';
import type { NextFunction, Request, Response } from 'express';

type PathToRegexp = (path: string, options?: Record<string, unknown>) => { regexp: RegExp; keys: Array<{ name: string }> };

interface RouteMethods {
  basePath: string;
}

/** The parts of the validator's OpenApiContext its route lookup reads. */
interface OpenApiContext {
  expressRouteMap: Record<string, RouteMethods>;
  openApiRouteMap: Record<string, Record<string, unknown>>;
  apiDoc: { paths: Record<string, Record<string, unknown>> };
  useRequestUrl?: boolean;
  ignoreUndocumented?: boolean;
  serial: number;
  shouldIgnoreRoute(path: string): boolean;
  isManagedRoute(path: string): boolean;
  routePair(route: string): { expressRoute: string; openApiRoute: string };
}

interface ResponseDoc {
  paths: Record<string, Record<string, unknown>>;
}

export interface CompiledRoute {
  expressRoute: string;
  openApiRoute: string;
  pathKey: string;
  regexp: RegExp;
  keys: string[];
}

type ValidatorErrors = Record<'MethodNotAllowed' | 'NotFound' | 'BadRequest', new (details: Record<string, unknown>) => Error>;

/**
 * express-openapi-validator 5.6 finds a request's operation by walking every route of the
 * contract and compiling each one's path matcher, on every request (a tenth of a light request's
 * time). Upstream has a fix as an open pull request (cdimascio/express-openapi-validator#1217,
 * "perf: cache route matchers"), not released. Until it is, its metadata middleware is replaced
 * by the same one over a route table compiled once, on the first request (the routes and the
 * app's strict / case-sensitive routing are fixed by then): the same routes in the same order,
 * the same first match, the same errors; per request only the matchers of the routes that can
 * match the path run (candidates()). Remove this once the validator compiles its matchers once itself.
 */
export function cacheValidatorRouteMatchers(): void {
  const fromValidator = createRequire(createRequire(import.meta.url).resolve('express-openapi-validator'));
  const metadata = fromValidator('./middlewares/openapi.metadata') as {
    applyOpenApiMetadata: (context: OpenApiContext, responseApiDoc?: ResponseDoc) => (req: Request, res: Response, next: NextFunction) => void;
    compiledTable?: true;
  };
  if (metadata.compiledTable) return;
  const { pathToRegexp } = fromValidator('path-to-regexp') as { pathToRegexp: PathToRegexp };
  const errors = fromValidator('./framework/types') as ValidatorErrors;
  const { zipObject } = fromValidator('./middlewares/util') as { zipObject: (keys: string[], values: string[]) => Record<string, string> };
  const { httpMethods } = fromValidator('./middlewares/parsers/schema.preprocessor') as { httpMethods: Set<string> };

  metadata.applyOpenApiMetadata = (context, responseApiDoc) => {
    const tables = new Map<string, (path: string) => CompiledRoute[]>();
    const tableFor = (sensitive: boolean, strict: boolean): ((path: string) => CompiledRoute[]) => {
      const key = `${sensitive}${strict}`;
      let table = tables.get(key);
      if (!table) {
        table = candidates(
          Object.entries(context.expressRouteMap).map(([expressRoute, methods]) => {
            const { openApiRoute } = context.routePair(expressRoute);
            const { regexp, keys } = pathToRegexp(expressRoute, { sensitive, strict });
            return { expressRoute, openApiRoute, pathKey: openApiRoute.substring(methods.basePath.length), regexp, keys: keys.map((k) => k.name) };
          }),
        );
        tables.set(key, table);
      }
      return table;
    };
    const lookupRoute = (req: Request) => {
      const path = (context.useRequestUrl ? req.url : req.originalUrl).split('?')[0]!;
      const method = req.method.toLowerCase();
      for (const route of tableFor(!!req.app.enabled('case sensitive routing'), !!req.app.enabled('strict routing'))(path)) {
        const matched = route.regexp.exec(path);
        if (!matched) continue;
        try {
          const pathParams = zipObject(route.keys, matched.slice(1).map(decodeURIComponent));
          return {
            schema: context.apiDoc.paths[route.pathKey]?.[method],
            expressRoute: route.expressRoute,
            openApiRoute: route.openApiRoute,
            pathParams,
            serial: -1,
            _responseSchema: responseApiDoc?.paths[route.pathKey]?.[method],
          };
        } catch {
          throw new errors.BadRequest({ path: req.path, message: `malformed uri'` });
        }
      }
      return null;
    };
    return (req, _res, next) => {
      // As the validator's own: the base path is empty when the path is fully qualified.
      const path = req.path.startsWith(req.baseUrl) ? req.path : `${req.baseUrl}/${req.path}`;
      if (context.shouldIgnoreRoute(path)) return next();
      const matched = lookupRoute(req);
      if (matched) {
        const { expressRoute, openApiRoute, pathParams, schema } = matched;
        if (!schema) {
          // A path of the contract, but not this method.
          if (context.ignoreUndocumented) return next();
          throw new errors.MethodNotAllowed({
            path: req.path,
            message: `${req.method} method not allowed`,
            headers: {
              Allow: Object.keys(context.openApiRouteMap[openApiRoute] ?? {})
                .filter((key) => httpMethods.has(key.toLowerCase()))
                .join(', '),
            },
          });
        }
        const openapi: Record<string, unknown> = { expressRoute, openApiRoute, pathParams, schema, serial: context.serial };
        if (responseApiDoc) openapi._responseSchema = matched._responseSchema;
        (req as Request & { openapi?: unknown }).openapi = openapi;
        req.params = pathParams;
      } else if (context.isManagedRoute(path) && !context.ignoreUndocumented) {
        throw new errors.NotFound({ path: req.path, message: 'not found' });
      }
      next();
    };
  };
  metadata.compiledTable = true;
}

/** A route of literal and `:name` segments only; any other syntax may match paths of any length. */
const PLAIN_ROUTE = /^(\/(:[A-Za-z_$][\w$]*|[A-Za-z0-9_~-]+))+$/;

/**
 * The routes of the table that a path can match, in the table's order. A matcher of a plain route
 * takes exactly as many segments as the route has (and one trailing slash), each `:name` one or
 * more characters other than a slash, each literal itself in any case: so only the routes of the
 * path's segment count with its third segment (`/v1/<resource>`) as literal or parameter are
 * tried, and every route of another syntax always. The matchers still decide.
 */
export function candidates(table: CompiledRoute[]): (path: string) => CompiledRoute[] {
  const shape = (route: CompiledRoute) => {
    if (!PLAIN_ROUTE.test(route.expressRoute)) return null;
    const segments = route.expressRoute.split('/');
    const third = segments[2];
    return { count: segments.length, resource: third === undefined || third.startsWith(':') ? null : third.toLowerCase() };
  };
  const shapes = table.map(shape);
  const buckets = new Map<number, { byResource: Map<string, CompiledRoute[]>; others: CompiledRoute[] }>();
  for (const found of shapes) {
    if (!found) continue;
    const bucket = buckets.get(found.count) ?? { byResource: new Map(), others: [] };
    buckets.set(found.count, bucket);
    if (found.resource !== null && !bucket.byResource.has(found.resource)) bucket.byResource.set(found.resource, []);
  }
  const anyPath: CompiledRoute[] = [];
  table.forEach((route, at) => {
    const found = shapes[at];
    if (!found) anyPath.push(route);
    for (const [count, bucket] of buckets) {
      if (found && found.count !== count) continue;
      if (!found || found.resource === null) bucket.others.push(route);
      for (const [resource, routes] of bucket.byResource) if (!found || found.resource === null || found.resource === resource) routes.push(route);
    }
  });
  return (path) => {
    const segments = (path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path).split('/');
    const bucket = buckets.get(segments.length);
    if (!bucket) return anyPath;
    return bucket.byResource.get(segments[2]?.toLowerCase() ?? '') ?? bucket.others;
  };
}
