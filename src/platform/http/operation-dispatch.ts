import { Router, type RequestHandler } from 'express';

/** An operation of the contract: its id, method and express path (`/v1/users/:userId`). */
export interface ContractOperation {
  operationId: string;
  method: string;
  path: string;
}

type Layer = Router['stack'][number];

/**
 * Sends a request the contract validator has matched to the routes that can answer its
 * operation, instead of walking every router mounted one after another (path matcher after path
 * matcher, and a turn of the event loop for each router left without a match).
 *
 * The answer is the one the walk gives: per operation, the routes kept are those, in the walk's
 * order, whose method is the operation's and whose path can match a path of the operation's (a
 * literal where the other has a literal of another spelling is the only way two paths of the same
 * length cannot match the same request); no other route of the walk could take the request.
 * express itself still matches those routes, fills in the parameters and runs the handlers. The
 * routers are read once: when one holds anything other than routes and routers mounted at '/'
 * (a middleware, a mount path, parameter callbacks), every request walks them all as before. A
 * request without a matched operation (a path the validator does not manage) walks them too.
 */
export function operationDispatch(routers: readonly Router[], operations: readonly ContractOperation[]): RequestHandler {
  const walk = inlinedRouter(routers);
  const byOperation = new Map<string, Router>();
  const routes = routesOf(routers) ?? [];
  for (const operation of routes.length > 0 ? operations : []) {
    if (!PLAIN_PATH.test(operation.path)) continue;
    const method = operation.method.toUpperCase();
    const candidates = routes.filter((route) => answers(route, method) && mayMatchSamePath(route.path, operation.path));
    if (candidates.length === 0) continue;
    const dispatch = Router();
    dispatch.stack.push(...candidates.map((route) => route.layer));
    byOperation.set(operation.operationId, dispatch);
  }
  return (req, res, next) => {
    const operationId = matchedOperation(req);
    (operationId === undefined ? walk : (byOperation.get(operationId) ?? walk))(req, res, next);
  };
}

/**
 * Routers mounted at '/' in one another, as one router of their layers in the order express walks
 * them: the same layers run for every request, without entering each router and leaving it
 * through setImmediate when none of its layers answered. Kept nested when that could change
 * anything: a router with parameter callbacks, or an error handler inside one (an error raised
 * before a router never reaches its error handlers, as it would in one router).
 */
export function inlinedRouter(routers: readonly Router[]): Router {
  const inlined = Router();
  const layers: Layer[] = [];
  const visit = (router: Router): boolean => {
    if (Object.keys(ownParams(router)).length > 0) return false;
    for (const layer of router.stack) {
      if (!layer.route && isRouter(layer.handle) && Reflect.get(layer, 'slash') === true) {
        if (!visit(layer.handle)) return false;
      } else if (!layer.route && layer.handle.length === 4) {
        return false;
      } else {
        layers.push(layer);
      }
    }
    return true;
  };
  if (routers.every(visit)) inlined.stack.push(...layers);
  else for (const router of routers) inlined.use(router);
  return inlined;
}

interface Route {
  layer: Layer;
  /** Null when the path is not a plain string of literal and `:name` segments: it may match anything. */
  path: string | null;
  /** Upper case; null for every method (`route.all()`, or methods that cannot be read). */
  methods: Set<string> | null;
}

const answers = (route: Route, method: string): boolean => route.methods === null || route.methods.has(method);

/** The routes of the routers in the order express walks them; null if a router holds anything else. */
function routesOf(routers: readonly Router[]): Route[] | null {
  const found: Route[] = [];
  const visit = (router: Router): boolean => {
    // A parameter callback (router.param) runs for the router's own layers only.
    if (Object.keys(ownParams(router)).length > 0) return false;
    for (const layer of router.stack) {
      if (layer.route) {
        const path: unknown = layer.route.path;
        found.push({ layer, path: typeof path === 'string' && PLAIN_PATH.test(path) ? path : null, methods: methodsOf(layer.route) });
      } else if (isRouter(layer.handle) && Reflect.get(layer, 'slash') === true) {
        if (!visit(layer.handle)) return false;
      } else {
        return false;
      }
    }
    return true;
  };
  return routers.every(visit) ? found : null;
}

const PLAIN_PATH = /^(\/(:[A-Za-z_$][\w$]*|[A-Za-z0-9_~-]+))+\/?$|^\/$/;

/**
 * Whether one request path can match both: as many segments, and no position where both have a
 * literal and the literals differ (compared ignoring case, as express and the validator do by
 * default; a router that matches case-sensitively only matches fewer).
 */
function mayMatchSamePath(routePath: string | null, operationPath: string): boolean {
  if (routePath === null) return true;
  const mine = segments(routePath);
  const theirs = segments(operationPath);
  if (mine.length !== theirs.length) return false;
  return mine.every((segment, at) => {
    const other = theirs[at] ?? '';
    return segment.startsWith(':') || other.startsWith(':') || segment.toLowerCase() === other.toLowerCase();
  });
}

const segments = (path: string): string[] => path.replace(/\/$/, '').split('/');

/** The methods a route answers (GET's answer HEAD too); null for all of them. */
function methodsOf(route: object): Set<string> | null {
  const methods: unknown = Reflect.get(route, 'methods');
  const names = methods && typeof methods === 'object' ? Object.keys(methods).filter((name) => Reflect.get(methods, name) === true) : [];
  if (names.length === 0 || names.includes('_all')) return null;
  const upper = new Set(names.map((name) => name.toUpperCase()));
  if (upper.has('GET')) upper.add('HEAD');
  return upper;
}

function isRouter(handle: unknown): handle is Router {
  return typeof handle === 'function' && Array.isArray(Reflect.get(handle, 'stack')) && typeof Reflect.get(handle, 'handle') === 'function';
}

function ownParams(router: Router): object {
  const params: unknown = Reflect.get(router, 'params');
  return params && typeof params === 'object' ? params : {};
}

/** The operationId the contract validator matched (req.openapi), if it matched one. */
function matchedOperation(req: object): string | undefined {
  const openapi: unknown = Reflect.get(req, 'openapi');
  const schema: unknown = openapi && typeof openapi === 'object' ? Reflect.get(openapi, 'schema') : undefined;
  const operationId: unknown = schema && typeof schema === 'object' ? Reflect.get(schema, 'operationId') : undefined;
  return typeof operationId === 'string' ? operationId : undefined;
}
