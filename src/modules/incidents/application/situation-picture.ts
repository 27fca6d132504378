import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { personalDataRead } from '../../../platform/audit/personal-data-read.js';
import { InvalidIncidentInput, type IncidentClosed, type NotLinked } from '../domain/incident.errors.js';
import { allowedKeys, type PictureTemplate } from '../domain/setup.js';
import { PictureVersionStale } from '../domain/incident.errors.js';
import { SituationPictureVersion } from '../domain/situation-picture.js';
import { nameOf, participateInOpen, viewIncident, type ContributionRefused, type IncidentView } from './access.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { IncidentsDeps } from './deps.js';
import { tellIncidentPeople } from './notices.js';
import { pictureHash } from './picture-hash.js';
import { auditEntry } from '../../../platform/audit/audit-entry.js';

export interface SituationPicture {
  /** The template the picture is written in: the plan's, else the one its first version used; null until either exists. */
  template: PictureTemplate | null;
  current: SituationPictureVersion | null;
  versions: SituationPictureVersion[];
}

function templateOf(view: IncidentView, versions: SituationPictureVersion[]): PictureTemplate | null {
  const key = versions[0]?.templateKey ?? view.incident.plan?.situationPicture ?? null;
  if (key === null) return null;
  const current = view.setup.pictureTemplate(key);
  if (current) return current;
  // The set-up dropped it since: the sections as the last version wrote them.
  const last = versions[versions.length - 1];
  return last ? { key: last.templateKey, name: last.templateName, sections: last.sections.map((s) => ({ key: s.key, title: s.title, guidance: null })) } : null;
}

/** The current version and every version before it, for anyone in the incident. */
export class GetSituationPicture {
  constructor(private readonly d: Pick<IncidentsDeps, 'incidents' | 'pictures' | 'clock' | 'audit'>) {}

  async execute(query: { actor: Actor; incidentId: string }): Promise<Result<SituationPicture, NotFound>> {
    const view = await viewIncident(this.d, query.actor, query.incidentId);
    if (!view.ok) return view;
    const versions = await this.d.pictures.versions(query.actor.tenantId, query.incidentId);
    const authors = new Set(versions.map((v) => v.authorId));
    for (const author of authors) if (author !== query.actor.userId) this.d.audit.record(personalDataRead(query.actor, { type: 'user', id: author }, 'situation_picture'));
    return ok({ template: templateOf(view.value, versions), current: versions[versions.length - 1] ?? null, versions });
  }
}

/** The coordinator saves the picture: every save is a new version, chained to the one before it. */
export class SaveSituationPicture {
  constructor(private readonly d: Pick<IncidentsDeps, 'incidents' | 'pictures' | 'people' | 'clock'>) {}

  async execute(command: { actor: Actor; incidentId: string; template: string | null; basedOnVersion: number | null; sections: Array<{ key: string; text: string }> }): Promise<
    Result<SituationPictureVersion, ContributionRefused | PictureVersionStale>
  > {
    const { actor } = command;
    const view = await participateInOpen(this.d, actor, command.incidentId);
    if (!view.ok) return view;
    // One save at a time per incident: the next version number and the previous hash stay exact.
    await this.d.incidents.lockTeam(actor.tenantId, command.incidentId);
    const versions = await this.d.pictures.versions(actor.tenantId, command.incidentId);
    const previous = versions[versions.length - 1] ?? null;
    if (command.basedOnVersion !== null && command.basedOnVersion !== (previous?.version ?? 0)) return fail(new PictureVersionStale(previous?.version ?? 0));
    let template = templateOf(view.value, versions);
    if (command.template !== null && template && command.template !== template.key) {
      return fail(new InvalidIncidentInput('template', `must be ${template.key}: this incident's picture is written in that template`));
    }
    if (!template) {
      if (command.template === null) return fail(new InvalidIncidentInput('template', `is needed for the first version (${allowedKeys(view.value.setup.situationPictureTemplates)})`));
      template = view.value.setup.pictureTemplate(command.template);
      if (!template) return fail(new InvalidIncidentInput('template', `is not one of the organisation's situation-picture templates (${allowedKeys(view.value.setup.situationPictureTemplates)})`));
    }
    const author = { id: view.value.userId, name: view.value.member?.name ?? (await nameOf(this.d, actor.tenantId, view.value.userId)) };
    const written = SituationPictureVersion.write({ tenantId: actor.tenantId, incidentId: command.incidentId, previous, template, texts: command.sections, author }, this.d.clock.now(), pictureHash);
    if (!written.ok) return written;
    this.d.pictures.add(written.value);
    return ok(written.value);
  }
}

/** Sends a version to everyone in the incident as a message, through the path activation notifies by. */
export class SendSituationPicture {
  constructor(private readonly d: Pick<IncidentsDeps, 'incidents' | 'pictures' | 'notifier' | 'clock' | 'audit'>) {}

  async execute(command: { actor: Actor; incidentId: string; version: number }): Promise<Result<{ version: number; sentTo: string[] }, NotFound | NotLinked | IncidentClosed>> {
    const { actor } = command;
    const view = await participateInOpen(this.d, actor, command.incidentId);
    if (!view.ok) return view;
    const version = (await this.d.pictures.versions(actor.tenantId, command.incidentId)).find((v) => v.version === command.version);
    if (!version) return fail(new NotFound('Situation picture version'));
    const { incident } = view.value;
    const sentTo = (await this.d.incidents.members(actor.tenantId, incident.id)).filter((m) => m.isActive() && m.userId !== view.value.userId).map((m) => m.userId);
    await tellIncidentPeople(this.d, incident, view.value.userId, sentTo, { title: `Situatiebeeld ${version.version}: ${incident.title}`, body: version.asMessage() }, 'normal');
    this.d.audit.record(auditEntry(actor, { action: 'incident.situation_picture_sent', subjectType: 'incident', subjectId: incident.id, details: { version: version.version, recipients: sentTo.length } }));
    return ok({ version: version.version, sentTo });
  }
}
