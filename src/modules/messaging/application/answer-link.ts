import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { NotFound, TenantSuspended } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { AnswerLinkExpired, type CallUpClosed, type NotACallUp, type UnknownAnswer } from '../domain/messaging.errors.js';
import type { MessagingDeps } from './deps.js';
import { recordAnswer } from './inbox.js';
import type { FanOut } from './fan-out.js';

const KEY_BYTES = 8;
const MAC_BYTES = 8;

/** A random key for one recipient's answer link on one channel, stored with the text or mail. */
export function newLinkKey(): string {
  return randomBytes(KEY_BYTES).toString('base64url');
}

/**
 * The link's token: the tenant (so the link finds its rows under row-level security without a
 * principal), the stored key, and a MAC over both, 43 characters. The MAC turns a guessed or
 * altered token away before any database read; the key, stored per recipient and channel, says
 * whose answer it is. Nothing in the token names the person or the call-up.
 */
export function answerLinkToken(secret: string, tenantId: string, linkKey: string): string {
  const body = Buffer.concat([Buffer.from(tenantId.replace(/-/g, ''), 'hex'), Buffer.from(linkKey, 'base64url')]);
  return Buffer.concat([body, mac(secret, body)]).toString('base64url');
}

function mac(secret: string, body: Buffer): Buffer {
  return createHmac('sha256', secret).update('answer-link\n').update(body).digest().subarray(0, MAC_BYTES);
}

export function readAnswerLinkToken(secret: string, token: string): { tenantId: string; linkKey: string } | null {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const raw = Buffer.from(token, 'base64url');
  if (raw.length !== 16 + KEY_BYTES + MAC_BYTES) return null;
  const body = raw.subarray(0, 16 + KEY_BYTES);
  if (!timingSafeEqual(mac(secret, body), raw.subarray(16 + KEY_BYTES))) return null;
  const hex = body.subarray(0, 16).toString('hex');
  return {
    tenantId: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
    linkKey: body.subarray(16).toString('base64url'),
  };
}

/** What the link shows: the call-up's text and options and the person's own answer, nothing else. */
export interface AnswerLinkView {
  title: string;
  body: string;
  answerOptions: string[];
  closesAt: Date | null;
  answer: string | null;
  answeredAt: Date | null;
}

/**
 * The one-tap answer link of a text or mail: the token is the credential for one person's answer
 * to one call-up, good while the call-up is open (answers can be changed as in the app, each one
 * recorded once), and the answer is the app's answer (statistics, stream, goal), marked with the
 * channel the link came through. Every failure of the token itself is 404, like a missing page.
 */
export class AnswerLinks {
  constructor(private readonly d: Pick<MessagingDeps, 'fallbacks' | 'tenants' | 'messages' | 'recipients' | 'waves' | 'outbox' | 'clock'>, private readonly fanOut: FanOut, private readonly secret: string) {}

  /** The tenant a token claims, to open its transaction; null for a token that is none of ours. */
  tenantOf(token: string): string | null {
    return readAnswerLinkToken(this.secret, token)?.tenantId ?? null;
  }

  async open(token: string): Promise<Result<AnswerLinkView, NotFound | AnswerLinkExpired | TenantSuspended>> {
    const found = await this.find(token);
    if (!found.ok) return found;
    const { message, mine } = found.value;
    return ok({ title: message.title, body: message.body, answerOptions: message.answerOptions, closesAt: message.closesAt, answer: mine.answer, answeredAt: mine.answeredAt });
  }

  async answer(token: string, option: string): Promise<Result<{ answer: string }, NotFound | AnswerLinkExpired | NotACallUp | CallUpClosed | UnknownAnswer | TenantSuspended>> {
    const found = await this.find(token);
    if (!found.ok) return found;
    const { tenantId, userId, channel, message } = found.value;
    return recordAnswer(this.d, this.fanOut, { tenantId, userId, message, option, via: channel });
  }

  private async find(token: string) {
    const read = readAnswerLinkToken(this.secret, token);
    if (!read) return fail(new NotFound('Answer link'));
    // A suspended organisation takes no answers, as its members cannot sign in: nothing is read or stored.
    if (!(await this.d.tenants.isActive(read.tenantId))) return fail(new TenantSuspended());
    const link = await this.d.fallbacks.byLinkKey(read.tenantId, read.linkKey);
    const mine = link ? await this.d.recipients.of(read.tenantId, link.messageId, link.userId) : null;
    const message = link && mine ? await this.d.messages.byId(read.tenantId, link.messageId) : null;
    if (!link || !mine || !message || message.status !== 'sent' || !message.isCallUp()) return fail(new NotFound('Answer link'));
    if (message.isClosed(this.d.clock.now())) return fail(new AnswerLinkExpired());
    return ok({ tenantId: read.tenantId, userId: link.userId, channel: link.channel, message, mine });
  }
}
