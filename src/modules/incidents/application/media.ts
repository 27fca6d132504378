import type { Permission } from '../../../platform/auth/permissions.js';
import type { Result } from '../../../platform/domain/result.js';
import { fail } from '../../../platform/domain/result.js';
import type { DomainError, NotFound } from '../../../platform/domain/errors.js';
import type { IncidentClosed, NotLinked } from '../domain/incident.errors.js';
import { participate, viewIncident, type Viewer } from './access.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { IncidentUpload, MediaUploads } from '../ports.js';
import type { IncidentsDeps } from './deps.js';

/**
 * A file shown in an incident's log may be opened by whoever may see an entry that shows it; one in
 * its chat, by every participant. The content module asks this (module.ts binds it as its media
 * access decider).
 */
export class IncidentMediaAccess {
  constructor(private readonly d: Pick<IncidentsDeps, 'incidents' | 'log' | 'chat' | 'clock'>) {}

  async mayRead(reader: { tenantId: string; userId: string; permissions: ReadonlySet<Permission> }, mediaId: string): Promise<boolean> {
    // A coordinator sees every entry of the log, linked or not: and so every file it shows.
    const actor: Viewer = { tenantId: reader.tenantId, actorType: 'user', userId: reader.userId, permissions: reader.permissions };
    for (const entry of await this.d.log.entriesShowing(reader.tenantId, mediaId)) {
      const view = await viewIncident(this.d, actor, entry.incidentId);
      if (!view.ok) continue;
      const { seesAll, member } = view.value;
      if (seesAll || entry.important || entry.authorId === reader.userId || (member?.teamId != null && member.teamId === entry.authorTeamId)) return true;
    }
    for (const incidentId of await this.d.chat.incidentsShowing(reader.tenantId, mediaId)) {
      if ((await viewIncident(this.d, actor, incidentId)).ok) return true;
    }
    return false;
  }
}

/** A file uploaded for a log entry or a chat message: only someone who may post to this open incident may upload for it. */
export class UploadIncidentMedia {
  constructor(private readonly d: Pick<IncidentsDeps, 'incidents' | 'clock'>, private readonly uploads: MediaUploads) {}

  async execute(command: { actor: Actor; incidentId: string; upload: IncidentUpload }): Promise<
    Result<{ id: string; kind: string; mimeType: string; size: number; originalName: string | null }, NotFound | NotLinked | IncidentClosed | DomainError>
  > {
    const view = await participate(this.d, command.actor, command.incidentId);
    if (!view.ok) return view;
    const open = view.value.incident.assertOpen();
    if (!open.ok) return fail(open.error);
    return this.uploads.store(command.actor, command.upload);
  }
}
