import { EntitySchema } from '@mikro-orm/core';
import { ormClass, tenantKey, timestamp, optionalTimestamp } from '../../../platform/database/entity-schema.js';
import { IncidentAction } from '../domain/action.js';
import { ChatMessage } from '../domain/chat-message.js';
import { Incident, IncidentMember, IncidentTeam } from '../domain/incident.js';
import { LogEntry } from '../domain/log-entry.js';
import { LogMark } from '../domain/log-mark.js';
import { IncidentSetup } from '../domain/setup.js';
import { SituationPictureVersion } from '../domain/situation-picture.js';
import { IncidentTemplate } from '../domain/template.js';

export const IncidentSetupSchema = new EntitySchema<IncidentSetup>({
  class: ormClass(IncidentSetup),
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
    situationPictureTemplates: { type: 'json', defaultRaw: "'[]'" },
    updatedAt: timestamp,
  },
});

export const IncidentSchema = new EntitySchema<Incident>({
  class: ormClass(Incident),
  tableName: 'incidents',
  indexes: [{ name: 'incidents_tenant_status_index', properties: ['tenantId', 'status'] }],
  properties: {
    ...tenantKey,
    title: { type: 'string', length: 200 },
    typeKey: { type: 'string', length: 40 },
    severity: { type: 'string', length: 16 },
    description: { type: 'text', nullable: true },
    location: { type: 'json', nullable: true },
    exercise: { type: 'boolean' },
    plan: { type: 'json', nullable: true },
    status: { type: 'string', length: 16 },
    activatedBy: { type: 'uuid' },
    activatedAt: timestamp,
    closedBy: { type: 'uuid', nullable: true },
    closedAt: optionalTimestamp,
    lastSeq: { type: 'integer', default: 0 },
    chainHead: { type: 'string', length: 64, nullable: true },
    updatedAt: timestamp,
  },
});

export const IncidentMemberSchema = new EntitySchema<IncidentMember>({
  class: ormClass(IncidentMember),
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
    removedAt: optionalTimestamp,
  },
});

export const IncidentTeamSchema = new EntitySchema<IncidentTeam>({
  class: ormClass(IncidentTeam),
  tableName: 'incident_teams',
  properties: {
    tenantId: { type: 'uuid', primary: true },
    incidentId: { type: 'uuid', primary: true },
    groupId: { type: 'uuid', primary: true },
    name: { type: 'string', length: 200 },
    role: { type: 'string', length: 40 },
    linkedAt: timestamp,
    removedAt: optionalTimestamp,
  },
});

/** The columns of an incident post (a log entry or a chat message) that its table's keys name. */
type PostColumn = 'tenantId' | 'incidentId' | 'seq' | 'changeSeq' | 'authorId' | 'clientId';
interface PostTable {
  tableName: string;
  uniques: Array<{ name: string; properties: PostColumn[] }>;
  indexes: Array<{ name: string; properties: PostColumn[] }>;
}

/**
 * The log and the chat are both a numbered feed of an incident: a post has its place (seq), its
 * last change number (changeSeq, which the live feed reads from), is found by author when the
 * author is erased, and is taken at most once per device's client id, so a retry changes nothing.
 */
function incidentPostTable(tableName: string): PostTable {
  return {
    tableName,
    uniques: [
      { name: `${tableName}_seq_unique`, properties: ['tenantId', 'incidentId', 'seq'] },
      { name: `${tableName}_client_unique`, properties: ['tenantId', 'authorId', 'clientId'] },
    ],
    indexes: [
      { name: `${tableName}_change_index`, properties: ['tenantId', 'incidentId', 'changeSeq'] },
      { name: `${tableName}_author_index`, properties: ['tenantId', 'authorId'] },
    ],
  };
}

/** Where a post stands in its incident's feed, and who posted it. */
const postPlace = {
  ...tenantKey,
  incidentId: { type: 'uuid' },
  seq: { type: 'integer' },
  changeSeq: { type: 'integer' },
  authorId: { type: 'uuid' },
  authorName: { type: 'string', length: 200 },
} as const;

/** What the posting device said: its id for the post, and when (by its own clock) it was written. */
const postOrigin = {
  clientId: { type: 'uuid', nullable: true },
  observedAt: optionalTimestamp,
} as const;

