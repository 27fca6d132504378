import { tableSchema, tenantOwnedSchema, tenantKey, timestamps, timestamp, optionalTimestamp, keyUuid } from '../../../platform/database/entity-schema.js';
import { IncidentAction } from '../domain/action.js';
import { ChatMessage } from '../domain/chat-message.js';
import { Incident, IncidentMember, IncidentTeam } from '../domain/incident.js';
import { LogEntry } from '../domain/log-entry.js';
import { LogMark } from '../domain/log-mark.js';
import { IncidentSetup } from '../domain/setup.js';
import { SituationPictureVersion } from '../domain/situation-picture.js';
import { IncidentTemplate } from '../domain/template.js';

/** The key of a row of one incident (its people, teams, marks and pictures) begins with the tenant and the incident. */
const incidentRowKey = { tenantId: keyUuid, incidentId: keyUuid } as const;

/** What an incident says of itself, and a template fills in for the incidents started from it. */
const incidentDescription = {
  typeKey: { type: 'string', length: 40 },
  severity: { type: 'string', length: 16 },
  description: { type: 'text', nullable: true },
  location: { type: 'json', nullable: true },
} as const;

/** When a person or a team was linked to the incident, and unlinked again. */
const linkTimes = { linkedAt: timestamp, removedAt: optionalTimestamp } as const;

export const IncidentSetupSchema = tableSchema(IncidentSetup, 'incident_setups', {
  tenantId: keyUuid,
  types: { type: 'json' },
  roles: { type: 'json' },
  locations: { type: 'json' },
  classifications: { type: 'json' },
  labels: { type: 'json' },
  allowMemberActivation: { type: 'boolean', default: false },
  memberVisibility: { type: 'string', length: 16 },
  situationPictureTemplates: { type: 'json', defaultRaw: "'[]'" },
  updatedAt: timestamp,
});

export const IncidentSchema = tenantOwnedSchema(Incident, 'incidents', {
  title: { type: 'string', length: 200 },
  ...incidentDescription,
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
}, {
  indexes: [{ name: 'incidents_tenant_status_index', properties: ['tenantId', 'status'] }],
});

export const IncidentMemberSchema = tableSchema(IncidentMember, 'incident_members', {
  ...incidentRowKey,
  userId: keyUuid,
  name: { type: 'string', length: 200 },
  teamId: { type: 'uuid', nullable: true },
  teamName: { type: 'string', length: 200, nullable: true },
  role: { type: 'string', length: 40 },
  linkedBy: { type: 'uuid' },
  ...linkTimes,
}, {
  indexes: [{ name: 'incident_members_tenant_user_index', properties: ['tenantId', 'userId'] }],
});

export const IncidentTeamSchema = tableSchema(IncidentTeam, 'incident_teams', {
  ...incidentRowKey,
  groupId: keyUuid,
  name: { type: 'string', length: 200 },
  role: { type: 'string', length: 40 },
  ...linkTimes,
});

/** The columns of an incident post (a log entry or a chat message) that its table's keys name. */
type PostColumn = 'tenantId' | 'incidentId' | 'seq' | 'changeSeq' | 'authorId' | 'clientId';
interface PostKeys {
  uniques: Array<{ name: string; properties: PostColumn[] }>;
  indexes: Array<{ name: string; properties: PostColumn[] }>;
}

/**
 * The log and the chat are both a numbered feed of an incident: a post has its place (seq), its
 * last change number (changeSeq, which the live feed reads from), is found by author when the
 * author is erased, and is taken at most once per device's client id, so a retry changes nothing.
 */
function incidentPostKeys(tableName: string): PostKeys {
  return {
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

export const LogEntrySchema = tableSchema(LogEntry, 'incident_log_entries', {
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
}, incidentPostKeys('incident_log_entries'));

export const LogMarkSchema = tableSchema(LogMark, 'incident_log_marks', {
  ...incidentRowKey,
  seq: { type: 'integer', primary: true },
  entryId: { type: 'uuid' },
  important: { type: 'boolean' },
  summary: { type: 'string', length: 500, nullable: true },
  markedBy: { type: 'uuid' },
  markedAt: timestamp,
  prevHash: { type: 'string', length: 64, nullable: true },
  hash: { type: 'string', length: 64 },
}, {
  indexes: [{ name: 'incident_log_marks_entry_index', properties: ['tenantId', 'entryId'] }],
});

export const IncidentActionSchema = tenantOwnedSchema(IncidentAction, 'incident_actions', {
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
}, {
  indexes: [{ name: 'incident_actions_tenant_incident_index', properties: ['tenantId', 'incidentId'] }],
  uniques: [{ name: 'incident_actions_client_unique', properties: ['tenantId', 'createdBy', 'clientId'] }],
});

export const ChatMessageSchema = tableSchema(ChatMessage, 'incident_chat_messages', {
  ...postPlace,
  text: { type: 'text' },
  media: { type: 'json' },
  createdAt: timestamp,
  ...postOrigin,
  promotedEntryId: { type: 'uuid', nullable: true },
  promotedBy: { type: 'uuid', nullable: true },
  promotedAt: optionalTimestamp,
}, incidentPostKeys('incident_chat_messages'));

export const IncidentTemplateSchema = tenantOwnedSchema(IncidentTemplate, 'incident_templates', {
  key: { type: 'string', length: 40 },
  name: { type: 'string', length: 200 },
  ...incidentDescription,
  teams: { type: 'json' },
  taskCards: { type: 'json' },
  notification: { type: 'json', nullable: true },
  situationPicture: { type: 'string', length: 40, nullable: true },
  ...timestamps,
}, {
  uniques: [{ name: 'incident_templates_key_unique', properties: ['tenantId', 'key'] }],
});

export const SituationPictureVersionSchema = tableSchema(SituationPictureVersion, 'incident_situation_pictures', {
  ...incidentRowKey,
  version: { type: 'integer', primary: true },
  templateKey: { type: 'string', length: 40 },
  templateName: { type: 'string', length: 200 },
  sections: { type: 'json' },
  authorId: { type: 'uuid' },
  authorName: { type: 'string', length: 200 },
  createdAt: timestamp,
  prevHash: { type: 'string', length: 64, nullable: true },
  hash: { type: 'string', length: 64 },
}, {
  indexes: [{ name: 'incident_situation_pictures_author_index', properties: ['tenantId', 'authorId'] }],
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
