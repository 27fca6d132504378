import type { UnitOfWork } from '../../../platform/database/unit-of-work.js';
import type { LiveChannel } from '../../../platform/live/live-channel.js';
import type { Logger } from '../../../platform/logging/logger.js';
import type { LiveNews } from '../ports.js';

/** Announcements of an incident's log changes over the platform's live channel, sent once the change is committed. */
export class ChannelLiveNews implements LiveNews {
  constructor(
    private readonly channel: LiveChannel,
    private readonly uow: UnitOfWork,
    private readonly logger: Logger,
    /** The topic's first part: `incident` for the log, `incident-chat` for the chat. */
    private readonly prefix = 'incident',
  ) {}

  announce(tenantId: string, incidentId: string, changeSeq: number): void {
    this.uow.afterCommit(() => {
      this.channel.publish(topic(this.prefix, tenantId, incidentId), String(changeSeq)).catch((error: unknown) => {
        // Feeds catch up on their next announcement or reconnect; the entry itself is committed.
        this.logger.warn({ err: error, incidentId }, 'live announcement failed');
      });
    });
  }

  listen(tenantId: string, incidentId: string, listener: (changeSeq: number) => void): Promise<() => Promise<void>> {
    return this.channel.subscribe(topic(this.prefix, tenantId, incidentId), (message) => {
      const seq = Number(message);
      if (Number.isInteger(seq)) listener(seq);
    });
  }
}

function topic(prefix: string, tenantId: string, incidentId: string): string {
  return `${prefix}:${tenantId}:${incidentId}`;
}
