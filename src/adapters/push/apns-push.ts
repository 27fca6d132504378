import http2 from 'node:http2';
import { importPKCS8, SignJWT } from 'jose';
import type { PushNotification, PushOutcome, PushSender } from '../../platform/push/ports.js';
import { outcomeOfStatus } from './routing-push.js';

export interface ApnsOptions {
  /** The .p8 signing key (PKCS#8 PEM, P-256). */
  privateKey: string;
  keyId: string;
  teamId: string;
  /** The app's bundle id. */
  topic: string;
  /** https://api.push.apple.com (or the sandbox) unless told otherwise. */
  endpoint?: string;
  /** For tests against a local provider with its own certificate. */
  ca?: string;
}

/**
 * APNs over HTTP/2 with token authentication: one long-lived connection, one stream per
 * notification, and an ES256 provider token renewed every 50 minutes (APNs wants 20-60).
 */
export class ApnsPushSender implements PushSender {
  private session: http2.ClientHttp2Session | null = null;
  private token: { value: string; issuedAt: number } | null = null;

  constructor(private readonly options: ApnsOptions) {}

  async send(notification: PushNotification): Promise<PushOutcome> {
    let reply = await this.post(notification, await this.providerToken());
    if (reply.status === 403 && reply.reason === 'ExpiredProviderToken') {
      this.token = null;
      reply = await this.post(notification, await this.providerToken());
    }
    if (reply.status === 200) return { status: 'sent' };
    if (reply.reason === 'BadDeviceToken' || reply.reason === 'Unregistered' || reply.reason === 'DeviceTokenNotForTopic') {
      return { status: 'invalid_token', reason: `apns ${reply.reason}` };
    }
    return outcomeOfStatus(reply.status, `apns ${reply.status} ${reply.reason}`.trim(), reply.retryAfter);
  }

  close(): void {
    this.session?.close();
    this.session = null;
  }

  private connection(): http2.ClientHttp2Session {
    if (this.session && !this.session.closed && !this.session.destroyed) return this.session;
    const session = http2.connect(this.options.endpoint ?? 'https://api.push.apple.com', this.options.ca ? { ca: this.options.ca } : {});
    session.on('error', () => undefined);
    session.on('close', () => {
      if (this.session === session) this.session = null;
    });
    session.unref();
    this.session = session;
    return session;
  }

  private post(notification: PushNotification, providerToken: string): Promise<{ status: number; reason: string; retryAfter: string | null }> {
    const body = JSON.stringify({
      aps: { alert: { title: notification.title, body: notification.body }, sound: 'default', ...(notification.priority === 'urgent' ? { 'interruption-level': 'time-sensitive' } : {}) },
      ...notification.data,
    });
    return new Promise((resolve) => {
      let stream: http2.ClientHttp2Stream;
      try {
        stream = this.connection().request({
          ':method': 'POST',
          ':path': `/3/device/${encodeURIComponent(notification.token)}`,
          authorization: `bearer ${providerToken}`,
          'apns-topic': this.options.topic,
          'apns-push-type': 'alert',
          'apns-priority': notification.priority === 'urgent' ? '10' : '5',
          'apns-collapse-id': notification.deliveryKey.slice(0, 64),
          'apns-expiration': String(Math.floor(Date.now() / 1000) + 24 * 3600),
          'content-type': 'application/json',
        });
      } catch (error) {
        resolve({ status: 503, reason: error instanceof Error ? error.message : 'connection failed', retryAfter: null });
        return;
      }
      stream.setTimeout(10_000, () => stream.close(http2.constants.NGHTTP2_CANCEL));
      let status = 0;
      let retryAfter: string | null = null;
      let text = '';
      stream.on('response', (headers) => {
        status = Number(headers[':status'] ?? 0);
        retryAfter = typeof headers['retry-after'] === 'string' ? headers['retry-after'] : null;
      });
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (text += chunk));
      stream.on('close', () => {
        const reason = reasonOf(text);
        resolve({ status: status || 503, reason: status ? reason : 'stream closed without a response', retryAfter });
      });
      stream.on('error', () => undefined);
      stream.end(body);
    });
  }

  private async providerToken(): Promise<string> {
    if (this.token && Date.now() - this.token.issuedAt < 50 * 60_000) return this.token.value;
    const key = await importPKCS8(this.options.privateKey, 'ES256');
    const value = await new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: this.options.keyId }).setIssuer(this.options.teamId).setIssuedAt().sign(key);
    this.token = { value, issuedAt: Date.now() };
    return value;
  }
}

function reasonOf(text: string): string {
  try {
    return text ? ((JSON.parse(text) as { reason?: string }).reason ?? '') : '';
  } catch {
    return '';
  }
}
