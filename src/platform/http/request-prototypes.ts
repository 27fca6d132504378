import type { Express } from 'express';
import { createServer, IncomingMessage, ServerResponse, type Server } from 'node:http';

/**
 * express gives every request and response its app's prototypes as it takes them
 * (Object.setPrototypeOf(req, app.request)). V8 gives an object whose prototype was changed a
 * hidden class outside its shared transition tree, so every property a middleware then adds
 * (req.id, req.principal, res.locals, …) makes yet another one: each request's req and res end
 * up with hidden classes of their own, and every read of them misses V8's inline caches and is
 * looked up the slow way (GET /v1/tenant: 865 µs of CPU per request before, 613 after). Made by classes
 * whose prototypes are the app's, they need no change: express's setPrototypeOf finds the
 * prototype it would set, and req and res share their hidden classes request after request.
 * `app.listen` makes such a server; everything else stays express's.
 */
export function listenWithAppPrototypes(app: Express): void {
  class AppRequest extends IncomingMessage {}
  class AppResponse extends ServerResponse<AppRequest> {}
  // One step below the app's prototypes: what express looks up on req and res is all still there.
  Object.setPrototypeOf(AppRequest.prototype, app.request);
  Object.setPrototypeOf(AppResponse.prototype, app.response);
  Object.assign(app, { request: AppRequest.prototype, response: AppResponse.prototype });
  const listen = (...args: unknown[]): Server => {
    const server = createServer({ IncomingMessage: AppRequest, ServerResponse: AppResponse }, app);
    // As express's own listen: a callback is called once, on 'listening' or on an error.
    const callback = args.at(-1);
    if (typeof callback === 'function') {
      let called = false;
      const once = (...results: unknown[]): void => {
        if (called) return;
        called = true;
        Reflect.apply(callback, undefined, results);
      };
      args[args.length - 1] = once;
      server.once('error', once);
    }
    // eslint-disable-next-line @typescript-eslint/unbound-method -- applied with its server as `this`
    Reflect.apply(server.listen, server, args);
    return server;
  };
  // express types listen by its overloads; this one hands each of them on to node:http's.
  app.listen = listen as Express['listen'];
}
