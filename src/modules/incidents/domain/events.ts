import type { DomainEvent } from '../../../platform/events/event-bus.js';

/**
 * Published inside the transaction that links people to an incident (at activation or later).
 * The messaging module sends each newly linked user a push message with an inbox entry, in the
 * same transaction, so nobody is linked without being told.
 */
export interface IncidentMembersLinked extends DomainEvent {
  readonly type: 'incident.members_linked';
  readonly tenantId: string;
  readonly incidentId: string;
  /** Who linked them (a user id), the sender of the message. */
  readonly linkedBy: string;
  /** Only the users linked now, never those already in the incident. */
  readonly userIds: readonly string[];
  readonly title: string;
  readonly body: string;
  /** Sent from this message or call-up template (title and body above are its text filled in), with these placeholder values. */
  readonly messageTemplateId?: string | null;
  readonly placeholders?: Readonly<Record<string, string>>;
  readonly exercise: boolean;
  readonly priority: 'normal' | 'urgent';
}

/** Published inside the transaction that assigns an action; the messaging module notifies the assignees. */
export interface IncidentActionAssigned extends DomainEvent {
  readonly type: 'incident.action_assigned';
  readonly tenantId: string;
  readonly incidentId: string;
  readonly actionId: string;
  readonly assignedBy: string;
  /** The assignee, or every member of the assigned team. */
  readonly userIds: readonly string[];
  readonly title: string;
  readonly body: string;
}
