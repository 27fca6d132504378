import { expect } from 'chai';
import { createRequire } from 'node:module';
import { loadSpec } from '../../src/platform/http/contract.js';
import { candidates, type CompiledRoute } from '../../src/platform/http/validator-route-cache.js';

// The matcher the validator compiles its routes with, from its own dependencies.
const { pathToRegexp } = createRequire(createRequire(import.meta.url).resolve('express-openapi-validator'))('path-to-regexp') as {
  pathToRegexp: (path: string, options: { sensitive: boolean }) => { regexp: RegExp; keys: Array<{ name: string }> };
};

describe("the validator's route lookup over candidates", () => {
  const table: CompiledRoute[] = Object.keys(loadSpec().paths).map((openApiRoute) => {
    const expressRoute = openApiRoute.replace(/\{([^}]+)\}/g, ':$1');
    const { regexp, keys } = pathToRegexp(expressRoute, { sensitive: false });
    return { expressRoute, openApiRoute, pathKey: openApiRoute, regexp, keys: keys.map((k) => k.name) };
  });
  // A route of another syntax is tried for every path.
  const wild = pathToRegexp('/v1/files/*rest', { sensitive: false });
  table.splice(3, 0, { expressRoute: '/v1/files/*rest', openApiRoute: '/v1/files/{rest}', pathKey: '/v1/files/{rest}', regexp: wild.regexp, keys: ['rest'] });
  const firstMatch = (routes: CompiledRoute[], path: string) => routes.find((route) => route.regexp.test(path))?.expressRoute ?? null;

  it('finds the first route of the whole table for every path, in any spelling', () => {
    const lookup = candidates(table);
    const paths = table.flatMap(({ expressRoute }) => {
      const path = expressRoute.replace(/\*rest/, 'a/b').replace(/:[^/]+/g, 'x1');
      return [path, `${path}/`, `${path}//`, path.toUpperCase(), `${path}/extra`, path.replace(/\/[^/]+$/, ''), path.replace('/v1/', '/v1//')];
    });
    for (const path of [...paths, '/', '', '/v1', '/v1/', '/nothing/here', '/v1/files/a']) {
      expect(firstMatch(lookup(path), path), path).to.equal(firstMatch(table, path));
    }
  });
});
