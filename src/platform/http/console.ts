import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import helmet from 'helmet';

/** Paths the API owns: never answered with the console's page. */
const API_PATHS = /^\/(v1|docs|health|metrics|files|items|openapi\.json|problems)(\/|$)/;

/**
 * The web console: its built files, and its page for every other GET a browser makes, so a deep
 * link reloads into the client-side route. Scripts and styles only from this origin; Mantine
 * sets inline style attributes, hence 'unsafe-inline' for styles (never for scripts).
 */
export function consoleRouter(distDir: string): Router {
  const router = Router();
  const index = path.join(distDir, 'index.html');
  const csp = helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'connect-src': ["'self'"],
        'font-src': ["'self'", 'data:'],
      },
    },
  });
  router.use('/assets', csp, express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '1y', index: false }));
  router.get(/.*/, (req, res, next) => {
    if (API_PATHS.test(req.path) || req.path.startsWith('/assets/') || !req.accepts('html') || !existsSync(index)) {
      next();
      return;
    }
    csp(req, res, () => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  });
  return router;
}
