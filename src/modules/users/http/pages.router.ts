import express, { Router } from 'express';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const pages = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pages');

/** The page an invitation link opens: no console is needed to activate an account. */
export function pagesRouter(): Router {
  const router = Router();
  router.get('/activate', (_req, res) => {
    res.sendFile(path.join(pages, 'activate.html'));
  });
  router.use('/pages', express.static(pages, { index: false }));
  return router;
}
