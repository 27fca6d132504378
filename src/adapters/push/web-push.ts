import { Agent } from 'node:https';
import webpush from 'web-push';
import type { PushNotification, PushOutcome, PushSender } from '../../platform/push/ports.js';
import { outcomeOfStatus } from './routing-push.js';

export interface WebPushOptions {
  vapidPublicKey: string;
  vapidPrivateKey: string;
  /** mailto: or https: contact of the sender, as VAPID requires. */
  subject: string;
  /** For tests against a local provider with its own certificate. */
  agent?: Agent;
}

/** Web Push with VAPID through the web-push package: encrypted payload (aes128gcm), signed JWT. */
export class WebPushSender implements PushSender {
  // Kept-alive connections to each push service (one TLS handshake serves many pushes).
  private readonly agent: Agent;

  constructor(private readonly options: WebPushOptions) {
    this.agent = options.agent ?? new Agent({ keepAlive: true, maxSockets: 256 });
  }

  async send(notification: PushNotification): Promise<PushOutcome> {
    let subscription: webpush.PushSubscription;
    try {
      subscription = JSON.parse(notification.token) as webpush.PushSubscription;
      if (typeof subscription.endpoint !== 'string' || !subscription.keys?.p256dh || !subscription.keys.auth) throw new Error('incomplete');
    } catch {
      return { status: 'invalid_token', reason: 'not a Web Push subscription' };
    }
    // The service worker passes `tag` to showNotification: a repeat replaces the shown notification.
    const payload = JSON.stringify({ title: notification.title, body: notification.body, tag: notification.tag, data: notification.data });
    try {
      const reply = await webpush.sendNotification(subscription, payload, {
        vapidDetails: { subject: this.options.subject, publicKey: this.options.vapidPublicKey, privateKey: this.options.vapidPrivateKey },
        TTL: 24 * 3600,
        urgency: notification.priority === 'urgent' ? 'high' : 'normal',
        // Topic: at most 32 URL-safe characters; a repeat with the same topic replaces the pending one.
        topic: topicOf(notification.deliveryKey),
        contentEncoding: 'aes128gcm',
        timeout: 10_000,
        agent: this.agent,
      });
      return outcomeOfStatus(reply.statusCode, 'sent');
    } catch (error) {
      if (error instanceof webpush.WebPushError) {
        return outcomeOfStatus(error.statusCode, `web push ${error.statusCode}: ${error.body?.slice(0, 200) ?? ''}`.trim(), error.headers?.['retry-after'] ?? null);
      }
      return { status: 'retry', reason: `web push: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
}

function topicOf(key: string): string {
  return Buffer.from(key.replace(/-/g, ''), 'hex').toString('base64url').slice(0, 32) || 'message';
}
