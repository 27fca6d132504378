import { expect } from 'chai';
import { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import { loadSpec } from '../../src/platform/http/contract.js';
import { inlinedRouter, OperationRoutes } from '../../src/platform/http/operation-dispatch.js';
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

/** The routers mounted one after another, as express walks them. */
function walkOf(routers: Router[]): Router {
  const walk = Router();
  for (const router of routers) walk.use(router);
  return walk;
}

describe('dispatch by the matched operation', () => {
  const walkHandler = handler('walk');
  const recorded = (): OperationRoutes => {
    const routes = new OperationRoutes();
    routes.record('getThing', Router().get('/v1/things/:thingId', handler('thing')));
    routes.record('getSpecial', Router().get('/v1/things/special', handler('special, passing on', true), handler('special')));
    routes.record('deleteThing', Router().delete('/v1/things/:thingId', handler('delete thing')));
    return routes;
  };

  it('runs the matched operation\'s handlers with the parameters and route express gives them', async () => {
    const outcome = await run(recorded().dispatch(walkHandler), 'DELETE', '/v1/things/a%20b', 'deleteThing');
    expect(outcome).to.deep.equal({ answered: ['delete thing'], params: [{ thingId: 'a b' }], routes: ['/v1/things/:thingId'], ended: false });
    const chained = await run(recorded().dispatch(walkHandler), 'GET', '/v1/THINGS/Special/', 'getSpecial');
    expect(chained.answered).to.deep.equal(['special, passing on', 'special']);
  });

  it('answers with the operation the contract matched, whichever route was registered first', async () => {
    expect((await run(recorded().dispatch(walkHandler), 'GET', '/v1/things/special', 'getSpecial')).answered).to.deep.equal(['special, passing on', 'special']);
    expect((await run(recorded().dispatch(walkHandler), 'GET', '/v1/things/other', 'getThing')).answered).to.deep.equal(['thing']);
  });

  it('walks the routers for a request without a matched operation, or with one no table serves', async () => {
    expect((await run(recorded().dispatch(walkHandler), 'GET', '/health/live')).answered).to.deep.equal(['walk']);
    expect((await run(recorded().dispatch(walkHandler), 'GET', '/v1/nobody', 'unserved')).answered).to.deep.equal(['walk']);
  });

  it('refuses an operation recorded twice: a request could only reach one of them', () => {
    const routes = recorded();
    expect(() => routes.record('getThing', Router().get('/v1/things/:thingId', handler('again')))).to.throw('operation getThing is served twice');
  });

  it('answers every operation of the contract with its own handler and path parameters', async () => {
    const contract = contractOperations(loadSpec());
    const routes = new OperationRoutes();
    for (const { operationId, method, path } of contract) routes.record(operationId, Router()[method](path, handler(operationId)));
    const dispatch = routes.dispatch(walkHandler);
    for (const { operationId, method, path } of contract) {
      const url = path.replace(/:[^/]+/g, 'x1');
      const outcome = await run(dispatch, method.toUpperCase(), url, operationId);
      const names = [...path.matchAll(/:([^/]+)/g)].map((match) => match[1] ?? '');
      expect(outcome, `${method} ${path}`).to.deep.equal({ answered: [operationId], params: [Object.fromEntries(names.map((name) => [name, 'x1']))], routes: [path], ended: false });
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
