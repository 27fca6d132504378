import { randomBytes } from 'node:crypto';
// The max metadata checks the number plan, not only the length: 12-34-56 is no Dutch number.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { Mailer } from '../../../platform/mail/mailer.js';
import type { SmsMessage, SmsSender } from '../../../platform/sms/ports.js';
import type { FallbackChannel, FallbackResult } from '../ports.js';
import { newLinkKey } from './answer-link.js';
import type { MessagingDeps } from './deps.js';

export interface FallbackSettings {
  /** Texts per tenant per UTC day; past it the rest are recorded as budget_exhausted, not sent. */
  dailyBudget: number;
  /** A recipient who has not answered this long after being called gets a text too; null: only who push cannot reach. */
  unansweredAfterSeconds: number | null;
  /** Texts per provider request, and requests in flight at once. */
  batchSize: number;
  concurrency: number;
  /** Country for numbers written without one (0612345678). */
  defaultCountry: CountryCode;
  leaseSeconds: number;
  /** Hand-overs per text, the first included: past them a text the provider keeps asking to retry is failed with its reason. */
  maxAttempts: number;
  /** The address of a recipient's answer link (see answer-link.ts). */
  answerLinkUrl: (tenantId: string, linkKey: string) => string;
}

/** A phone number in E.164, or null when it is none (libphonenumber's metadata decides). */
export function toE164(raw: string | null, country: CountryCode): string | null {
  if (!raw) return null;
  const parsed = parsePhoneNumberFromString(raw, country);
  return parsed?.isValid() ? parsed.number : null;
}

/**
 * The provider's reference of a text: the tenant's id and 8 random bytes, base64url (32
 * characters, CM's limit), so a delivery report, which arrives without a tenant, finds its tenant
 * and then its row under row-level security.
 */
export function newReference(tenantId: string): string {
  return Buffer.concat([Buffer.from(tenantId.replace(/-/g, ''), 'hex'), randomBytes(8)]).toString('base64url');
}

export function tenantOfReference(reference: string): string | null {
  if (!/^[A-Za-z0-9_-]{32}$/.test(reference)) return null;
  const hex = Buffer.from(reference, 'base64url').subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A fallback's sweep: every active tenant in turn, each for as many rounds as find work. A
 * tenant whose round fails is reported and the others still get theirs.
 */
async function sweepTenants(d: Pick<MessagingDeps, 'transactions' | 'tenants' | 'onError'>, fallback: 'sms' | 'mail', runOnce: (tenantId: string) => Promise<number>): Promise<void> {
  for (const tenantId of await d.transactions.run(null, () => d.tenants.activeIds())) {
    try {
      while ((await runOnce(tenantId)) > 0) {
        // more queued than one claim takes: go on
      }
    } catch (error) {
      d.onError(error, `${fallback} fallback of tenant ${tenantId}`);
    }
  }
}

/**
 * The start of a round on a channel: claims of a worker that died go back to queued once their
 * lease is past, then whoever the channel now owes a try is queued (never twice for one call-up).
 */
async function requeue(d: Pick<MessagingDeps, 'fallbacks'>, tenantId: string, channel: FallbackChannel, settings: { leaseSeconds: number; unansweredAfterSeconds: number | null }, now: Date): Promise<void> {
  await d.fallbacks.releaseStale(tenantId, channel, new Date(now.getTime() - settings.leaseSeconds * 1000));
  await d.fallbacks.queueDue(tenantId, {
    channel,
    at: now,
    since: new Date(now.getTime() - 24 * 3600_000),
    unansweredBefore: settings.unansweredAfterSeconds === null ? null : new Date(now.getTime() - settings.unansweredAfterSeconds * 1000),
    reference: () => newReference(tenantId),
    linkKey: newLinkKey,
  });
}

const startOfUtcDay = (at: Date): Date => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));

/**
 * SMS for call-up recipients push does not reach: no active device, every push failed, or (when
 * configured) no answer after a while. PostgreSQL is the truth: one row per call-up and person is
 * queued (never a second), claimed before the provider is called, and its outcome recorded after;
 * a worker killed in between leaves claims that go back to queued after the lease (that text may
 * then go twice). The daily budget is decided under a per-tenant lock: what does not fit is
 * recorded as budget_exhausted and not sent, so the cost never passes the budget.
 */
export class SmsFallback {
  constructor(private readonly d: Pick<MessagingDeps, 'fallbacks' | 'messages' | 'people' | 'clock' | 'tenants' | 'transactions' | 'onError'>, private readonly sms: SmsSender, private readonly settings: FallbackSettings) {}

  async sweep(): Promise<void> {
    if (!this.sms.name) return;
    await sweepTenants(this.d, 'sms', (tenantId) => this.runOnce(tenantId));
  }

