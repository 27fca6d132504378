import { expect } from 'chai';
import { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import { loadSpec } from '../../src/platform/http/contract.js';
import { inlinedRouter, operationDispatch, type ContractOperation } from '../../src/platform/http/operation-dispatch.js';
import { contractOperations } from '../../src/platform/http/operations.js';

interface Outcome {
  answered: string[];
  params: unknown[];
  routes: unknown[];
  ended: boolean;
}

/** Runs one request through a handler; resolves once a route answered or the request went on. */
function run(handler: RequestHandler, method: string, url: string, operationId?: string): Promise<Outcome> {
  const outcome: Outcome = { answered: [], params: [], routes: [], ended: false };
  return new Promise((resolve, reject) => {
    const req = { method, url, originalUrl: url, headers: {}, params: {}, outcome, resolve, ...(operationId ? { openapi: { schema: { operationId } } } : {}) };
    handler(req as never, {} as never, (error?: unknown) => {
      if (error) reject(error instanceof Error ? error : new Error('the request failed'));
      outcome.ended = true;
      resolve(outcome);
    });
  });
}

/** A handler that notes itself, then answers (or, `passes`, lets the request go on). */
const handler =
  (name: string, passes = false): RequestHandler =>
  (req, _res, next) => {
    const { outcome, resolve } = req as unknown as { outcome: Outcome; resolve: (o: Outcome) => void };
    outcome.answered.push(name);
    outcome.params.push({ ...req.params });
    outcome.routes.push((req.route as { path?: string } | undefined)?.path);
    if (passes) next();
    else resolve(outcome);
  };

function walkOf(routers: Router[]): Router {
  const walk = Router();
  for (const router of routers) walk.use(router);
  return walk;
}

describe('dispatch by the matched operation', () => {
  const operations: ContractOperation[] = [
    { operationId: 'getThing', method: 'get', path: '/v1/things/:thingId' },
    { operationId: 'getSpecial', method: 'get', path: '/v1/things/special' },
    { operationId: 'getOther', method: 'get', path: '/v1/other' },
    { operationId: 'deleteThing', method: 'delete', path: '/v1/things/:thingId' },
    { operationId: 'unserved', method: 'get', path: '/v1/nobody' },
  ];
  const routers = (): Router[] => {
    const first = Router().get('/v1/things/:thingId', handler('thing'));
    const inner = Router().get('/v1/things/special', handler('special')).get('/v1/other', handler('other, passing on', true));
    const second = Router().use(inner).get('/v1/other', handler('other')).delete('/v1/things/:thingId', handler('delete thing'));
    return [first, second];
  };
  const requests: Array<[string, string, string | undefined]> = [
    ['GET', '/v1/things/special', 'getSpecial'],
    ['GET', '/v1/THINGS/Special/', 'getSpecial'],
    ['GET', '/v1/things/abc', 'getThing'],
    ['GET', '/v1/other', 'getOther'],
    ['DELETE', '/v1/things/abc', 'deleteThing'],
    ['GET', '/v1/nobody', 'unserved'],
    ['GET', '/v1/elsewhere', undefined],
  ];

  it('answers every request as the walk through all routers does: the same handlers, parameters and route', async () => {
    for (const [method, url, operationId] of requests) {
      const walked = await run(walkOf(routers()), method, url, operationId);
      const dispatched = await run(operationDispatch(routers(), operations), method, url, operationId);
      expect(dispatched, `${method} ${url}`).to.deep.equal(walked);
    }
  });

  it('keeps the order of the walk where two paths match one request (a route registered earlier wins)', async () => {
    const outcome = await run(operationDispatch(routers(), operations), 'GET', '/v1/things/special', 'getSpecial');
    expect(outcome.answered).to.deep.equal(['thing']);
    const passed = await run(operationDispatch(routers(), operations), 'GET', '/v1/other', 'getOther');
    expect(passed.answered).to.deep.equal(['other, passing on', 'other']);
  });

  it('does not try the routes that cannot answer the operation', async () => {
    const built = routers();
    const tried: string[] = [];
    for (const layer of [...built[0]!.stack, ...built[1]!.stack]) {
      const route = layer.route;
      const match: unknown = Reflect.get(layer, 'match');
      if (!route || typeof match !== 'function') continue;
      Reflect.set(layer, 'match', (path: string): unknown => {
        tried.push(route.path);
        return Reflect.apply(match, layer, [path]);
      });
    }
    await run(operationDispatch(built, operations), 'DELETE', '/v1/things/abc', 'deleteThing');
    expect(tried).to.deep.equal(['/v1/things/:thingId']);
  });

  it('walks every router when one holds a middleware of its own', async () => {
    const seen: string[] = [];
    const withMiddleware = (): Router[] => [
      Router().use((_req, _res, next) => {
        seen.push('middleware');
        next();
      }),
      ...routers(),
    ];
    const walked = await run(walkOf(withMiddleware()), 'GET', '/v1/things/abc', 'getThing');
    const dispatched = await run(operationDispatch(withMiddleware(), operations), 'GET', '/v1/things/abc', 'getThing');
    expect(dispatched).to.deep.equal(walked);
    expect(seen).to.deep.equal(['middleware', 'middleware']);
  });

  it('answers every operation of the contract with its own handler, as the walk does', async () => {
    const contract = contractOperations(loadSpec());
    // One router per operation, in the contract's order, as the modules' tables are built.
    const build = () => contract.map(({ operationId, method, path }) => Router()[method](path, handler(operationId)));
    const dispatch = operationDispatch(build(), contract);
    const walk = walkOf(build());
    for (const { operationId, method, path } of contract) {
      const url = path.replace(/:[^/]+/g, 'x1');
      const dispatched = await run(dispatch, method.toUpperCase(), url, operationId);
      expect(dispatched, `${method} ${path}`).to.deep.equal(await run(walk, method.toUpperCase(), url, operationId));
      expect(dispatched.answered, `${method} ${path}`).to.have.length(1);
    }
  });
});

describe('routers inlined into one', () => {
  const note =
    (name: string): RequestHandler =>
    (req, _res, next) => {
      (req as unknown as { outcome: Outcome }).outcome.answered.push(name);
      next();
    };
  const routers = (): Router[] => [
    Router().use(Router().use(note('gate')).get('/a/:token', handler('page'))),
    Router().use('/assets', note('assets'), Router().get('/x', handler('asset'))),
    Router().get(/.*/, note('any get')),
  ];

  it('runs the same layers in the same order as the routers nested', async () => {
    for (const [method, url] of [['GET', '/a/t1'], ['GET', '/assets/x'], ['POST', '/assets/x'], ['GET', '/v1/tenant'], ['POST', '/v1/users']] as const) {
      expect(await run(inlinedRouter(routers()), method, url), `${method} ${url}`).to.deep.equal(await run(walkOf(routers()), method, url));
    }
  });

  it('keeps routers nested when one of them has an error handler (an earlier router\'s error never reaches it)', async () => {
    const failing = (): Router[] => [
      Router().use((_req, _res, next) => next(new Error('refused'))),
      Router().use(((_error, req, _res, next) => {
        (req as unknown as { outcome: Outcome }).outcome.answered.push('recovered');
        next();
      }) satisfies ErrorRequestHandler),
    ];
    const nested = await run(walkOf(failing()), 'GET', '/x').catch((error: Error) => error.message);
    expect(await run(inlinedRouter(failing()), 'GET', '/x').catch((error: Error) => error.message)).to.equal(nested).and.to.equal('refused');
  });
});
