import { EntitySchema, type Constructor } from '@mikro-orm/core';
import { IncidentAction } from '../domain/action.js';
import { Incident, IncidentMember, IncidentTeam } from '../domain/incident.js';
import { LogEntry } from '../domain/log-entry.js';
import { LogMark } from '../domain/log-mark.js';
import { IncidentSetup } from '../domain/setup.js';

const timestamp = { type: 'datetime', columnType: 'timestamptz' } as const;

export const IncidentSetupSchema = new EntitySchema<IncidentSetup>({
  class: IncidentSetup as unknown as Constructor<IncidentSetup>,
  tableName: 'incident_setups',
  properties: {
    tenantId: { type: 'uuid', primary: true },
    types: { type: 'json' },
    roles: { type: 'json' },
    locations: { type: 'json' },
    classifications: { type: 'json' },
    labels: { type: 'json' },
    allowMemberActivation: { type: 'boolean', default: false },
    memberVisibility: { type: 'string', length: 16 },
    updatedAt: timestamp,
  },
});

export const IncidentSchema = new EntitySchema<Incident>({
  class: Incident as unknown as Constructor<Incident>,
  tableName: 'incidents',
  indexes: [{ name: 'incidents_tenant_status_index', properties: ['tenantId', 'status'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    tenantId: { type: 'uuid' },
    title: { type: 'string', length: 200 },
    typeKey: { type: 'string', length: 40 },
    severity: { type: 'string', length: 16 },
    description: { type: 'text', nullable: true },
    location: { type: 'json', nullable: true },
    exercise: { type: 'boolean' },
    status: { type: 'string', length: 16 },
    activatedBy: { type: 'uuid' },
    activatedAt: timestamp,
    closedBy: { type: 'uuid', nullable: true },
    closedAt: { ...timestamp, nullable: true },
    lastSeq: { type: 'integer', default: 0 },
    chainHead: { type: 'string', length: 64, nullable: true },
    updatedAt: timestamp,
  },
});

export const IncidentMemberSchema = new EntitySchema<IncidentMember>({
  class: IncidentMember as unknown as Constructor<IncidentMember>,
  tableName: 'incident_members',
  indexes: [{ name: 'incident_members_tenant_user_index', properties: ['tenantId', 'userId'] }],
  properties: {
    tenantId: { type: 'uuid', primary: true },
    incidentId: { type: 'uuid', primary: true },
    userId: { type: 'uuid', primary: true },
    name: { type: 'string', length: 200 },
    teamId: { type: 'uuid', nullable: true },
    teamName: { type: 'string', length: 200, nullable: true },
    role: { type: 'string', length: 40 },
    linkedBy: { type: 'uuid' },
    linkedAt: timestamp,
    removedAt: { ...timestamp, nullable: true },
  },
});

export const IncidentTeamSchema = new EntitySchema<IncidentTeam>({
  class: IncidentTeam as unknown as Constructor<IncidentTeam>,
  tableName: 'incident_teams',
  properties: {
    tenantId: { type: 'uuid', primary: true },
    incidentId: { type: 'uuid', primary: true },
    groupId: { type: 'uuid', primary: true },
    name: { type: 'string', length: 200 },
    role: { type: 'string', length: 40 },
    linkedAt: timestamp,
    removedAt: { ...timestamp, nullable: true },
  },
});

export const LogEntrySchema = new EntitySchema<LogEntry>({
  class: LogEntry as unknown as Constructor<LogEntry>,
  tableName: 'incident_log_entries',
  uniques: [
    { name: 'incident_log_entries_seq_unique', properties: ['tenantId', 'incidentId', 'seq'] },
    { name: 'incident_log_entries_client_unique', properties: ['tenantId', 'authorId', 'clientId'] },
  ],
  indexes: [
    { name: 'incident_log_entries_change_index', properties: ['tenantId', 'incidentId', 'changeSeq'] },
    { name: 'incident_log_entries_author_index', properties: ['tenantId', 'authorId'] },
  ],
  properties: {
    id: { type: 'uuid', primary: true },
    tenantId: { type: 'uuid' },
    incidentId: { type: 'uuid' },
    seq: { type: 'integer' },
    changeSeq: { type: 'integer' },
    authorId: { type: 'uuid' },
    authorName: { type: 'string', length: 200 },
    authorTeamId: { type: 'uuid', nullable: true },
    authorTeamName: { type: 'string', length: 200, nullable: true },
    authorRole: { type: 'string', length: 40, nullable: true },
    text: { type: 'text' },
    media: { type: 'json' },
    hasMedia: { type: 'boolean' },
    classification: { type: 'string', length: 40, nullable: true },
    labels: { type: 'string[]' },
    correctsId: { type: 'uuid', nullable: true },
    important: { type: 'boolean', default: false },
    summary: { type: 'string', length: 500, nullable: true },
    markedBy: { type: 'uuid', nullable: true },
    markedAt: { ...timestamp, nullable: true },
    createdAt: timestamp,
    prevHash: { type: 'string', length: 64, nullable: true },
    hash: { type: 'string', length: 64 },
    clientId: { type: 'uuid', nullable: true },
    observedAt: { ...timestamp, nullable: true },
  },
});

export const LogMarkSchema = new EntitySchema<LogMark>({
  class: LogMark as unknown as Constructor<LogMark>,
  tableName: 'incident_log_marks',
  indexes: [{ name: 'incident_log_marks_entry_index', properties: ['tenantId', 'entryId'] }],
  properties: {
    tenantId: { type: 'uuid', primary: true },
    incidentId: { type: 'uuid', primary: true },
    seq: { type: 'integer', primary: true },
    entryId: { type: 'uuid' },
    important: { type: 'boolean' },
    summary: { type: 'string', length: 500, nullable: true },
    markedBy: { type: 'uuid' },
    markedAt: timestamp,
    prevHash: { type: 'string', length: 64, nullable: true },
    hash: { type: 'string', length: 64 },
  },
});

export const IncidentActionSchema = new EntitySchema<IncidentAction>({
  class: IncidentAction as unknown as Constructor<IncidentAction>,
  tableName: 'incident_actions',
  indexes: [{ name: 'incident_actions_tenant_incident_index', properties: ['tenantId', 'incidentId'] }],
  uniques: [{ name: 'incident_actions_client_unique', properties: ['tenantId', 'createdBy', 'clientId'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    tenantId: { type: 'uuid' },
    incidentId: { type: 'uuid' },
    title: { type: 'string', length: 300 },
    description: { type: 'text', nullable: true },
    assignee: { type: 'json', nullable: true },
    dueAt: { ...timestamp, nullable: true },
    status: { type: 'string', length: 16 },
    createdBy: { type: 'uuid' },
    createdByName: { type: 'string', length: 200 },
    createdAt: timestamp,
    completedBy: { type: 'uuid', nullable: true },
    completedByName: { type: 'string', length: 200, nullable: true },
    completedAt: { ...timestamp, nullable: true },
    history: { type: 'json' },
    updatedAt: timestamp,
    clientId: { type: 'uuid', nullable: true },
    observedAt: { ...timestamp, nullable: true },
  },
});

export const incidentEntities = [IncidentSetupSchema, IncidentSchema, IncidentMemberSchema, IncidentTeamSchema, LogEntrySchema, LogMarkSchema, IncidentActionSchema];
