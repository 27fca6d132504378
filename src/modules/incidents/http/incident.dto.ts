import type { components } from '../../../platform/http/contract.js';
import type { IncidentAction } from '../domain/action.js';
import type { ChatMessage } from '../domain/chat-message.js';
import type { Incident, IncidentMember, IncidentTeam } from '../domain/incident.js';
import type { LogEntry } from '../domain/log-entry.js';
import type { IncidentSetup } from '../domain/setup.js';

type Schemas = components['schemas'];

export function toSetupDto(setup: IncidentSetup): Schemas['IncidentSetup'] {
  const { types, roles, locations, classifications, labels, allowMemberActivation, memberVisibility } = setup;
  return { types, roles, locations, classifications, labels, allowMemberActivation, memberVisibility, situationPictureTemplates: setup.situationPictureTemplates ?? [], updatedAt: setup.updatedAt.toISOString() };
}

export function toIncidentDto(incident: Incident): Schemas['Incident'] {
  return {
    id: incident.id,
    title: incident.title,
    type: incident.typeKey,
    severity: incident.severity,
    description: incident.description,
    location: incident.location,
    exercise: incident.exercise,
    status: incident.status,
    activatedBy: incident.activatedBy,
    activatedAt: incident.activatedAt.toISOString(),
    closedAt: incident.closedAt?.toISOString() ?? null,
    plan: incident.plan ?? null,
  };
}

export function toMemberDto(m: IncidentMember): Schemas['IncidentMember'] {
  return { userId: m.userId, name: m.name, teamId: m.teamId, teamName: m.teamName, role: m.role, linkedAt: m.linkedAt.toISOString(), removedAt: m.removedAt?.toISOString() ?? null };
}

export function toDetailDto(detail: { incident: Incident; teams: IncidentTeam[]; members: IncidentMember[] }): Schemas['IncidentDetail'] {
  return {
    ...toIncidentDto(detail.incident),
    teams: detail.teams.map((t) => ({ groupId: t.groupId, name: t.name, role: t.role, linkedAt: t.linkedAt.toISOString(), removedAt: t.removedAt?.toISOString() ?? null })),
    members: detail.members.map(toMemberDto),
  };
}

export function toEntryDto(e: LogEntry): Schemas['LogEntry'] {
  return {
    id: e.id,
    seq: e.seq,
    changeSeq: e.changeSeq,
    author: { id: e.authorId, name: e.authorName, teamId: e.authorTeamId, teamName: e.authorTeamName, role: e.authorRole },
    text: e.text,
    media: e.media,
    classification: e.classification,
    labels: e.labels,
    correctsId: e.correctsId,
    important: e.important,
    summary: e.summary,
    createdAt: e.createdAt.toISOString(),
    hash: e.hash,
    clientId: e.clientId,
    observedAt: e.observedAt?.toISOString() ?? null,
    citesChatMessageId: e.citesChatMessageId,
  };
}

export function toChatDto(m: ChatMessage): Schemas['ChatMessage'] {
  return {
    id: m.id,
    seq: m.seq,
    changeSeq: m.changeSeq,
    author: { id: m.authorId, name: m.authorName },
    text: m.text,
    media: m.media,
    createdAt: m.createdAt.toISOString(),
    clientId: m.clientId,
    observedAt: m.observedAt?.toISOString() ?? null,
    promotedEntryId: m.promotedEntryId,
  };
}

export function toActionDto(a: IncidentAction, now: Date): Schemas['IncidentAction'] {
  return {
    id: a.id,
    title: a.title,
    description: a.description,
    assignee: a.assignee,
    dueAt: a.dueAt?.toISOString() ?? null,
    status: a.status,
    overdue: a.isOverdue(now),
    createdBy: { id: a.createdBy, name: a.createdByName },
    createdAt: a.createdAt.toISOString(),
    completedBy: a.completedBy ? { id: a.completedBy, name: a.completedByName ?? '' } : null,
    completedAt: a.completedAt?.toISOString() ?? null,
    history: a.history,
    clientId: a.clientId,
    observedAt: a.observedAt?.toISOString() ?? null,
  };
}
