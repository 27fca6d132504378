import express, { Router } from 'express';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const pages = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pages');

/** The pages the invitation and password-reset links open: no console is needed for either. */
export function pagesRouter(): Router {
  const router = Router();
  router.get('/activate', (_req, res) => {
    res.sendFile(path.join(pages, 'activate.html'));
  });
  router.get('/reset-password', (_req, res) => {
    res.sendFile(path.join(pages, 'reset-password.html'));
  });
  router.use('/pages', express.static(pages, { index: false }));
  return router;
}
