import type { Permission } from '../../../platform/auth/permissions.js';
import type { Result } from '../../../platform/domain/result.js';
import { fail } from '../../../platform/domain/result.js';
import type { DomainError, NotFound } from '../../../platform/domain/errors.js';
import type { IncomingFile, StoredMedia } from '../ports.js';
import type { IncidentClosed, NotLinked } from '../domain/incident.errors.js';
import { participate, viewIncident } from './access.js';
import type { Actor, IncidentsDeps } from './deps.js';

type Deps = Pick<IncidentsDeps, 'incidents' | 'setups' | 'log' | 'chat' | 'clock'>;

/**
 * A file shown in an incident's log may be opened by whoever may see an entry that shows it; one in
 * its chat, by every participant. The content module asks this (module.ts binds it as its media
 * access decider).
 */
export class IncidentMediaAccess {
  constructor(private readonly d: Deps) {}

  async mayRead(reader: { tenantId: string; userId: string; permissions: ReadonlySet<Permission> }, mediaId: string): Promise<boolean> {
    // A coordinator sees every entry of the log, linked or not: and so every file it shows.
    const actor: Actor = {
      tenantId: reader.tenantId,
      actorType: 'user',
      actorId: reader.userId,
      userId: reader.userId,
      clientAddress: null,
      userAgent: null,
      coordinates: reader.permissions.has('incidents.coordinate'),
      activates: reader.permissions.has('incidents.activate'),
    };
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

/** Before an upload for a log entry: only someone who may post to this open incident may upload for it. */
/** A file for an incident's log or chat: stored as media when the uploader takes part in the incident and it is open. */
export class UploadIncidentMedia {
  constructor(private readonly d: Pick<IncidentsDeps, 'incidents' | 'setups' | 'log' | 'chat' | 'clock' | 'media'>) {}

  async execute(command: { actor: Actor; incidentId: string; file: IncomingFile }): Promise<Result<StoredMedia, NotFound | NotLinked | IncidentClosed | DomainError>> {
    const { actor } = command;
    const view = await participate(this.d, actor, command.incidentId);
    if (!view.ok) return view;
    const open = view.value.incident.assertOpen();
    if (!open.ok) return fail(open.error);
    return this.d.media.store({ tenantId: actor.tenantId, actorType: actor.actorType, actorId: actor.actorId, clientAddress: actor.clientAddress }, command.file);
  }
}
