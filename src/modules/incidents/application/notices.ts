import type { IncidentAction } from '../domain/action.js';
import type { Incident } from '../domain/incident.js';
import type { IncidentsDeps } from './deps.js';

type Deps = Pick<IncidentsDeps, 'notifier'>;

/** What an incident says, before the messaging module cuts it to a message's bounds. */
export interface IncidentText {
  title: string;
  body: string;
  /** Sent from this message template (the text above is its text filled in), with these values. */
  template?: { id: string; placeholders: Readonly<Record<string, string>> } | null;
}

/** The incident's people are told in its words: an exercise is marked once, in front, so nobody takes a drill for the real thing. */
export async function tellIncidentPeople(d: Deps, incident: Incident, by: string, userIds: readonly string[], text: IncidentText, priority: 'normal' | 'urgent'): Promise<void> {
  if (userIds.length === 0) return;
  await d.notifier.notify({
    tenantId: incident.tenantId,
    senderId: by,
    userIds,
    title: incident.exercise ? `OEFENING: ${text.title}` : text.title,
    body: text.body,
    priority,
    source: `incident:${incident.id}`,
    template: text.template ?? null,
  });
}

/** The assignees of an action are told what it asks and by when. */
export async function tellAssignees(d: Deps, action: IncidentAction, by: string, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;
  await d.notifier.notify({
    tenantId: action.tenantId,
    senderId: by,
    userIds,
    title: `Actie: ${action.title}`,
    body: [action.description, action.dueAt ? `Gereed vóór ${action.dueAt.toISOString()}` : null].filter(Boolean).join('\n') || action.title,
    priority: 'normal',
    source: `incident:${action.incidentId}:action:${action.id}`,
  });
}
