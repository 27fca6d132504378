import type { DomainEvent } from '../../../platform/events/event-bus.js';

/** Published inside the creating transaction; the users module invites the first admin on it. */
export interface TenantCreated extends DomainEvent {
  readonly type: 'tenant.created';
  readonly tenantId: string;
  readonly firstAdmin: { name: string; email: string };
}

/** Published inside the changing transaction; the content module shares the logo with every user of the tenant. */
export interface TenantLogoChanged extends DomainEvent {
  readonly type: 'tenant.logo_changed';
  readonly tenantId: string;
  readonly mediaId: string;
}
