import type { PushNotification, PushOutcome, PushSender } from '../../src/platform/push/ports.js';

/**
 * The push port as the tests see it: records every push, and answers by the token's prefix:
 * `invalid-` the provider refuses the token for good, `throttle-` the provider is busy the first
 * time, `retry-after-` busy the first time with a Retry-After of one second, anything else is
 * delivered. `attempts` holds when each token was tried.
 */
export class RecordingPushSender implements PushSender {
  readonly sent: PushNotification[] = [];
  readonly attempts = new Map<string, number[]>();
  private readonly throttled = new Set<string>();

  send(notification: PushNotification): Promise<PushOutcome> {
    this.attempts.set(notification.token, [...(this.attempts.get(notification.token) ?? []), Date.now()]);
    if (notification.token.startsWith('retry-after-') && !this.throttled.has(notification.deliveryKey)) {
      this.throttled.add(notification.deliveryKey);
      return Promise.resolve({ status: 'retry', reason: 'TooManyRequests', retryAfterSeconds: 1 });
    }
    if (notification.token.startsWith('invalid-')) return Promise.resolve({ status: 'invalid_token', reason: 'Unregistered' });
    if (notification.token.startsWith('throttle-') && !this.throttled.has(notification.deliveryKey)) {
      this.throttled.add(notification.deliveryKey);
      return Promise.resolve({ status: 'retry', reason: 'TooManyRequests' });
    }
    this.sent.push(notification);
    return Promise.resolve({ status: 'sent' });
  }

  to(token: string): PushNotification[] {
    return this.sent.filter((n) => n.token === token);
  }
}