  /** One round for one tenant: queue, claim within budget, hand over, record. Returns how many were handed over. */
  async runOnce(tenantId: string): Promise<number> {
    const claimed = await this.d.transactions.run(tenantId, async () => {
      const now = this.d.clock.now();
      await this.d.fallbacks.lockTenant(tenantId);
      await requeue(this.d, tenantId, 'sms', this.settings, now);
      const left = this.settings.dailyBudget - (await this.d.fallbacks.spentSince(tenantId, startOfUtcDay(now)));
      // Decided once the claims before have their outcome: a refused number costs nothing. Past the
      // budget, what is left is recorded as budget_exhausted (or failed, for a number that is none).
      const overBudget = left <= 0;
      const claims = await this.d.fallbacks.claim(tenantId, 'sms', overBudget ? 5000 : Math.min(left, this.settings.batchSize * this.settings.concurrency), now);
      if (claims.length === 0) return [];
      const phones = await this.d.people.phones(tenantId, [...new Set(claims.map((c) => c.userId))]);
      if (overBudget) {
        await this.d.fallbacks.record(
          tenantId,
          claims.map((c) => {
            const to = toE164(phones.get(c.userId) ?? null, this.settings.defaultCountry);
            return to
              ? { reference: c.reference, status: 'budget_exhausted' as const, reason: "the organisation's SMS budget for today is spent", address: to }
              : { reference: c.reference, status: 'failed' as const, reason: 'no valid phone number', address: null };
          }),
          now,
        );
        return [];
      }
      const texts = new Map<string, string>();
      for (const messageId of new Set(claims.map((c) => c.messageId))) {
        const message = await this.d.messages.byId(tenantId, messageId);
        if (message) texts.set(messageId, `${message.title}\n${message.pushText()}`.slice(0, 300));
      }
      // The link is the person's own: it answers for them without signing in (answer-link.ts).
      const withLink = (text: string | undefined, claim: (typeof claims)[number]): string | null =>
        text === undefined ? null : `${text}\n${claim.linkKey ? `Antwoord / Answer: ${this.settings.answerLinkUrl(tenantId, claim.linkKey)}` : 'Antwoord in de app. / Answer in the app.'}`;
      return claims.map((c) => ({ ...c, to: toE164(phones.get(c.userId) ?? null, this.settings.defaultCountry), text: withLink(texts.get(c.messageId), c) }));
    });
    if (claimed.length === 0) return 0;
    const results: FallbackResult[] = [];
    const sendable: SmsMessage[] = [];
    for (const claim of claimed) {
      if (!claim.to) results.push({ reference: claim.reference, status: 'failed', reason: 'no valid phone number', address: null });
      else if (!claim.text) results.push({ reference: claim.reference, status: 'failed', reason: 'message gone', address: null });
      else sendable.push({ to: claim.to, text: claim.text, reference: claim.reference });
    }
    const attempts = new Map(claimed.map((claim) => [claim.reference, claim.attempts]));
    const batches: SmsMessage[][] = [];
    for (let start = 0; start < sendable.length; start += this.settings.batchSize) batches.push(sendable.slice(start, start + this.settings.batchSize));
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < batches.length) {
        const batch = batches[next++]!;
        const outcomes = await this.sms.send(batch).catch((error: unknown) => batch.map(() => ({ status: 'retry' as const, reason: error instanceof Error ? error.message : String(error) })));
        batch.forEach((m, i) => {
          const outcome = outcomes[i] ?? { status: 'retry', reason: 'no answer for this text' };
          const tries = attempts.get(m.reference) ?? 1;
          // A provider that stays down (or an account it keeps refusing) ends the text after
          // maxAttempts, so the sender sees the failure instead of a row queued for ever. A text not
          // taken costs nothing: it gets no address, which keeps it outside the day's budget.
          if (outcome.status === 'retry' && tries >= this.settings.maxAttempts) results.push({ reference: m.reference, status: 'failed', reason: `not taken after ${tries} tries: ${outcome.reason}`, address: null });
          else if (outcome.status === 'retry') results.push({ reference: m.reference, status: 'queued', reason: outcome.reason, address: null });
          else results.push({ reference: m.reference, status: outcome.status === 'accepted' ? 'sent' : 'failed', reason: outcome.status === 'accepted' ? null : outcome.reason, address: m.to });
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.settings.concurrency, batches.length) }, worker));
    await this.d.transactions.run(tenantId, () => this.d.fallbacks.record(tenantId, results, this.d.clock.now()));
    // Texts the provider asked to retry wait for the next sweep rather than looping here.
    return results.some((r) => r.status === 'queued') ? 0 : claimed.length;
  }

  /** A delivery report from the provider's callback. Returns how many texts it matched. */
  async report(body: unknown): Promise<number | null> {
    const reports = this.sms.parseReports(body);
    if (!reports) return null;
    let matched = 0;
    for (const report of reports) {
      const tenantId = tenantOfReference(report.reference);
      if (!tenantId) continue;
      const found = await this.d.transactions.run(tenantId, () => this.d.fallbacks.report(tenantId, report.reference, report.outcome, report.reason, report.at)).catch(() => false);
      if (found) matched += 1;
    }
    return matched;
  }
}