export const LogEntrySchema = new EntitySchema<LogEntry>({
  class: ormClass(LogEntry),
  ...incidentPostTable('incident_log_entries'),
  properties: {
    ...postPlace,
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
    markedAt: optionalTimestamp,
    createdAt: timestamp,
    prevHash: { type: 'string', length: 64, nullable: true },
    hash: { type: 'string', length: 64 },
    ...postOrigin,
    citesChatMessageId: { type: 'uuid', nullable: true },
  },
});

export const LogMarkSchema = new EntitySchema<LogMark>({
  class: ormClass(LogMark),
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
  class: ormClass(IncidentAction),
  tableName: 'incident_actions',
  indexes: [{ name: 'incident_actions_tenant_incident_index', properties: ['tenantId', 'incidentId'] }],
  uniques: [{ name: 'incident_actions_client_unique', properties: ['tenantId', 'createdBy', 'clientId'] }],
  properties: {
    ...tenantKey,
    incidentId: { type: 'uuid' },
    title: { type: 'string', length: 300 },
    description: { type: 'text', nullable: true },
    assignee: { type: 'json', nullable: true },
    dueAt: optionalTimestamp,
    status: { type: 'string', length: 16 },
    createdBy: { type: 'uuid' },
    createdByName: { type: 'string', length: 200 },
    createdAt: timestamp,
    completedBy: { type: 'uuid', nullable: true },
    completedByName: { type: 'string', length: 200, nullable: true },
    completedAt: optionalTimestamp,
    history: { type: 'json' },
    updatedAt: timestamp,
    clientId: { type: 'uuid', nullable: true },
    observedAt: optionalTimestamp,
  },
});

export const ChatMessageSchema = new EntitySchema<ChatMessage>({
  class: ormClass(ChatMessage),
  ...incidentPostTable('incident_chat_messages'),
  properties: {
    ...postPlace,
    text: { type: 'text' },
    media: { type: 'json' },
    createdAt: timestamp,
    ...postOrigin,
    promotedEntryId: { type: 'uuid', nullable: true },
    promotedBy: { type: 'uuid', nullable: true },
    promotedAt: optionalTimestamp,
  },
});

export const IncidentTemplateSchema = new EntitySchema<IncidentTemplate>({
  class: ormClass(IncidentTemplate),
  tableName: 'incident_templates',
  uniques: [{ name: 'incident_templates_key_unique', properties: ['tenantId', 'key'] }],
  properties: {
    ...tenantKey,
    key: { type: 'string', length: 40 },
    name: { type: 'string', length: 200 },
    typeKey: { type: 'string', length: 40 },
    severity: { type: 'string', length: 16 },
    description: { type: 'text', nullable: true },
    location: { type: 'json', nullable: true },
    teams: { type: 'json' },
    taskCards: { type: 'json' },
    notification: { type: 'json', nullable: true },
    situationPicture: { type: 'string', length: 40, nullable: true },
    createdAt: timestamp,
    updatedAt: timestamp,
  },
});

export const SituationPictureVersionSchema = new EntitySchema<SituationPictureVersion>({
  class: ormClass(SituationPictureVersion),
  tableName: 'incident_situation_pictures',
  indexes: [{ name: 'incident_situation_pictures_author_index', properties: ['tenantId', 'authorId'] }],
  properties: {
    tenantId: { type: 'uuid', primary: true },
    incidentId: { type: 'uuid', primary: true },
    version: { type: 'integer', primary: true },
    templateKey: { type: 'string', length: 40 },
    templateName: { type: 'string', length: 200 },
    sections: { type: 'json' },
    authorId: { type: 'uuid' },
    authorName: { type: 'string', length: 200 },
    createdAt: timestamp,
    prevHash: { type: 'string', length: 64, nullable: true },
    hash: { type: 'string', length: 64 },
  },
});

export const incidentEntities = [
  IncidentSetupSchema,
  IncidentSchema,
  IncidentMemberSchema,
  IncidentTeamSchema,
  LogEntrySchema,
  LogMarkSchema,
  IncidentActionSchema,
  IncidentTemplateSchema,
  SituationPictureVersionSchema,
  ChatMessageSchema,
];
