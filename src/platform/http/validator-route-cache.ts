import { createRequire } from 'node:module';

type PathToRegexp = (path: unknown, options?: Record<string, unknown>) => { regexp: RegExp; keys: Array<{ name: string }> };

/**
 * express-openapi-validator 5.6 finds a request's operation by compiling the path matcher of every
 * route it scans, on every request (a tenth of a light request's time). Upstream has the fix as
 * an open pull request (cdimascio/express-openapi-validator#1217, "perf: cache route matchers");
 * until a release has it, the path-to-regexp the validator loads answers the same route
 * template and options with the matcher it compiled before. Matchers are stateless (no `g` flag)
 * and the validator only reads them; the templates are the contract's paths, so the cache is
 * bounded by the spec. Remove this once the validator caches its matchers itself.
 */
export function cacheValidatorRouteMatchers(): void {
  const fromValidator = createRequire(createRequire(import.meta.url).resolve('express-openapi-validator'));
  const module = fromValidator('path-to-regexp') as { pathToRegexp: PathToRegexp & { cached?: true } };
  if (module.pathToRegexp.cached) return;
  const compile = module.pathToRegexp;
  const matchers = new Map<string, ReturnType<PathToRegexp>>();
  const cached = ((path: unknown, options?: Record<string, unknown>) => {
    if (typeof path !== 'string') return compile(path, options);
    const key = `${options?.sensitive ? 's' : '-'}${options?.strict ? 't' : '-'}${Object.keys(options ?? {}).filter((k) => k !== 'sensitive' && k !== 'strict').length ? JSON.stringify(options) : ''} ${path}`;
    let matcher = matchers.get(key);
    if (!matcher) {
      matcher = compile(path, options);
      matchers.set(key, matcher);
    }
    return matcher;
  }) as PathToRegexp & { cached?: true };
  cached.cached = true;
  module.pathToRegexp = cached;
}
