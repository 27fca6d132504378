import type { SmsMessage, SmsOutcome, SmsReport, SmsSender } from '../../platform/sms/ports.js';

export interface CmOptions {
  productToken: string;
  /** Sender id shown on the phone: up to 11 characters, or a number. */
  sender: string;
  /** https://gw.messaging.cm.com unless told otherwise (tests: the local fake). */
  endpoint?: string;
  timeoutMs?: number;
}

interface CmReply {
  errorCode?: number;
  details?: string;
  messages?: Array<{ reference?: string; status?: string; messageDetails?: string | null; messageErrorCode?: number }>;
}

/** CM's numbers are international with a leading 00 instead of +. */
const cmNumber = (e164: string): string => `00${e164.slice(1)}`;

/**
 * CM.com's business messaging gateway (JSON): one POST of up to a batch of messages to
 * /v1.0/message, authenticated by the product token, each message with our reference; CM
 * answers per message Accepted or Rejected. Delivery reports come back to our callback as CM's
 * JSON status report (status code 0 accepted by the operator, 1 rejected, 2 delivered, 3 failed).
 */
export class CmSmsSender implements SmsSender {
  readonly name = 'cm';

  constructor(private readonly options: CmOptions) {}

  async send(messages: readonly SmsMessage[]): Promise<SmsOutcome[]> {
    if (messages.length === 0) return [];
    const body = {
      messages: {
        authentication: { productToken: this.options.productToken },
        msg: messages.map((m) => ({ from: this.options.sender, to: [{ number: cmNumber(m.to) }], body: { type: 'auto', content: m.text }, reference: m.reference, minimumNumberOfMessageParts: 1, maximumNumberOfMessageParts: 8 })),
      },
    };
    let status: number;
    let reply: CmReply;
    try {
      const response = await fetch(new URL('/v1.0/message', this.options.endpoint ?? 'https://gw.messaging.cm.com'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      status = response.status;
      reply = (await response.json().catch(() => ({}))) as CmReply;
    } catch (error) {
      const reason = `cm unreachable: ${error instanceof Error ? error.message : String(error)}`;
      return messages.map(() => ({ status: 'retry', reason }));
    }
    if (status >= 500 || status === 429) return messages.map(() => ({ status: 'retry', reason: `cm ${status}` }));
    const byReference = new Map((reply.messages ?? []).map((m) => [m.reference, m]));
    return messages.map((m): SmsOutcome => {
      const item = byReference.get(m.reference);
      if (item?.status?.toLowerCase() === 'accepted') return { status: 'accepted' };
      const reason = item?.messageDetails ?? reply.details ?? `cm ${status}`;
      // A refused product token or account problem is not this message's fault: try again later.
      if (!item && status === 401) return { status: 'retry', reason: `cm ${status}: ${reason}` };
      return { status: 'rejected', reason: `cm: ${reason}` };
    });
  }

  parseReports(body: unknown): SmsReport[] | null {
    const msg = (body as { messages?: { msg?: unknown } } | null)?.messages?.msg;
    if (msg === undefined) return null;
    const items = Array.isArray(msg) ? msg : [msg];
    const reports: SmsReport[] = [];
    for (const item of items as Array<{ reference?: unknown; received?: unknown; status?: { code?: unknown; errorCode?: unknown; errorDescription?: unknown } }>) {
      if (typeof item?.reference !== 'string' || item.reference.length === 0) return null;
      const raw = item.status?.code;
      const code = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : '';
      const outcome = code === '2' ? 'delivered' : code === '1' || code === '3' ? 'failed' : code === '0' ? 'accepted' : null;
      if (!outcome) return null;
      const at = typeof item.received === 'string' && !Number.isNaN(Date.parse(item.received)) ? new Date(item.received) : new Date();
      const description = typeof item.status?.errorDescription === 'string' && item.status.errorDescription ? item.status.errorDescription : null;
      reports.push({ reference: item.reference, outcome, reason: outcome === 'failed' ? `cm ${code}${description ? ': ' + description : ''}` : null, at });
    }
    return reports;
  }
}

/** No provider configured: nobody falls back to SMS. */
export class NoSmsSender implements SmsSender {
  readonly name = null;
  send(messages: readonly SmsMessage[]): Promise<SmsOutcome[]> {
    return Promise.resolve(messages.map(() => ({ status: 'rejected', reason: 'no SMS provider configured' })));
  }
  parseReports(): SmsReport[] | null {
    return null;
  }
}
