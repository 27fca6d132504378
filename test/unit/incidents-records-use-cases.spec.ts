import { expect } from 'chai';
import { CreateIncidentAction, UpdateIncidentAction } from '../../src/modules/incidents/application/actions.js';
import { ChatFeed, PostChatMessage } from '../../src/modules/incidents/application/chat.js';
import { LiveFeed, MarkLogEntry } from '../../src/modules/incidents/application/log.js';
import { IncidentMediaAccess, UploadIncidentMedia } from '../../src/modules/incidents/application/media.js';
import { ChatMessagesHolder, IncidentActionsHolder, IncidentParticipationsHolder, LogEntriesHolder, SituationPicturesHolder } from '../../src/modules/incidents/application/personal-data.js';
import { BuildIncidentReport } from '../../src/modules/incidents/application/report.js';
import { SaveSituationPicture } from '../../src/modules/incidents/application/situation-picture.js';
import { RemoveIncidentMember } from '../../src/modules/incidents/application/team.js';
import { IncidentClosed, NotLinked } from '../../src/modules/incidents/domain/incident.errors.js';
import type { IncidentUpload, MediaUploads } from '../../src/modules/incidents/ports.js';
import type { Actor } from '../../src/platform/auth/actor.js';
import { DomainError, NotFound } from '../../src/platform/domain/errors.js';
import { fail, ok, type Result } from '../../src/platform/domain/result.js';
import { COORD, MEMBER, T, TEAMMATE, activeIncident, coordinator, integration, member, outsider, post, teammate, world } from '../support/in-memory/incidents-world.js';
import { errorOf, valueOf } from '../support/in-memory/result.js';

class FileTooLarge extends DomainError {
  readonly code = 'MEDIA.TOO_LARGE';
  readonly kind = 'too_large' as const;
  constructor() {
    super('File too large', 'The file is larger than allowed.');
  }
}

/** Stores what it is given, or refuses files over 10 bytes as the content module refuses large ones. */
class RecordingUploads implements MediaUploads {
  readonly stored: Array<{ actor: Actor; upload: IncidentUpload }> = [];

  store(actor: Actor, upload: IncidentUpload): Promise<Result<{ id: string; kind: string; mimeType: string; size: number; originalName: string | null }, DomainError>> {
    if (upload.size > 10) return Promise.resolve(fail(new FileTooLarge()));
    this.stored.push({ actor, upload });
    return Promise.resolve(ok({ id: `media-${this.stored.length}`, kind: 'image', mimeType: 'image/jpeg', size: upload.size, originalName: upload.fileName }));
  }
}

const upload = (size: number): IncidentUpload => ({ path: '/tmp/spool/1', size, head: Buffer.from([0xff, 0xd8]), declaredType: 'image/jpeg', fileName: 'rook.jpg' });

