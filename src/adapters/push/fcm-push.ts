import http from 'node:http';
import https from 'node:https';
import { importPKCS8, SignJWT } from 'jose';
import type { PushNotification, PushOutcome, PushSender } from '../../platform/push/ports.js';
import { outcomeOfStatus } from './routing-push.js';

/** The fields of a Google service-account key file that the OAuth grant needs. */
export interface ServiceAccount {
  project_id: string;
  client_email: string;
  private_key: string;
  token_uri: string;
}

export interface FcmOptions {
  serviceAccount: ServiceAccount;
  /** Overrides the key file's token_uri (tests, proxies). */
  tokenUrl?: string;
  /** https://fcm.googleapis.com unless told otherwise. */
  endpoint?: string;
}

const SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';

interface ProviderReply {
  status: number;
  text: string;
  retryAfter: string | null;
}

/**
 * FCM HTTP v1: an OAuth access token from the service account (a signed JWT exchanged at the
 * token endpoint, kept until shortly before it expires), then one POST per device.
 */
export class FcmPushSender implements PushSender {
  private token: { value: string; expiresAt: number } | null = null;
  // Kept-alive connections: one TCP (and TLS) handshake serves many pushes.
  private readonly httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 256 });
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  private pendingToken: Promise<string> | null = null;

  constructor(private readonly options: FcmOptions) {}

  async send(notification: PushNotification): Promise<PushOutcome> {
    let reply = await this.post(notification, await this.accessToken());
    if (reply.status === 401) {
      this.token = null;
      reply = await this.post(notification, await this.accessToken());
    }
    if (reply.status >= 200 && reply.status < 300) return { status: 'sent' };
    const text = reply.text;
    const code = errorCode(text);
    if (code === 'UNREGISTERED' || (reply.status === 400 && /registration token|token is not a valid/i.test(text))) {
      return { status: 'invalid_token', reason: `fcm ${code ?? reply.status}` };
    }
    return outcomeOfStatus(reply.status, `fcm ${reply.status}${code ? ' ' + code : ''}`, reply.retryAfter);
  }

  private post(notification: PushNotification, accessToken: string): Promise<ProviderReply> {
    const endpoint = new URL(this.options.endpoint ?? 'https://fcm.googleapis.com');
    const message = {
      token: notification.token,
      notification: { title: notification.title, body: notification.body },
      data: notification.data,
      // collapse_key merges what is not yet delivered; the tag makes a repeat replace the shown notification.
      android: { priority: notification.priority === 'urgent' ? 'HIGH' : 'NORMAL', collapse_key: notification.deliveryKey.slice(0, 64), notification: { tag: notification.tag } },
    };
    const body = JSON.stringify({ message });
    const secure = endpoint.protocol === 'https:';
    return new Promise((resolve) => {
      const request = (secure ? https : http).request(
        {
          method: 'POST',
          host: endpoint.hostname,
          port: endpoint.port || (secure ? 443 : 80),
          path: `/v1/projects/${encodeURIComponent(this.options.serviceAccount.project_id)}/messages:send`,
          headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          agent: secure ? this.httpsAgent : this.httpAgent,
          timeout: 10_000,
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text, retryAfter: typeof response.headers['retry-after'] === 'string' ? response.headers['retry-after'] : null }));
        },
      );
      request.on('timeout', () => request.destroy(new Error('timeout')));
      request.on('error', (error) => resolve({ status: 503, text: error.message, retryAfter: null }));
      request.end(body);
    });
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > Date.now() + 60_000) return this.token.value;
    this.pendingToken ??= this.fetchToken().finally(() => (this.pendingToken = null));
    return this.pendingToken;
  }

  private async fetchToken(): Promise<string> {
    const account = this.options.serviceAccount;
    const tokenUrl = this.options.tokenUrl ?? account.token_uri;
    const key = await importPKCS8(account.private_key, 'RS256');
    const assertion = await new SignJWT({ scope: SCOPE })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
      .setIssuer(account.client_email)
      .setAudience(tokenUrl)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(key);
    const reply = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString(),
      signal: AbortSignal.timeout(10_000),
    });
    if (!reply.ok) throw new Error(`fcm oauth token refused: ${reply.status}`);
    const body = (await reply.json()) as { access_token: string; expires_in: number };
    this.token = { value: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
    return body.access_token;
  }
}

function errorCode(text: string): string | null {
  try {
    const body = JSON.parse(text) as { error?: { status?: string; details?: Array<{ errorCode?: string }> } };
    return body.error?.details?.find((d) => d.errorCode)?.errorCode ?? body.error?.status ?? null;
  } catch {
    return null;
  }
}
