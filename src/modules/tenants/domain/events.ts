import type { DomainEvent } from '../../../platform/events/event-bus.js';

/** Published inside the creating transaction; the users module invites the first admin on it. */
export interface TenantCreated extends DomainEvent {
  readonly type: 'tenant.created';
  readonly tenantId: string;
  readonly firstAdmin: { name: string; email: string };
}
