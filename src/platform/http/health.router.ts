import { Router } from 'express';
import { sendProblem } from './error-handler.js';

/** Liveness says the process runs; readiness says it can serve, which needs the database. */
export function healthRouter(databaseReachable: () => Promise<boolean>): Router {
  const router = Router();
  router.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/health/ready', async (_req, res) => {
    if (await databaseReachable().catch(() => false)) {
      res.json({ status: 'ok', checks: { database: 'ok' } });
    } else {
      sendProblem(res, { slug: 'not-ready', status: 503, title: 'Not ready', detail: 'The database cannot be reached.' });
    }
  });
  return router;
}
