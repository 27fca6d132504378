import { Router } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { NotFound } from '../../../platform/domain/errors.js';
import { InvalidDeliveryReport } from '../domain/messaging.errors.js';
import type { MessagingHttpDeps } from './messaging-http.js';

// Hashed first, so the comparison takes as long whatever the length of the guess.
const sameSecret = (given: unknown, secret: string): boolean => {
  if (typeof given !== 'string') return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(secret).digest();
  return timingSafeEqual(a, b);
};

/** The SMS provider's delivery reports. */
export function smsCallbackRouter(deps: Pick<MessagingHttpDeps, 'smsCallbackSecret' | 'smsFallback'>): Router {
  const router = Router();
  // The provider's delivery reports: no principal, the secret in the URL's path given to the
  // provider is the credential (CM.com posts to a configured URL and sends no header of ours); a
  // wrong one answers exactly like a missing endpoint.
  router.post('/v1/callbacks/sms/:secret', (req, res, next) => {
    const secret = deps.smsCallbackSecret;
    if (!secret || !sameSecret(req.params.secret, secret)) return next(new NotFound('Callback'));
    deps.smsFallback.report(req.body).then(
      (matched) => (matched === null ? next(new InvalidDeliveryReport()) : res.status(204).end()),
      (error: unknown) => next(error),
    );
  });
  return router;
}
