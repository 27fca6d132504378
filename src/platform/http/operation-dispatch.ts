import { Router, type RequestHandler } from 'express';

/**
 * The route of each operation, by operationId, as the operation tables register them. The
 * contract validator has already matched a request to its operation, so the kernel sends it
 * straight to that operation's route instead of walking every router mounted one after another
 * (a path matcher per route, and a turn of the event loop for each router left without a match).
 * Each route is a router of its own route: express still matches its path, fills in the
 * parameters as text and runs its handlers, exactly as it does in the walk.
 */
export class OperationRoutes {
  private readonly routes = new Map<string, Router>();

  record(operationId: string, route: Router): void {
    if (this.routes.has(operationId)) throw new Error(`operation ${operationId} is served twice`);
    this.routes.set(operationId, route);
  }

  has(operationId: string): boolean {
    return this.routes.has(operationId);
  }

  /**
   * Sends a request to its matched operation's route; a request the validator did not match to a
   * recorded operation (a path outside the contract, /health) goes through `otherwise`.
   */
  dispatch(otherwise: RequestHandler): RequestHandler {
    return (req, res, next) => {
      const operationId = matchedOperation(req);
      const route = operationId === undefined ? undefined : this.routes.get(operationId);
      (route ?? otherwise)(req, res, next);
    };
  }
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
  const layers: Array<Router['stack'][number]> = [];
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
