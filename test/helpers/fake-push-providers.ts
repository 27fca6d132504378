import { execFileSync } from 'node:child_process';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { decodeProtectedHeader, jwtVerify } from 'jose';

/**
 * Local servers that play the push providers and check what each provider checks: the OAuth
 * grant and bearer token (FCM), the ES256 provider token, topic and path (APNs), the VAPID JWT,
 * encryption and TTL headers (Web Push). Tokens starting with `gone-` are unknown to the
 * provider, `busy-` are throttled; the rest are delivered and recorded.
 */
export interface FakeProvider {
  url: string;
  delivered: Array<{ token: string; collapseKey: string | null; body: string }>;
  refused: string[];
  close(): Promise<void>;
}

function listening(server: http.Server | https.Server | http2.Http2Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(String((server.address() as AddressInfo).port))));
}

async function readBody(req: http.IncomingMessage | http2.Http2ServerRequest): Promise<string> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text;
}

export async function fakeFcm(serviceAccountPublicKey: KeyObject, options: { latencyMs?: number } = {}): Promise<FakeProvider & { tokenUrl: string; grants: number }> {
  const issued = new Set<string>();
  const state = { delivered: [] as FakeProvider['delivered'], refused: [] as string[], grants: 0 };
  let tokenUrl = '';
  const server = http.createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const reply = (status: number, json: unknown, headers: Record<string, string> = {}): void => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(json));
      };
      if (req.method === 'POST' && req.url === '/token') {
        const form = new URLSearchParams(body);
        if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return reply(400, { error: 'unsupported_grant_type' });
        try {
          const { payload } = await jwtVerify(form.get('assertion') ?? '', serviceAccountPublicKey, { audience: tokenUrl, algorithms: ['RS256'] });
          if (payload.scope !== 'https://www.googleapis.com/auth/firebase.messaging' || !payload.iss) throw new Error('scope');
        } catch {
          return reply(400, { error: 'invalid_grant' });
        }
        const token = `ya29.${Math.random().toString(36).slice(2)}`;
        issued.add(token);
        state.grants++;
        return reply(200, { access_token: token, expires_in: 3600, token_type: 'Bearer' });
      }
      const match = /^\/v1\/projects\/([^/]+)\/messages:send$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) return reply(404, { error: { status: 'NOT_FOUND' } });
      const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      if (!issued.has(bearer)) return reply(401, { error: { status: 'UNAUTHENTICATED' } });
      const message = (JSON.parse(body) as { message?: { token?: string; notification?: { title?: string }; android?: { collapse_key?: string } } }).message;
      if (!message?.token || !message.notification?.title) return reply(400, { error: { status: 'INVALID_ARGUMENT' } });
      if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
      if (message.token.startsWith('gone-')) {
        state.refused.push(message.token);
        return reply(404, { error: { status: 'NOT_FOUND', details: [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode: 'UNREGISTERED' }] } });
      }
      if (message.token.startsWith('busy-')) return reply(429, { error: { status: 'RESOURCE_EXHAUSTED', details: [{ errorCode: 'QUOTA_EXCEEDED' }] } }, { 'retry-after': '1' });
      state.delivered.push({ token: message.token, collapseKey: message.android?.collapse_key ?? null, body });
      return reply(200, { name: `projects/${match[1]!}/messages/${state.delivered.length}` });
    })();
  });
  const port = await listening(server);
  tokenUrl = `http://127.0.0.1:${port}/token`;
  return {
    url: `http://127.0.0.1:${port}`,
    tokenUrl,
    get grants() {
      return state.grants;
    },
    delivered: state.delivered,
    refused: state.refused,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export async function fakeApns(signingPublicKey: KeyObject, expected: { keyId: string; teamId: string; topic: string }): Promise<FakeProvider> {
  const delivered: FakeProvider['delivered'] = [];
  const refused: string[] = [];
  const server = http2.createServer();
  server.on('stream', (stream, headers) => {
    void (async () => {
      let body = '';
      for await (const chunk of stream) body += String(chunk);
      const reply = (status: number, reason?: string): void => {
        stream.respond({ ':status': status, 'apns-id': '6f1d3c2b-8a7e-4f5d-9c0b-1e2d3f4a5b6c', ...(reason ? { 'content-type': 'application/json' } : {}) });
        stream.end(reason ? JSON.stringify({ reason }) : undefined);
      };
      const match = /^\/3\/device\/(.+)$/.exec(String(headers[':path']));
      if (headers[':method'] !== 'POST' || !match) return reply(405, 'MethodNotAllowed');
      const jwt = String(headers.authorization ?? '').replace(/^bearer /, '');
      try {
        const header = decodeProtectedHeader(jwt);
        const { payload } = await jwtVerify(jwt, signingPublicKey, { algorithms: ['ES256'], issuer: expected.teamId });
        if (header.kid !== expected.keyId || typeof payload.iat !== 'number') throw new Error('kid');
      } catch {
        return reply(403, 'InvalidProviderToken');
      }
      if (headers['apns-topic'] !== expected.topic) return reply(400, 'TopicDisallowed');
      if (headers['apns-push-type'] !== 'alert' || !['5', '10'].includes(String(headers['apns-priority']))) return reply(400, 'BadPriority');
      const token = decodeURIComponent(match[1]!);
      const payload = JSON.parse(body) as { aps?: { alert?: { title?: string } } };
      if (!payload.aps?.alert?.title) return reply(400, 'PayloadEmpty');
      if (token.startsWith('bad-')) return (refused.push(token), reply(400, 'BadDeviceToken'));
      if (token.startsWith('gone-')) return (refused.push(token), reply(410, 'Unregistered'));
      if (token.startsWith('busy-')) return reply(429, 'TooManyRequests');
      delivered.push({ token, collapseKey: headers['apns-collapse-id'] ? String(headers['apns-collapse-id']) : null, body });
      return reply(200);
    })();
  });
  const port = await listening(server);
  return { url: `http://127.0.0.1:${port}`, delivered, refused, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A self-signed certificate for 127.0.0.1, made with openssl for this run. */
export function localCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'push-cert-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    return { key: readFileSync(path.join(dir, 'key.pem'), 'utf8'), cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function fakeWebPush(vapidPublicKey: string, tls: { key: string; cert: string }): Promise<FakeProvider> {
  const delivered: FakeProvider['delivered'] = [];
  const refused: string[] = [];
  const publicKey = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: Buffer.from(vapidPublicKey, 'base64url').subarray(1, 33).toString('base64url'), y: Buffer.from(vapidPublicKey, 'base64url').subarray(33, 65).toString('base64url') },
    format: 'jwk',
  });
  let origin = '';
  const server = https.createServer(tls, (req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const reply = (status: number, text = ''): void => void res.writeHead(status).end(text);
      const auth = /^vapid t=([^,]+), k=(.+)$/.exec(req.headers.authorization ?? '');
      if (!auth || auth[2] !== vapidPublicKey) return reply(401, 'missing or foreign VAPID key');
      try {
        const { payload } = await jwtVerify(auth[1]!, publicKey, { algorithms: ['ES256'], audience: origin });
        if (!payload.sub || !payload.exp || payload.exp > Date.now() / 1000 + 24 * 3600) throw new Error('claims');
      } catch {
        return reply(403, 'bad VAPID token');
      }
      if (req.headers['content-encoding'] !== 'aes128gcm' || !req.headers.ttl || Buffer.concat(chunks).length < 86) return reply(400, 'not an encrypted push');
      const token = decodeURIComponent((req.url ?? '').replace(/^\/push\//, ''));
      if (token.startsWith('gone-')) return (refused.push(token), reply(410, 'push subscription has unsubscribed or expired'));
      if (token.startsWith('busy-')) return reply(429, 'slow down');
      delivered.push({ token, collapseKey: req.headers.topic ? String(req.headers.topic) : null, body: Buffer.concat(chunks).toString('base64') });
      return reply(201);
    })();
  });
  const port = await listening(server);
  origin = `https://127.0.0.1:${port}`;
  return { url: origin, delivered, refused, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
