import type { Logger } from '../../platform/logging/logger.js';
import type { PushNotification, PushOutcome, PushSender } from '../../platform/push/ports.js';

/** Development default: every push is a log line. */
export class ConsolePushSender implements PushSender {
  constructor(private readonly logger: Logger) {}

  send(notification: PushNotification): Promise<PushOutcome> {
    this.logger.info({ platform: notification.platform, deliveryKey: notification.deliveryKey, title: notification.title }, 'push (console)');
    return Promise.resolve({ status: 'sent' });
  }
}
