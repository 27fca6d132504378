import type { Transaction } from '../../../platform/database/transaction.js';
import type { Clock } from '../../../platform/domain/clock.js';
import type { EventBus } from '../../../platform/events/event-bus.js';
import type { TenantRepository } from '../ports.js';

/** What this module's use cases stand on, bound once in module.ts; each takes the part it needs. */
export interface TenantsDeps {
  transaction: Transaction;
  tenants: TenantRepository;
  events: EventBus;
  clock: Clock;
}