describe('incidents record use cases (in-memory ports)', () => {
  describe('BuildIncidentReport', () => {
    it('reports the timeline, overview, actions, picture, chat and chain, recording each participant as read, with the logo and the PDF from the renderer', async () => {
      const p = world();
      p.tenants.profiles.set(T, { name: 'Gemeente Oost', logoMediaId: 'logo' });
      p.media.files.push({ id: 'logo', kind: 'image', mimeType: 'image/png', originalName: null, createdBy: COORD, bytes: Buffer.from('png') });
      const incident = await activeIncident(p);
      const first = valueOf(await post(p, member, incident.id, { classification: 'waarneming' })).entry;
      valueOf(await post(p, coordinator, incident.id, { text: 'Correctie', correctsId: first.id }));
      valueOf(await new MarkLogEntry(p).execute({ actor: coordinator, incidentId: incident.id, entryId: first.id, important: true, summary: 'Rook' }));
      valueOf(await new CreateIncidentAction(p).execute({ actor: coordinator, incidentId: incident.id, title: 'Afzetten', description: null, dueAt: null, assignee: { userId: MEMBER } }));
      valueOf(await new SaveSituationPicture(p).execute({ actor: coordinator, incidentId: incident.id, template: 'bob', basedOnVersion: null, sections: [{ key: 'beeld', text: 'Brand' }] }));
      valueOf(await new PostChatMessage(p).execute({ actor: teammate, incidentId: incident.id, text: 'Onderweg', mediaIds: [], clientId: null, observedAt: null }));
      p.audit.entries.length = 0;
      const report = new BuildIncidentReport(p);
      const built = valueOf(await report.execute({ actor: coordinator, incidentId: incident.id }));
      expect(built.organisation).to.equal('Gemeente Oost');
      expect(built.chain).to.deep.include({ valid: true, links: 3 });
      expect(built.timeline.map((e) => [e.seq, e.author, e.classification, e.correctsSeq])).to.deep.equal([
        [1, 'Mo Lid', 'Waarneming', null],
        [2, 'Cora Coördinator', null, 1],
      ]);
      expect(built.overview.map((e) => e.summary)).to.deep.equal(['Rook']);
      expect(built.actions.map((a) => [a.title, a.assignee])).to.deep.equal([['Afzetten', 'Mo Lid']]);
      expect(built.situationPicture?.chain).to.deep.equal({ valid: true, brokenAt: null });
      expect(built.chat.map((m) => [m.author, m.text])).to.deep.equal([['Tess Team', 'Onderweg']]);
      expect(built.participants.map((m) => [m.name, m.role])).to.have.deep.members([
        ['Mo Lid', 'Teamlid'],
        ['Tess Team', 'Teamlid'],
        ['Cora Coördinator', 'Teamlid'],
      ]);
      expect(p.audit.entries.map((e) => [e.action, e.details])).to.deep.equal(Array(3).fill(['personal_data.read', { category: 'incident_report' }]));
      expect(p.audit.entries.map((e) => e.subjectId)).to.have.members([MEMBER, TEAMMATE, COORD]);
      const logo = await report.logo(T);
      expect(logo?.toString()).to.equal('png');
      expect((await report.pdf(built, logo)).toString()).to.equal('%PDF spec');
      expect(p.renderer.rendered).to.deep.equal([{ report: built, logo }]);
    });

    it('answers NotFound to someone not in the incident, recording nothing', async () => {
      const p = world();
      const incident = await activeIncident(p);
      expect(errorOf(await new BuildIncidentReport(p).execute({ actor: outsider, incidentId: incident.id }))).to.be.instanceOf(NotFound);
      expect(p.audit.entries).to.deep.equal([]);
      expect(await new BuildIncidentReport(p).logo(T)).to.equal(null);
    });
  });

  describe('UploadIncidentMedia', () => {
    it('stores a file for a participant of an open incident through the media port, passing its refusal on', async () => {
      const p = world();
      const incident = await activeIncident(p);
      const uploads = new RecordingUploads();
      const execute = (actor: Actor, size = 4) => new UploadIncidentMedia(p, uploads).execute({ actor, incidentId: incident.id, upload: upload(size) });
      expect(valueOf(await execute(member))).to.deep.equal({ id: 'media-1', kind: 'image', mimeType: 'image/jpeg', size: 4, originalName: 'rook.jpg' });
      expect(uploads.stored.map((s) => s.actor)).to.deep.equal([member]);
      expect(errorOf(await execute(member, 11))).to.be.instanceOf(FileTooLarge);
      expect(errorOf(await execute(outsider))).to.be.instanceOf(NotFound);
      expect(errorOf(await execute(integration))).to.be.instanceOf(NotLinked);
      incident.close(COORD, p.clock.now());
      expect(errorOf(await execute(member))).to.be.instanceOf(IncidentClosed);
      expect(uploads.stored).to.have.length(1);
    });
  });

  describe('IncidentMediaAccess', () => {
    it('lets whoever may see an entry showing a file open it, every participant a chat photo, and nobody else', async () => {
      const p = world('own_team');
      const incident = await activeIncident(p);
      p.media.files.push({ id: 'entry-photo', kind: 'image', mimeType: 'image/jpeg', originalName: null, createdBy: COORD }, { id: 'chat-photo', kind: 'image', mimeType: 'image/jpeg', originalName: null, createdBy: MEMBER });
      valueOf(await post(p, coordinator, incident.id, { text: 'foto', mediaIds: ['entry-photo'] }));
      valueOf(await new PostChatMessage(p).execute({ actor: member, incidentId: incident.id, text: '', mediaIds: ['chat-photo'], clientId: null, observedAt: null }));
      const access = new IncidentMediaAccess(p);
      const may = (actor: typeof member, mediaId: string) => access.mayRead(actor, mediaId);
      expect(await may(coordinator, 'entry-photo')).to.equal(true);
      expect(await may(member, 'entry-photo')).to.equal(false);
      valueOf(await new MarkLogEntry(p).execute({ actor: coordinator, incidentId: incident.id, entryId: p.log.entries[0]!.id, important: true, summary: null }));
      expect(await may(member, 'entry-photo')).to.equal(true);
      expect(await may(teammate, 'chat-photo')).to.equal(true);
      expect(await may(outsider, 'chat-photo')).to.equal(false);
      expect(await may(outsider, 'entry-photo')).to.equal(false);
      expect(await may(member, 'unknown')).to.equal(false);
    });
  });

  describe('personal data holders', () => {
    it("export a person's entries, actions, participations, chat and picture versions, and erase their name everywhere under the pseudonym", async () => {
      const p = world();
      const incident = await activeIncident(p);
      valueOf(await post(p, member, incident.id));
      const { action } = valueOf(await new CreateIncidentAction(p).execute({ actor: member, incidentId: incident.id, title: 'Bellen', description: null, dueAt: null, assignee: { userId: MEMBER } }));
      valueOf(await new UpdateIncidentAction(p).execute({ actor: coordinator, incidentId: incident.id, actionId: action.id, status: 'done' }));
      valueOf(await new PostChatMessage(p).execute({ actor: member, incidentId: incident.id, text: 'Hier', mediaIds: [], clientId: null, observedAt: null }));
      valueOf(await new SaveSituationPicture(p).execute({ actor: member, incidentId: incident.id, template: 'bob', basedOnVersion: null, sections: [] }));
      const subject = { tenantId: T, userId: MEMBER };
      const holders = [new LogEntriesHolder(p), new IncidentActionsHolder(p), new IncidentParticipationsHolder(p), new ChatMessagesHolder(p), new SituationPicturesHolder(p)];
      const exported = await Promise.all(holders.map(async (h) => [h.category, (await h.exportSubject(subject)).length] as const));
      expect(exported).to.deep.equal([
        ['log_entries', 1],
        ['incident_actions', 3],
        ['incident_participations', 1],
        ['incident_chat_messages', 1],
        ['situation_pictures', 1],
      ]);
      expect((await new IncidentActionsHolder(p).exportSubject(subject)).map((r) => r.involvement)).to.deep.equal(['created', 'assignee', 'assigned']);
      for (const holder of holders) await holder.eraseSubject({ ...subject, pseudonym: 'Persoon 7' });
      expect(p.log.entries[0]!.authorName).to.equal('Persoon 7');
      expect(action).to.deep.include({ createdByName: 'Persoon 7', assignee: { userId: MEMBER, teamId: null, name: 'Persoon 7' } });
      expect(action.history.filter((h) => h.byId === MEMBER).map((h) => h.byName)).to.deep.equal(['Persoon 7', 'Persoon 7']);
      expect(action.history.find((h) => h.change === 'assigned')!.detail).to.equal('Persoon 7');
      expect(action.completedByName).to.equal('Cora Coördinator');
      expect((await p.incidents.member(T, incident.id, MEMBER))!.name).to.equal('Persoon 7');
      expect(p.chat.messages[0]!.authorName).to.equal('Persoon 7');
      expect(p.pictures.stored[0]!.authorName).to.equal('Persoon 7');
      expect(JSON.stringify([p.log.entries, p.actions.actions, p.incidents.memberRows, p.chat.messages, p.pictures.stored])).to.not.include('Mo Lid');
    });
  });

  describe('LiveFeed and ChatFeed', () => {
    it("opens a member's feed, sends changes after the last id with the overview's removals, wakes on announcements and stops when unlinked", async () => {
      const p = world();
      const incident = await activeIncident(p);
      const feed = new LiveFeed(p);
      const subscription = valueOf(await feed.open({ actor: member, incidentId: incident.id, view: 'overview' }));
      const heard: number[] = [];
      const stop = await feed.listen(subscription, (seq) => heard.push(seq));
      const { entry } = valueOf(await post(p, coordinator, incident.id));
      valueOf(await new MarkLogEntry(p).execute({ actor: coordinator, incidentId: incident.id, entryId: entry.id, important: true, summary: null }));
      expect(heard).to.deep.equal([1, 2]);
      expect((await feed.changes(subscription, 0)).changes.map((c) => [c.changeSeq, c.removed])).to.deep.equal([[2, false]]);
      valueOf(await new MarkLogEntry(p).execute({ actor: coordinator, incidentId: incident.id, entryId: entry.id, important: false, summary: null }));
      expect((await feed.changes(subscription, 2)).changes.map((c) => [c.changeSeq, c.removed])).to.deep.equal([[3, true]]);
      expect(await feed.recheck(subscription)).to.equal(true);
      valueOf(await new RemoveIncidentMember(p).execute({ actor: coordinator, incidentId: incident.id, userId: MEMBER }));
      expect(await feed.recheck(subscription)).to.equal(false);
      await stop();
      expect(p.live.listenerCount()).to.equal(0);
      expect(errorOf(await feed.open({ actor: outsider, incidentId: incident.id, view: 'feed' }))).to.be.instanceOf(NotFound);
    });

    it('streams chat messages by change number and stops when the follower is no longer a participant', async () => {
      const p = world();
      const incident = await activeIncident(p);
      const feed = new ChatFeed(p);
      const subscription = valueOf(await feed.open({ actor: member, incidentId: incident.id }));
      const heard: number[] = [];
      const stop = await feed.listen(subscription, (seq) => heard.push(seq));
      valueOf(await new PostChatMessage(p).execute({ actor: teammate, incidentId: incident.id, text: 'Een', mediaIds: [], clientId: null, observedAt: null }));
      valueOf(await new PostChatMessage(p).execute({ actor: teammate, incidentId: incident.id, text: 'Twee', mediaIds: [], clientId: null, observedAt: null }));
      expect(heard).to.deep.equal([1, 2]);
      expect((await feed.changes(subscription, 1)).changes.map((m) => m.text)).to.deep.equal(['Twee']);
      expect(await feed.changes(subscription, 0, 1)).to.deep.include({ scannedUpTo: 1 });
      valueOf(await new RemoveIncidentMember(p).execute({ actor: coordinator, incidentId: incident.id, userId: MEMBER }));
      expect(await feed.recheck(subscription)).to.equal(false);
      await stop();
      expect(p.chatNews.listenerCount()).to.equal(0);
      expect(errorOf(await feed.open({ actor: outsider, incidentId: incident.id }))).to.be.instanceOf(NotFound);
    });
  });
});
