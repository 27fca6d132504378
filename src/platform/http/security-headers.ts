import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';

type HeaderMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * What a header middleware of helmet's does to a response, taken once from a dry run and done
 * again on every response: the same headers with the same values, in the same order, in one step
 * instead of a middleware per header. Only for middlewares whose headers depend on nothing of the
 * request, as helmet's do unless a CSP directive is a function (ours are all fixed strings).
 */
export function fixedHeaders(middleware: HeaderMiddleware): (res: ServerResponse) => void {
  const steps: Array<{ name: string; value: string | number | readonly string[] | null }> = [];
  const req = new IncomingMessage(new Socket());
  const probe = new ServerResponse(req);
  probe.setHeader = (name, value) => {
    steps.push({ name, value });
    return probe;
  };
  probe.removeHeader = (name) => {
    steps.push({ name, value: null });
  };
  let passed = false;
  middleware(req, probe, (error) => {
    if (error) throw error instanceof Error ? error : new Error('a header middleware failed');
    passed = true;
  });
  if (!passed) throw new Error('a header middleware that does not go on at once cannot be taken as fixed headers');
  return (res) => {
    for (const { name, value } of steps) {
      if (value === null) res.removeHeader(name);
      else res.setHeader(name, value);
    }
  };
}
