import type { PushNotification, PushOutcome, PushSender } from '../../platform/push/ports.js';

/** For load tests: every push succeeds after a fixed latency, as a provider would answer. */
export class SimulatedPushSender implements PushSender {
  constructor(private readonly latencyMs: number) {}

  send(_notification: PushNotification): Promise<PushOutcome> {
    return new Promise((resolve) => setTimeout(() => resolve({ status: 'sent' }), this.latencyMs));
  }
}