export interface MailFallbackSettings {
  /** Same rule as the texts': null mails only whom push cannot reach. */
  unansweredAfterSeconds: number | null;
  /** Mails claimed per round, and handed to the mail server at once. */
  batchSize: number;
  concurrency: number;
  leaseSeconds: number;
  /** Tries per mail, the first included: past them a refused mail is failed with the server's reason. */
  maxAttempts: number;
  answerLinkUrl: (tenantId: string, linkKey: string) => string;
}

/**
 * E-mail to call-up recipients push does not reach, through the platform's mail port, with the
 * same PostgreSQL rows as the texts (channel email): one mail per person and call-up, claimed
 * before the mail server is called, the outcome recorded after. A mail the server refuses goes
 * back to queued for the next sweep (a mail server down for a while delays mails, loses none), up
 * to maxAttempts tries, then it is failed with the server's reason;
 * mail has no delivery reports, so sent is as far as its channel row goes. No budget: mail costs
 * nothing per message.
 */
export class MailFallback {
  constructor(private readonly d: Pick<MessagingDeps, 'fallbacks' | 'messages' | 'people' | 'clock' | 'tenants' | 'transactions' | 'onError'>, private readonly mailer: Mailer, private readonly settings: MailFallbackSettings) {}

  sweep(): Promise<void> {
    return sweepTenants(this.d, 'mail', (tenantId) => this.runOnce(tenantId));
  }

  /** One round for one tenant: queue, claim, hand to the mail server, record. Returns how many were sent. */
  async runOnce(tenantId: string): Promise<number> {
    const claimed = await this.d.transactions.run(tenantId, async () => {
      const now = this.d.clock.now();
      await requeue(this.d, tenantId, 'email', this.settings, now);
      const claims = await this.d.fallbacks.claim(tenantId, 'email', this.settings.batchSize, now);
      if (claims.length === 0) return [];
      const addresses = await this.d.people.emails(tenantId, [...new Set(claims.map((c) => c.userId))]);
      const messages = new Map<string, { title: string; body: string; options: string[] }>();
      for (const messageId of new Set(claims.map((c) => c.messageId))) {
        const message = await this.d.messages.byId(tenantId, messageId);
        if (message) messages.set(messageId, { title: message.title, body: message.body, options: message.answerOptions });
      }
      return claims.map((c) => ({ ...c, to: addresses.get(c.userId) ?? null, message: messages.get(c.messageId) ?? null }));
    });
    if (claimed.length === 0) return 0;
    const results: FallbackResult[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < claimed.length) {
        const claim = claimed[next++]!;
        if (!claim.to || !claim.message) {
          results.push({ reference: claim.reference, status: 'failed', reason: claim.to ? 'message gone' : 'no e-mail address', address: null });
          continue;
        }
        const link = claim.linkKey ? this.settings.answerLinkUrl(tenantId, claim.linkKey) : null;
        const text = [
          claim.message.body,
          '',
          link
            ? `Antwoord met één tik (${claim.message.options.join(' / ')}): ${link}\nAnswer with one tap: ${link}`
            : 'Antwoord in de app. / Answer in the app.',
          '',
          'Deze link is alleen voor u en werkt tot de oproep sluit. / This link is yours alone and works until the call-up closes.',
        ].join('\n');
        try {
          await this.mailer.send({ to: claim.to, subject: claim.message.title, text });
          results.push({ reference: claim.reference, status: 'sent', reason: null, address: null });
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          // A refusal that lasts (a rejected address, a server that stays down) ends: a mail is no
          // call-up's only channel, and an endless retry would hide the failure from the sender.
          if (claim.attempts >= this.settings.maxAttempts) results.push({ reference: claim.reference, status: 'failed', reason: `refused ${claim.attempts} times: ${reason}`, address: null });
          else results.push({ reference: claim.reference, status: 'queued', reason, address: null });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.settings.concurrency, claimed.length) }, worker));
    await this.d.transactions.run(tenantId, () => this.d.fallbacks.record(tenantId, results, this.d.clock.now()));
    return results.some((r) => r.status === 'queued') ? 0 : claimed.length;
  }
}
