import { Router } from 'express';
import { sendProblem } from './error-handler.js';

/** A dependency readiness waits for; `check` resolves true when it answers. */
export interface ReadinessCheck {
  name: string;
  /** Named in the 503's detail: "The database cannot be reached." */
  label: string;
  check(): Promise<boolean>;
}

const CHECK_TIMEOUT_MS = 2000;

/**
 * Liveness says the process runs (restart it when not); readiness says it can serve, which needs
 * PostgreSQL and, when configured, Redis. A lost dependency takes the process out of the load
 * balancer without restarting it, and so does a shutdown that has begun (`draining`).
 */
export function healthRouter(checks: ReadinessCheck[], draining: () => boolean = () => false): Router {
  const router = Router();
  router.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/health/ready', async (_req, res) => {
    if (draining()) {
      sendProblem(res, { slug: 'not-ready', status: 503, title: 'Not ready', detail: 'The process is shutting down.' });
      return;
    }
    const results = await Promise.all(checks.map(async (check) => ({ check, ok: await withTimeout(check.check()) })));
    const down = results.filter((result) => !result.ok);
    if (down.length === 0) {
      res.json({ status: 'ok', checks: Object.fromEntries(results.map((result) => [result.check.name, 'ok'])) });
      return;
    }
    const names = down.map((result) => result.check.label);
    sendProblem(res, { slug: 'not-ready', status: 503, title: 'Not ready', detail: `${sentence(names)} cannot be reached.` });
  });
  return router;
}

async function withTimeout(check: Promise<boolean>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS)));
  try {
    return await Promise.race([check.catch(() => false), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** "The database and Redis": the labels as one sentence's subject. */
function sentence(names: string[]): string {
  const last = names.at(-1) ?? '';
  const text = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${last}` : last;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
