import type { PushNotification, PushOutcome, PushPlatform, PushSender } from '../../platform/push/ports.js';

/** One sender per platform: web to Web Push, android to FCM, ios to APNs. */
export class RoutingPushSender implements PushSender {
  constructor(private readonly byPlatform: Partial<Record<PushPlatform, PushSender>>) {}

  send(notification: PushNotification): Promise<PushOutcome> {
    const sender = this.byPlatform[notification.platform];
    if (!sender) return Promise.resolve({ status: 'failed', reason: `no push provider configured for ${notification.platform}` });
    return sender.send(notification);
  }
}

/** Classifies a provider's HTTP status the same way for every adapter. */
export function outcomeOfStatus(status: number, reason: string, retryAfter?: string | null): PushOutcome {
  if (status >= 200 && status < 300) return { status: 'sent' };
  if (status === 404 || status === 410) return { status: 'invalid_token', reason };
  if (status === 429 || status >= 500) {
    const seconds = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) : undefined;
    return { status: 'retry', reason, ...(seconds !== undefined ? { retryAfterSeconds: seconds } : {}) };
  }
  return { status: 'failed', reason };
}
