import type { Logger } from '../logging/logger.js';
import type { Mailer, MailMessage } from './mailer.js';

/** Development adapter: the mail, link included, goes to the log instead of a mailbox. */
export class ConsoleMailer implements Mailer {
  constructor(private readonly logger: Logger) {}

  send(message: MailMessage): Promise<void> {
    this.logger.info({ mail: { to: message.to, subject: message.subject, text: message.text } }, 'mail (console transport)');
    return Promise.resolve();
  }
}
