import type { Endpoints } from '../../../platform/http/endpoint.js';
import type { SmsFallback } from '../application/fallback.js';
import type {
  CheckAppVersion,
  GetMinimumVersions,
  ListDevices,
  RegisterDevice,
  SetMinimumVersions,
  UnregisterDevice,
} from '../application/devices.js';
import type { AnswerCallUp, GetInboxMessage, ListInbox, MarkRead } from '../application/inbox.js';
import type { CloseCallUp } from '../application/escalation.js';
import type { CancelMessage, SendMessage } from '../application/send-message.js';
import type { GetMessageStats, ListMessages, ListResponses, PreviewReach } from '../application/sender-view.js';
import type {
  CreateMessageTemplate,
  DeleteMessageTemplate,
  GetMessageTemplate,
  ListMessageTemplates,
  ReplaceMessageTemplate,
} from '../application/templates.js';

/** The use cases behind the messaging routers. */
export interface MessagingHttpDeps {
  endpoints: Endpoints;
  send: SendMessage;
  cancel: CancelMessage;
  close: CloseCallUp;
  list: ListMessages;
  stats: GetMessageStats;
  responses: ListResponses;
  reach: PreviewReach;
  inbox: ListInbox;
  inboxMessage: GetInboxMessage;
  markRead: MarkRead;
  answer: AnswerCallUp;
  registerDevice: RegisterDevice;
  listDevices: ListDevices;
  unregisterDevice: UnregisterDevice;
  getMinimums: GetMinimumVersions;
  setMinimums: SetMinimumVersions;
  checkVersion: CheckAppVersion;
  /** Runs work in a transaction of its own in the tenant (the stream's later reads). */
  inTenant: <T>(tenantId: string, work: () => Promise<T>) => Promise<T>;
  /** How often a live statistics stream re-reads the counts (every api process reads PostgreSQL). */
  statsIntervalMs: number;
  smsFallback: SmsFallback;
  templates: {
    list: ListMessageTemplates;
    get: GetMessageTemplate;
    create: CreateMessageTemplate;
    replace: ReplaceMessageTemplate;
    remove: DeleteMessageTemplate;
  };
  /** The secret the SMS provider's delivery-report callback carries; null: no provider, no callback. */
  smsCallbackSecret: string | null;
}

/** A contract date-time, or null where none is given. */
export const dateOf = (value: string | null | undefined): Date | null => (value ? new Date(value) : null);

/** One page of a list as the contract answers it: its items in their contract form, the total, and which page it is. */
export function pageBody<Item, Dto>(at: { page: number; pageSize: number }, result: { items: Item[]; total: number }, dto: (item: Item) => Dto) {
  return { items: result.items.map(dto), total: result.total, page: at.page, pageSize: at.pageSize };
}
