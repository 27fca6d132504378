import { AggregatorRegistry, type Registry } from 'prom-client';
import { isClusterMessage, type ClusterMessage, type SharedDatabase } from './messages.js';

/** Asks the primary for the database it prepared (migrated, embedded or not) and waits for the answer. */
export function databaseFromPrimary(timeoutMs = 30_000): Promise<SharedDatabase> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the api primary did not hand over the database settings')), timeoutMs);
    const onMessage = (message: unknown) => {
      if (!isClusterMessage(message, 'crisis:database')) return;
      clearTimeout(timer);
      process.off('message', onMessage);
      resolve(message.database);
    };
    process.on('message', onMessage);
    send({ type: 'crisis:database-wanted' });
  });
}

/** Tells the primary this process takes requests; it counts towards readiness from then on. */
export function announceListening(port: number): void {
  send({ type: 'crisis:listening', port });
}

/** Lets the primary's /metrics collect this process's registry (prom-client's cluster protocol). */
export function shareMetrics(registry: Registry): void {
  // The constructor installs the worker's answering listener; the instance itself is not needed here.
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([registry]);
}

function send(message: ClusterMessage): void {
  process.send?.(message);
}
