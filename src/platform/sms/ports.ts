/** One text message to one phone number. */
export interface SmsMessage {
  /** E.164 (+31612345678). */
  to: string;
  text: string;
  /** Ours, unique per text message: the provider's delivery report names it. */
  reference: string;
}

/** What the provider said about one text message when it was handed over. */
export type SmsOutcome = { status: 'accepted' } | { status: 'rejected'; reason: string } | { status: 'retry'; reason: string };

/** A delivery report from the provider, read from its callback. */
export interface SmsReport {
  reference: string;
  outcome: 'delivered' | 'failed' | 'accepted';
  reason: string | null;
  at: Date;
}

/**
 * Hands text messages to an SMS provider, many in one request. Outcomes come back in the
 * order of the messages; a provider that cannot be reached answers retry for each.
 */
export interface SmsSender {
  /** Empty when no provider is configured: nothing falls back to SMS then. */
  readonly name: string | null;
  send(messages: readonly SmsMessage[]): Promise<SmsOutcome[]>;
  /** Reads the provider's delivery-report callback body; null when it is not one. */
  parseReports(body: unknown): SmsReport[] | null;
}
