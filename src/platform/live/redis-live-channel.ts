import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import type { LiveChannel } from './live-channel.js';

/**
 * Redis pub/sub between api processes. One connection publishes, one subscribes (a subscribed
 * connection can do nothing else); the process subscribes to a Redis channel once however many
 * listeners it has for that topic, and drops it when the last one leaves. ioredis resubscribes
 * by itself after a reconnect; what was published meanwhile is found again in the database.
 */
export class RedisLiveChannel implements LiveChannel {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private readonly counts = new Map<string, number>();
  private readonly ready = new Map<string, Promise<unknown>>();

  constructor(url: string, onError: (error: Error) => void, private readonly prefix = 'live:') {
    this.publisher = new Redis(url, { maxRetriesPerRequest: 2 });
    this.subscriber = new Redis(url, { maxRetriesPerRequest: null });
    this.publisher.on('error', onError);
    this.subscriber.on('error', onError);
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel.startsWith(this.prefix)) this.emitter.emit(channel.slice(this.prefix.length), message);
    });
  }

  async publish(topic: string, message: string): Promise<void> {
    await this.publisher.publish(this.prefix + topic, message);
  }

  async subscribe(topic: string, listener: (message: string) => void): Promise<() => Promise<void>> {
    this.emitter.on(topic, listener);
    const count = (this.counts.get(topic) ?? 0) + 1;
    this.counts.set(topic, count);
    if (count === 1) this.ready.set(topic, this.subscriber.subscribe(this.prefix + topic));
    await this.ready.get(topic);
    let stopped = false;
    return async () => {
      if (stopped) return;
      stopped = true;
      this.emitter.off(topic, listener);
      const left = (this.counts.get(topic) ?? 1) - 1;
      if (left > 0) {
        this.counts.set(topic, left);
        return;
      }
      this.counts.delete(topic);
      this.ready.delete(topic);
      await this.subscriber.unsubscribe(this.prefix + topic).catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
    this.subscriber.disconnect();
    // quit() waits for a connection that may never come back: a shutdown with Redis away must not hang.
    if (this.publisher.status !== 'ready') this.publisher.disconnect();
    else await this.publisher.quit().catch(() => this.publisher.disconnect());
  }
}
