import { timingSafeEqual } from 'node:crypto';
import express, { type Express, type Router } from 'express';

/**
 * The operator's side door: /metrics in Prometheus text format plus the health endpoints, on a
 * port of its own (METRICS_PORT) that the Ingress never routes to. With METRICS_TOKEN set a
 * scrape must also carry `Authorization: Bearer <token>`, for networks where the port is shared.
 */
/** What a scrape reads: a process's registry, or the primary's collection over its api processes. */
export interface MetricsSource {
  readonly contentType: string;
  metrics(): Promise<string>;
}

export function metricsApp(options: { registry: MetricsSource; token?: string | undefined; health: Router }): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(options.health);
  app.get('/metrics', async (req, res) => {
    if (options.token && !bearerMatches(req.get('authorization'), options.token)) {
      res.status(401).setHeader('www-authenticate', 'Bearer realm="metrics"').type('text/plain').send('metrics need the bearer token\n');
      return;
    }
    try {
      const body = await options.registry.metrics();
      res.setHeader('content-type', options.registry.contentType);
      res.send(body);
    } catch {
      res.status(500).type('text/plain').send('metrics could not be collected\n');
    }
  });
  app.use((_req, res) => {
    res.status(404).type('text/plain').send('not found\n');
  });
  return app;
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '');
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
