import type { DomainEvent } from '../../../platform/events/event-bus.js';

/**
 * Published inside the changing transaction when what others are shown of a user changes: name,
 * job title, phone or e-mail, or whether they are shown at all (deactivation). The content module
 * raises the version of every contact list showing the user, so offline apps receive the change.
 */
export interface UserProfileChanged extends DomainEvent {
  readonly type: 'user.profile_changed';
  readonly tenantId: string;
  readonly userId: string;
}
