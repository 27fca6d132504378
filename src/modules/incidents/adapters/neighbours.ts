import type { MediaFiles, UploadMedia } from '../../content/application/media.js';
import type { PlanReader } from '../../content/application/plans.js';
import type { MessageTemplateCatalogue } from '../../messaging/application/templates.js';
import type { TenantLookup } from '../../tenants/application/tenant-lookup.js';
import type { NotifyPeople } from '../../messaging/application/notify-people.js';
import type { PreviewReach } from '../../messaging/application/sender-view.js';
import type { PeopleDirectory } from '../../users/application/people-directory.js';
import type { MediaLibrary, MediaUploads, NotificationReach, Notifier, People, Plans, TenantProfile } from '../ports.js';

/** People and groups, from the users module's application layer. */
export function peopleFrom(directory: PeopleDirectory): People {
  return {
    async names(tenantId, userIds) {
      if (userIds.length === 0) return new Map();
      return new Map((await directory.profiles(tenantId, [...new Set(userIds)])).map((p) => [p.id, p.name]));
    },
    groupName: (tenantId, groupId) => directory.groupName(tenantId, groupId),
    membersOf: (tenantId, groupId) => directory.membersOf(tenantId, groupId),
  };
}

/** What a notification reaches, counted by the messaging module the way it fixes a message's recipients. */
export function reachFrom(preview: PreviewReach): NotificationReach {
  return {
    async count(tenantId, userIds) {
      if (userIds.length === 0) return { people: 0, devices: 0 };
      const reach = await preview.execute({ tenantId, audience: { everyone: false, groupIds: [], userIds } });
      // The users were checked against the directory a moment ago, in the same transaction.
      if (!reach.ok) throw reach.error;
      return reach.value;
    },
  };
}

/** Messages to people, sent by the messaging module in the caller's transaction. */
export function notifierFrom(notify: NotifyPeople): Notifier {
  return { notify: (notice) => notify.execute(notice) };
}

/** Uploaded files, from the content module's application layer. */
export function mediaFrom(files: MediaFiles): MediaLibrary {
  return {
    describe: (tenantId, ids) => files.describe(tenantId, ids),
    imageBytes: (tenantId, mediaId) => files.imageBytes(tenantId, mediaId, 'original'),
  };
}

/** Incident uploads, stored by the content module's upload use case. */
export function uploadsFrom(upload: UploadMedia): MediaUploads {
  return { store: (actor, file) => upload.execute({ actor, upload: file }) };
}

/** The organisation's name and logo, from the tenants module's application layer. */
export function tenantProfileFrom(lookup: TenantLookup): TenantProfile {
  return {
    async of(tenantId) {
      const tenant = await lookup.byId(tenantId);
      return tenant ? { name: tenant.name, logoMediaId: tenant.logoMediaId } : null;
    },
  };
}

/** Scenarios and task cards, from the content module's application layer. */
/** Scenarios and task cards (content), and message templates for notifications (messaging). */
export function plansFrom(reader: PlanReader, messageTemplates: MessageTemplateCatalogue): Plans {
  return {
    scenario: (tenantId, id) => reader.scenario(tenantId, id),
    taskCards: (tenantId, ids) => reader.taskCards(tenantId, ids),
    messageTemplate: (tenantId, id, values) => messageTemplates.preview(tenantId, id, values),
  };
}
