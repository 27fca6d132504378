import type { Mailer, MailMessage } from '../../src/platform/mail/mailer.js';

/** An in-memory Mailer: tests read the activation links users would get by mail. */
export class RecordingMailer implements Mailer {
  readonly sent: MailMessage[] = [];
  private failure: Error | null = null;

  send(message: MailMessage): Promise<void> {
    if (this.failure) {
      const failure = this.failure;
      this.failure = null;
      return Promise.reject(failure);
    }
    this.sent.push(message);
    return Promise.resolve();
  }

  /** The next send fails as a mail server that is down would. */
  failNext(error: Error): void {
    this.failure = error;
  }

  lastTo(email: string): MailMessage {
    const message = [...this.sent].reverse().find((m) => m.to === email.toLowerCase());
    if (!message) throw new Error(`no mail was sent to ${email}`);
    return message;
  }

  /** The activation token from the newest invitation to this address. */
  activationTokenFor(email: string): string {
    const link = /https?:\/\/\S+\/activate#token=(\S+)/.exec(this.lastTo(email).text);
    if (!link) throw new Error(`the mail to ${email} has no activation link`);
    return decodeURIComponent(link[1]!);
  }
}
