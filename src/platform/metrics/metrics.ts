import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { PushNotification, PushOutcome, PushSender } from '../push/ports.js';
import type { JobQueues, QueueStats } from '../queue/job-queue.js';

/** What the pool gauges read; MikroORM's knex pool (tarn) answers all four. */
export interface PoolUse {
  used(): number;
  free(): number;
  pendingAcquires(): number;
  max: number;
}

/**
 * The platform's Prometheus metrics, one registry per process. Gauges that mirror state
 * (pool, queues, streams) are read when scraped, so nothing runs between scrapes.
 * Served on the metrics port only (see metrics-server.ts), never through the public API.
 */
export class PlatformMetrics {
  readonly registry = new Registry();
  private readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  private readonly pushDeliveries: Counter<'provider' | 'outcome'>;
  private readonly retentionRuns: Counter<'outcome'>;
  private readonly retentionTenants: Gauge<'result'>;
  private readonly retentionLastRun: Gauge;

  constructor(sources: { pool: () => PoolUse | null; queues: JobQueues; openStreams: () => number }) {
    // Process metrics, nodejs_eventloop_lag_* among them.
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.pushDeliveries = new Counter({
      name: 'push_deliveries_total',
      help: 'Fan-out pushes by provider and outcome (sent, invalid_token, retry, failed, error)',
      labelNames: ['provider', 'outcome'],
      registers: [this.registry],
    });
    this.retentionRuns = new Counter({
      name: 'retention_runs_total',
      help: 'Daily retention runs by outcome (ok: every tenant done; partial: some tenants failed; failed: the run threw)',
      labelNames: ['outcome'],
      registers: [this.registry],
    });
    this.retentionTenants = new Gauge({
      name: 'retention_last_run_tenants',
      help: 'Tenants the last retention run handled, by result',
      labelNames: ['result'],
      registers: [this.registry],
      // A run happens in one of the api processes: the primary shows its figure, not a sum.
      aggregator: 'max',
    });
    this.retentionLastRun = new Gauge({
      name: 'retention_last_run_timestamp_seconds',
      help: 'When the last retention run ended (absent: none yet in this process)',
      registers: [this.registry],
      // A run happens in one of the api processes: the primary shows its figure, not a sum.
      aggregator: 'max',
    });

    const pool = sources.pool;
    new Gauge({
      name: 'db_pool_connections',
      help: 'Application database pool connections by state (used, free, pending acquires, max)',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const use = pool();
        if (!use) return;
        this.set({ state: 'used' }, use.used());
        this.set({ state: 'free' }, use.free());
        this.set({ state: 'pending' }, use.pendingAcquires());
        this.set({ state: 'max' }, use.max);
      },
    });
    // Both queue gauges are collected at once by a scrape: one read of the queues serves them.
    let reading: { at: number; stats: Promise<QueueStats[] | null> } | null = null;
    const queueStats = (): Promise<QueueStats[] | null> => {
      if (!reading || Date.now() - reading.at > 500) {
        // A scrape while Redis is away shows no queue figures rather than failing the whole scrape.
        reading = { at: Date.now(), stats: sources.queues.stats().catch(() => null) };
      }
      return reading.stats;
    };
    new Gauge({
      name: 'queue_jobs',
      help: 'Jobs per queue by state (waiting, active, delayed)',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      // Every api process reads the same figure (Redis, the database): the primary's sum would multiply it.
      aggregator: 'max',
      async collect() {
        for (const queue of (await queueStats()) ?? []) {
          this.set({ queue: queue.queue, state: 'waiting' }, queue.waiting);
          this.set({ queue: queue.queue, state: 'active' }, queue.active);
          this.set({ queue: queue.queue, state: 'delayed' }, queue.delayed);
        }
      },
    });
    new Gauge({
      name: 'queue_oldest_waiting_seconds',
      help: 'Age of the job waiting longest per queue (0 when none waits)',
      labelNames: ['queue'],
      registers: [this.registry],
      // Every api process reads the same figure (Redis, the database): the primary's sum would multiply it.
      aggregator: 'max',
      async collect() {
        const now = Date.now();
        for (const queue of (await queueStats()) ?? []) {
          this.set({ queue: queue.queue }, queue.oldestWaitingSince === null ? 0 : Math.max(0, (now - queue.oldestWaitingSince) / 1000));
        }
      },
    });
    const openStreams = sources.openStreams;
    new Gauge({
      name: 'live_streams_open',
      help: 'Server-sent event streams (incident feeds, message statistics) open in this process',
      registers: [this.registry],
      collect() {
        this.set(openStreams());
      },
    });
  }

  /** Times every request; the route is the matched template (/v1/incidents/:incidentId), never the raw path. */
  httpMiddleware(): RequestHandler {
    return (req, res, next) => {
      const end = this.httpDuration.startTimer();
      // 'close' rather than 'finish': a stream the client walks away from is timed too.
      res.once('close', () => {
        const route = req.route ? `${req.baseUrl}${String((req.route as { path: string }).path)}` : 'unmatched';
        end({ method: req.method, route, status: String(res.statusCode) });
      });
      next();
    };
  }

  /** Counts every push the fan-out makes, by provider and outcome. */
  countPushes(inner: PushSender, providerOf: (notification: PushNotification) => string): PushSender {
    return {
      send: async (notification): Promise<PushOutcome> => {
        const provider = providerOf(notification);
        try {
          const outcome = await inner.send(notification);
          this.pushDeliveries.inc({ provider, outcome: outcome.status });
          return outcome;
        } catch (error) {
          this.pushDeliveries.inc({ provider, outcome: 'error' });
          throw error;
        }
      },
    };
  }

  retentionRun(outcome: { tenants: number; failed: number } | 'failed'): void {
    this.retentionLastRun.setToCurrentTime();
    if (outcome === 'failed') {
      this.retentionRuns.inc({ outcome: 'failed' });
      return;
    }
    this.retentionRuns.inc({ outcome: outcome.failed > 0 ? 'partial' : 'ok' });
    this.retentionTenants.set({ result: 'done' }, outcome.tenants - outcome.failed);
    this.retentionTenants.set({ result: 'failed' }, outcome.failed);
  }
}
