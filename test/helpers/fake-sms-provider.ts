import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedText {
  from: string;
  /** As CM gets it: 0031612345678. */
  number: string;
  content: string;
  reference: string;
}

/**
 * A local CM.com business messaging gateway: POST /v1.0/message with the JSON envelope
 * (messages.authentication.productToken, messages.msg[]); it answers per message Accepted, or
 * Rejected for a number ending in 9999, and 401 for another product token. Latency per request on
 * demand (the bench's 50 ms); an outage on demand (`outage = 503`: every request answered with that
 * status, as CM's gateway does while it is down or throttling).
 */
export async function fakeCm(
  productToken: string,
  options: { latencyMs?: number } = {},
): Promise<{ url: string; texts: ReceivedText[]; requests: number; outage: number | null; close(): Promise<void> }> {
  const texts: ReceivedText[] = [];
  const state = { requests: 0, outage: null as number | null };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      state.requests += 1;
      const reply = (status: number, body: unknown) => {
        setTimeout(() => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        }, options.latencyMs ?? 0);
      };
      if (req.method !== 'POST' || req.url !== '/v1.0/message') return reply(404, { details: 'not found', errorCode: 999 });
      if (state.outage !== null) return reply(state.outage, { details: 'Service unavailable', errorCode: 999, messages: [] });
      let envelope: { messages?: { authentication?: { productToken?: string }; msg?: Array<{ from: string; to: Array<{ number: string }>; body: { content: string }; reference: string }> } };
      try {
        envelope = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof envelope;
      } catch {
        return reply(400, { details: 'Invalid JSON', errorCode: 999, messages: [] });
      }
      if (envelope.messages?.authentication?.productToken !== productToken) return reply(401, { details: 'No account found for the given authentication', errorCode: 101, messages: [] });
      const messages = (envelope.messages.msg ?? []).map((m) => {
        const number = m.to[0]!.number;
        if (number.endsWith('9999')) return { to: number, status: 'Rejected', reference: m.reference, parts: 0, messageDetails: 'Gsm not valid', messageErrorCode: 303 };
        texts.push({ from: m.from, number, content: m.body.content, reference: m.reference });
        return { to: number, status: 'Accepted', reference: m.reference, parts: 1, messageDetails: null, messageErrorCode: 0 };
      });
      reply(200, { details: `Created ${messages.filter((m) => m.status === 'Accepted').length} message(s)`, errorCode: 0, messages });
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    texts,
    get requests() {
      return state.requests;
    },
    get outage() {
      return state.outage;
    },
    set outage(status: number | null) {
      state.outage = status;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** CM's JSON status report for one text, as its callback posts it. */
export function cmReport(reference: string, code: '0' | '1' | '2' | '3', errorDescription = ''): unknown {
  return { messages: { msg: { received: new Date().toISOString(), to: '0031612345678', reference, status: { code, errorCode: code === '3' ? '5' : '', errorDescription } } } };
}
