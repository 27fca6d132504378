import { EventEmitter } from 'node:events';

/**
 * Fan-out of small notifications between api processes ("incident X has news up to 42"): a
 * subscriber connected to one process hears what was published through any other. Messages are
 * hints, not the data: whoever hears one reads what changed from the database, so a lost or
 * duplicated message costs a read, never an entry.
 */
export interface LiveChannel {
  publish(topic: string, message: string): Promise<void>;
  /** Starts listening; resolves once messages on the topic are being received. Returns the way to stop. */
  subscribe(topic: string, listener: (message: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** One process: the embedded default, where every subscriber is in the same process as every publisher. */
export class InProcessLiveChannel implements LiveChannel {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  publish(topic: string, message: string): Promise<void> {
    this.emitter.emit(topic, message);
    return Promise.resolve();
  }

  subscribe(topic: string, listener: (message: string) => void): Promise<() => Promise<void>> {
    this.emitter.on(topic, listener);
    return Promise.resolve(() => {
      this.emitter.off(topic, listener);
      return Promise.resolve();
    });
  }

  close(): Promise<void> {
    this.emitter.removeAllListeners();
    return Promise.resolve();
  }
}
