import { Router, type RequestHandler } from 'express';
import type { CheckAppVersion } from '../application/devices.js';
import { devicesRouter } from './devices.router.js';
import { inboxRouter } from './inbox.router.js';
import { messageCourseRouter } from './message-course.router.js';
import { messageTemplatesRouter } from './message-templates.router.js';
import type { MessagingHttpDeps } from './messaging-http.js';
import { messagesRouter } from './messages.router.js';
import { smsCallbackRouter } from './sms-callback.router.js';

export type { MessagingHttpDeps } from './messaging-http.js';

/**
 * Refuses requests of an app older than the tenant's minimum for its platform, before anything
 * else runs: the app says what it is in X-App-Platform and X-App-Version.
 */
export function appVersionGate(check: CheckAppVersion): Router {
  const gate: RequestHandler = (req, _res, next) => {
    const platform = req.get('x-app-platform');
    const version = req.get('x-app-version');
    const principal = req.principal;
    if (!platform || !version || !principal || principal.kind === 'operator') return next();
    check.execute({ tenantId: principal.tenantId, platform: platform.toLowerCase(), version }).then(
      (result) => (result.ok ? next() : next(result.error)),
      (error: unknown) => next(error),
    );
  };
  return Router().use(gate);
}

/** Every messaging route, one router per resource. */
export function messagingRouter(deps: MessagingHttpDeps): Router {
  return Router().use(messagesRouter(deps), messageCourseRouter(deps), messageTemplatesRouter(deps), smsCallbackRouter(deps), inboxRouter(deps), devicesRouter(deps));
}
