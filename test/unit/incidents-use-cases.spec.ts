import { expect } from 'chai';
import { CreateIncidentAction, ListIncidentActions, UpdateIncidentAction } from '../../src/modules/incidents/application/actions.js';
import { ListChatMessages, PostChatMessage, PromoteChatMessage } from '../../src/modules/incidents/application/chat.js';
import { ActivateIncident, ChangeIncidentStatus, GetIncident, ListIncidents, PreviewIncidentReach } from '../../src/modules/incidents/application/incidents.js';
import type { PostLogEntry} from '../../src/modules/incidents/application/log.js';
import { GetSituationOverview, ListLogEntries, MarkLogEntry, VerifyLogChain } from '../../src/modules/incidents/application/log.js';
import { GetSituationPicture, SaveSituationPicture, SendSituationPicture } from '../../src/modules/incidents/application/situation-picture.js';
import { ChangeMemberRole, LinkParticipants, RemoveIncidentMember, RemoveIncidentTeam } from '../../src/modules/incidents/application/team.js';
import { ActivationNotAllowed, IncidentClosed, IncidentStatusConflict, InvalidIncidentInput, NotLinked } from '../../src/modules/incidents/domain/incident.errors.js';
import { PictureVersionStale } from '../../src/modules/incidents/domain/incident.errors.js';
import { NotFound } from '../../src/platform/domain/errors.js';
import { userActor } from '../support/in-memory/platform.js';
import { errorOf, valueOf } from '../support/in-memory/result.js';
import { T, OTHER_TENANT, COORD, MEMBER, TEAMMATE, OUTSIDER, GROUP, coordinator, member, teammate, outsider, integration, world, details, activeIncident, post } from '../support/in-memory/incidents-world.js';

describe('incidents use cases (in-memory ports)', () => {
  describe('ActivateIncident', () => {
    it('stores the incident, links the teams and the activating user, tells the linked people and audits the activation', async () => {
      const p = world();
      const result = valueOf(await new ActivateIncident(p).execute({ actor: coordinator, details, links: { teams: [{ groupId: GROUP }], users: [] } }));
      expect(p.incidents.incidents).to.deep.equal([result.incident]);
      expect(result.incident.status).to.equal('active');
      expect(result.members.map((m) => [m.userId, m.role, m.teamId])).to.have.deep.members([
        [MEMBER, 'lid', GROUP],
        [TEAMMATE, 'lid', GROUP],
        [COORD, 'lid', null],
      ]);
      expect(result.teams.map((t) => t.name)).to.deep.equal(['Ploeg A']);
      expect(result.notified).to.deep.equal({ people: 3, devices: 3 });
      expect(p.notifier.notices).to.have.length(1);
      expect(p.notifier.notices[0]).to.deep.include({ title: 'Incident: Brand magazijn', priority: 'urgent', source: `incident:${result.incident.id}`, senderId: COORD });
      expect(p.notifier.notices[0]!.userIds).to.have.members([MEMBER, TEAMMATE, COORD]);
      expect(p.audit.entries).to.deep.equal([
        { tenantId: T, action: 'incident.activated', actorType: 'user', actorId: COORD, subjectType: 'incident', subjectId: result.incident.id, clientAddress: '192.0.2.1', userAgent: 'spec', details: { exercise: false, severity: 'major' } },
      ]);
    });

    it('marks an exercise in the notice title', async () => {
      const p = world();
      await new ActivateIncident(p).execute({ actor: coordinator, details: { ...details, exercise: true, severity: 'minor' }, links: { teams: [], users: [{ userId: MEMBER }] } });
      expect(p.notifier.notices[0]).to.deep.include({ title: 'OEFENING: Incident: Brand magazijn', priority: 'normal' });
    });

    it('refuses a member where the tenant lets only coordinators activate, and an API key always (ActivationNotAllowed), storing nothing', async () => {
      const p = world();
      expect(errorOf(await new ActivateIncident(p).execute({ actor: member, details, links: { teams: [], users: [] } }))).to.be.instanceOf(ActivationNotAllowed);
      expect(errorOf(await new ActivateIncident(p).execute({ actor: integration, details, links: { teams: [], users: [] } }))).to.be.instanceOf(ActivationNotAllowed);
      expect(p.incidents.incidents).to.deep.equal([]);
      expect(p.notifier.notices).to.deep.equal([]);
      expect(p.audit.entries).to.deep.equal([]);
    });

    it('lets a member activate where the tenant allows it', async () => {
      const p = world();
      p.setups.setups.get(T)!.allowMemberActivation = true;
      const { incident } = valueOf(await new ActivateIncident(p).execute({ actor: member, details, links: { teams: [], users: [] } }));
      expect(incident.activatedBy).to.equal(MEMBER);
    });

    it('refuses a type, group, user or role the set-up does not know (InvalidIncidentInput naming the field), telling nobody', async () => {
      const p = world();
      const activate = new ActivateIncident(p);
      const field = async (command: Partial<Parameters<ActivateIncident['execute']>[0]>) => {
        const error = errorOf(await activate.execute({ actor: coordinator, details, links: { teams: [], users: [] }, ...command }));
        expect(error).to.be.instanceOf(InvalidIncidentInput);
        return error.fields[0]!.pointer;
      };
      expect(await field({ details: { ...details, typeKey: 'overstroming' } })).to.equal('/type');
      expect(await field({ links: { teams: [{ groupId: OTHER_TENANT }], users: [] } })).to.equal('/teams/0/groupId');
      expect(await field({ links: { teams: [], users: [{ userId: OTHER_TENANT }] } })).to.equal('/users/0/userId');
      expect(await field({ links: { teams: [], users: [{ userId: MEMBER, role: 'kapitein' }] } })).to.equal('/users/0/role');
      expect(p.notifier.notices).to.deep.equal([]);
      expect(p.audit.entries).to.deep.equal([]);
    });
  });

  describe('PreviewIncidentReach', () => {
    it('names whom activation would link, counts the reach and records each other person as read, storing nothing', async () => {
      const p = world();
      const preview = valueOf(await new PreviewIncidentReach(p).execute({ actor: coordinator, links: { teams: [{ groupId: GROUP, role: 'leider' }], users: [{ userId: MEMBER }] } }));
      expect(preview.people.map((x) => [x.userId, x.role, x.teamName])).to.deep.equal([
        [MEMBER, 'leider', 'Ploeg A'],
        [TEAMMATE, 'leider', 'Ploeg A'],
        [COORD, 'lid', null],
      ]);
      expect(preview.notified).to.deep.equal({ people: 3, devices: 3 });
      expect(p.audit.entries.map((e) => [e.action, e.subjectId, e.details])).to.deep.equal([
        ['personal_data.read', MEMBER, { category: 'incident_participation' }],
        ['personal_data.read', TEAMMATE, { category: 'incident_participation' }],
      ]);
      expect(p.incidents.memberRows).to.deep.equal([]);
      expect(p.notifier.notices).to.deep.equal([]);
    });

    it('refuses who may not activate (ActivationNotAllowed) and unknown people (InvalidIncidentInput)', async () => {
      const p = world();
      expect(errorOf(await new PreviewIncidentReach(p).execute({ actor: member, links: { teams: [], users: [] } }))).to.be.instanceOf(ActivationNotAllowed);
      expect(errorOf(await new PreviewIncidentReach(p).execute({ actor: coordinator, links: { teams: [{ groupId: OTHER_TENANT }], users: [] } }))).to.be.instanceOf(InvalidIncidentInput);
      expect(p.audit.entries).to.deep.equal([]);
    });
  });

  describe('ListIncidents and GetIncident', () => {
    it('shows a coordinator and an integration every incident, a member only those they are linked to', async () => {
      const p = world();
      const linked = await activeIncident(p);
      const unlinked = valueOf(await new ActivateIncident(p).execute({ actor: coordinator, details: { ...details, title: 'Ander' }, links: { teams: [], users: [] } })).incident;
      const list = new ListIncidents(p);
      expect((await list.execute({ actor: coordinator })).map((i) => i.id)).to.have.members([linked.id, unlinked.id]);
      expect((await list.execute({ actor: integration })).map((i) => i.id)).to.have.members([linked.id, unlinked.id]);
      expect((await list.execute({ actor: member })).map((i) => i.id)).to.deep.equal([linked.id]);
      expect(await list.execute({ actor: outsider })).to.deep.equal([]);
      expect(await list.execute({ actor: coordinator, status: 'closed' })).to.deep.equal([]);
    });

    it('gives a member the incident with its team, recording every other member as read', async () => {
      const p = world();
      const incident = await activeIncident(p);
      const detail = valueOf(await new GetIncident(p).execute({ actor: member, incidentId: incident.id }));
      expect(detail.incident).to.equal(incident);
      expect(detail.members.map((m) => m.userId)).to.have.members([MEMBER, TEAMMATE, COORD]);
      expect(p.audit.entries.map((e) => e.subjectId)).to.have.members([TEAMMATE, COORD]);
      expect(p.audit.actions()).to.deep.equal(['personal_data.read', 'personal_data.read']);
    });

    it('answers NotFound to someone not linked, to another tenant and for an unknown id, recording nothing', async () => {
      const p = world();
      const incident = await activeIncident(p);
      const get = new GetIncident(p);
      expect(errorOf(await get.execute({ actor: outsider, incidentId: incident.id }))).to.be.instanceOf(NotFound);
      expect(errorOf(await get.execute({ actor: userActor({ tenantId: OTHER_TENANT, userId: COORD, roles: ['coordinator'] }), incidentId: incident.id }))).to.be.instanceOf(NotFound);
      expect(errorOf(await get.execute({ actor: coordinator, incidentId: OTHER_TENANT }))).to.be.instanceOf(NotFound);
      expect(p.audit.entries).to.deep.equal([]);
    });
  });

  describe('ChangeIncidentStatus', () => {
    it('closes, reopens and archives, auditing each change', async () => {
      const p = world();
      const incident = await activeIncident(p);
      const closed = valueOf(await new ChangeIncidentStatus(p, 'close').execute({ actor: coordinator, incidentId: incident.id }));
      expect(closed).to.deep.include({ status: 'closed', closedBy: COORD });
      valueOf(await new ChangeIncidentStatus(p, 'reopen').execute({ actor: coordinator, incidentId: incident.id }));
      expect(incident).to.deep.include({ status: 'active', closedBy: null, closedAt: null });
      valueOf(await new ChangeIncidentStatus(p, 'close').execute({ actor: coordinator, incidentId: incident.id }));
      valueOf(await new ChangeIncidentStatus(p, 'archive').execute({ actor: coordinator, incidentId: incident.id }));
      expect(incident.status).to.equal('archived');
      expect(p.audit.actions()).to.deep.equal(['incident.closed', 'incident.reopened', 'incident.closed', 'incident.archived']);
      expect(p.audit.entries[0]).to.deep.include({ subjectType: 'incident', subjectId: incident.id, actorId: COORD, userAgent: 'spec' });
    });

    it('refuses a change the status does not allow (IncidentStatusConflict) and an incident the caller cannot see (NotFound), auditing nothing', async () => {
      const p = world();
      const incident = await activeIncident(p);
      expect(errorOf(await new ChangeIncidentStatus(p, 'reopen').execute({ actor: coordinator, incidentId: incident.id }))).to.be.instanceOf(IncidentStatusConflict);
      expect(errorOf(await new ChangeIncidentStatus(p, 'archive').execute({ actor: coordinator, incidentId: incident.id }))).to.be.instanceOf(IncidentStatusConflict);
      expect(errorOf(await new ChangeIncidentStatus(p, 'close').execute({ actor: outsider, incidentId: incident.id }))).to.be.instanceOf(NotFound);
      expect(incident.status).to.equal('active');
      expect(p.audit.entries).to.deep.equal([]);
    });
  });

  describe('team: LinkParticipants, RemoveIncidentTeam, RemoveIncidentMember, ChangeMemberRole', () => {
    it('links a new person, tells only them, and audits whom it linked; linking them again tells nobody', async () => {
      const p = world();
      const incident = await activeIncident(p);
      const link = new LinkParticipants(p);
      expect(valueOf(await link.execute({ actor: coordinator, incidentId: incident.id, links: { teams: [], users: [{ userId: OUTSIDER, role: 'leider' }, { userId: MEMBER }] } }))).to.deep.equal({ linked: [OUTSIDER] });
      expect((await p.incidents.member(T, incident.id, OUTSIDER))).to.deep.include({ role: 'leider', name: 'Olaf Buiten', linkedBy: COORD, removedAt: null });
      expect(p.notifier.notices.map((n) => n.userIds)).to.deep.equal([[OUTSIDER]]);
      expect(p.audit.entries[0]).to.deep.include({ action: 'incident.participants_linked', details: { userIds: [OUTSIDER] } });
      expect(valueOf(await link.execute({ actor: coordinator, incidentId: incident.id, links: { teams: [], users: [{ userId: OUTSIDER }] } }))).to.deep.equal({ linked: [] });
      expect(p.notifier.notices).to.have.length(1);
    });

    it('refuses an unknown role (InvalidIncidentInput), a closed incident (IncidentClosed) and an unseen one (NotFound)', async () => {
      const p = world();
      const incident = await activeIncident(p);
      const link = new LinkParticipants(p);
      expect(errorOf(await link.execute({ actor: coordinator, incidentId: incident.id, links: { teams: [{ groupId: GROUP, role: 'kapitein' }], users: [] } }))).to.be.instanceOf(InvalidIncidentInput);
      expect(errorOf(await link.execute({ actor: outsider, incidentId: incident.id, links: { teams: [], users: [{ userId: OUTSIDER }] } }))).to.be.instanceOf(NotFound);
      incident.close(COORD, p.clock.now());
      expect(errorOf(await link.execute({ actor: coordinator, incidentId: incident.id, links: { teams: [], users: [{ userId: OUTSIDER }] } }))).to.be.instanceOf(IncidentClosed);
      expect(await p.incidents.member(T, incident.id, OUTSIDER)).to.equal(null);
      expect(p.notifier.notices).to.deep.equal([]);
    });

    it('removes a team with the members linked through it, keeping the others, and audits it', async () => {
      const p = world();
      const incident = await activeIncident(p);
      valueOf(await new RemoveIncidentTeam(p).execute({ actor: coordinator, incidentId: incident.id, groupId: GROUP }));
      const members = await p.incidents.members(T, incident.id);
      expect(members.filter((m) => m.isActive()).map((m) => m.userId)).to.deep.equal([COORD]);
      expect((await p.incidents.teams(T, incident.id))[0]!.removedAt).to.deep.equal(p.clock.now());
      expect(p.audit.entries[0]).to.deep.include({ action: 'incident.team_removed', details: { groupId: GROUP } });
      expect(errorOf(await new RemoveIncidentTeam(p).execute({ actor: coordinator, incidentId: incident.id, groupId: GROUP }))).to.be.instanceOf(NotFound);
      incident.close(COORD, p.clock.now());
      expect(errorOf(await new RemoveIncidentTeam(p).execute({ actor: coordinator, incidentId: incident.id, groupId: GROUP }))).to.be.instanceOf(IncidentClosed);
    });

    it('removes one member (audited), and answers NotFound for someone not (or no longer) in it and IncidentClosed once closed', async () => {
      const p = world();
      const incident = await activeIncident(p);
      const remove = new RemoveIncidentMember(p);
      valueOf(await remove.execute({ actor: coordinator, incidentId: incident.id, userId: MEMBER }));
      expect((await p.incidents.member(T, incident.id, MEMBER))!.isActive()).to.equal(false);
      expect(p.audit.entries[0]).to.deep.include({ action: 'incident.member_removed', subjectType: 'user', subjectId: MEMBER, details: { incidentId: incident.id } });
      expect(errorOf(await remove.execute({ actor: coordinator, incidentId: incident.id, userId: MEMBER }))).to.be.instanceOf(NotFound);
      expect(errorOf(await remove.execute({ actor: coordinator, incidentId: incident.id, userId: OUTSIDER }))).to.be.instanceOf(NotFound);
      expect(errorOf(await remove.execute({ actor: outsider, incidentId: incident.id, userId: TEAMMATE }))).to.be.instanceOf(NotFound);
      incident.close(COORD, p.clock.now());
      expect(errorOf(await remove.execute({ actor: coordinator, incidentId: incident.id, userId: TEAMMATE }))).to.be.instanceOf(IncidentClosed);
      expect((await p.incidents.member(T, incident.id, TEAMMATE))!.isActive()).to.equal(true);
    });

    it("changes a member's role to one of the set-up, refusing unknown roles, unknown members and closed incidents", async () => {
      const p = world();
      const incident = await activeIncident(p);
      const change = new ChangeMemberRole(p);
      expect(valueOf(await change.execute({ actor: coordinator, incidentId: incident.id, userId: MEMBER, role: 'leider' })).role).to.equal('leider');
      expect((await p.incidents.member(T, incident.id, MEMBER))!.role).to.equal('leider');
      expect(errorOf(await change.execute({ actor: coordinator, incidentId: incident.id, userId: MEMBER, role: 'kapitein' }))).to.be.instanceOf(InvalidIncidentInput);
      expect(errorOf(await change.execute({ actor: coordinator, incidentId: incident.id, userId: OUTSIDER, role: 'lid' }))).to.be.instanceOf(NotFound);
      expect(errorOf(await change.execute({ actor: outsider, incidentId: incident.id, userId: MEMBER, role: 'lid' }))).to.be.instanceOf(NotFound);
      incident.close(COORD, p.clock.now());
      expect(errorOf(await change.execute({ actor: coordinator, incidentId: incident.id, userId: MEMBER, role: 'lid' }))).to.be.instanceOf(IncidentClosed);
      expect((await p.incidents.member(T, incident.id, MEMBER))!.role).to.equal('leider');
    });
  });

  describe('log: PostLogEntry, ListLogEntries, GetSituationOverview, MarkLogEntry, VerifyLogChain', () => {
    it('appends an entry to the chain with the author as they are in the team, and announces its change number', async () => {
      const p = world();
      const incident = await activeIncident(p);
      const first = valueOf(await post(p, member, incident.id, { classification: 'waarneming', labels: ['pers'] }));
      const second = valueOf(await post(p, coordinator, incident.id, { text: 'Correctie: hal 4', correctsId: first.entry.id }));
      expect(first.replayed).to.equal(false);
      expect(first.entry).to.deep.include({ seq: 1, prevHash: null, authorName: 'Mo Lid', authorTeamId: GROUP, authorRole: 'lid', classification: 'waarneming', text: 'Rook gezien bij hal 3' });
      expect(second.entry).to.deep.include({ seq: 2, prevHash: first.entry.hash, correctsId: first.entry.id });
      expect(p.log.entries).to.deep.equal([first.entry, second.entry]);
      expect(incident.chainHead).to.equal(second.entry.hash);
      expect(p.live.announced).to.deep.equal([
        { tenantId: T, incidentId: incident.id, changeSeq: 1 },
        { tenantId: T, incidentId: incident.id, changeSeq: 2 },
      ]);
    });

    it('gives a retry with the same client id the first entry (replayed), and refuses that client id in another incident', async () => {
      const p = world();
      const incident = await activeIncident(p);
      const other = await activeIncident(p, { title: 'Ander' });
      const first = valueOf(await post(p, member, incident.id, { clientId: 'device-1' }));
      const retry = valueOf(await post(p, member, incident.id, { clientId: 'device-1', text: 'anders' }));
      expect(retry).to.deep.equal({ entry: first.entry, replayed: true });
      expect(p.log.entries).to.have.length(1);
      const elsewhere = errorOf(await post(p, member, other.id, { clientId: 'device-1' }));
      expect(elsewhere).to.be.instanceOf(InvalidIncidentInput);
      expect((elsewhere as InvalidIncidentInput).fields[0]!.pointer).to.equal('/clientId');
      expect(p.live.announced).to.have.length(1);
    });

    it('refuses outsiders (NotFound), integrations (NotLinked), closed incidents (IncidentClosed) and bad input (InvalidIncidentInput), appending nothing', async () => {
      const p = world();
      const incident = await activeIncident(p);
      p.media.files.push({ id: 'photo-of-teammate', kind: 'image', mimeType: 'image/jpeg', originalName: 'a.jpg', createdBy: TEAMMATE });
      expect(errorOf(await post(p, outsider, incident.id))).to.be.instanceOf(NotFound);
      expect(errorOf(await post(p, integration, incident.id))).to.be.instanceOf(NotLinked);
      const invalid = async (extra: Partial<Parameters<PostLogEntry['execute']>[0]>) => (errorOf(await post(p, member, incident.id, extra)) as InvalidIncidentInput).fields[0]!.pointer;
      expect(await invalid({ correctsId: OTHER_TENANT })).to.equal('/correctsId');
      expect(await invalid({ mediaIds: ['photo-of-teammate'] })).to.equal('/mediaIds');
      expect(await invalid({ text: '   ' })).to.equal('/text');
      expect(await invalid({ classification: 'gerucht' })).to.equal('/classification');
      incident.close(COORD, p.clock.now());
      expect(errorOf(await post(p, member, incident.id))).to.be.instanceOf(IncidentClosed);
      expect(p.log.entries).to.deep.equal([]);
      expect(incident.chainHead).to.equal(null);
      expect(p.live.announced).to.deep.equal([]);
    });

    it('attaches files the author uploaded', async () => {
      const p = world();
      const incident = await activeIncident(p);
      p.media.files.push({ id: 'own-photo', kind: 'image', mimeType: 'image/jpeg', originalName: 'rook.jpg', createdBy: MEMBER });
      const { entry } = valueOf(await post(p, member, incident.id, { text: '', mediaIds: ['own-photo'] }));
      expect(entry.media).to.deep.equal([{ id: 'own-photo', kind: 'image', mimeType: 'image/jpeg', name: 'rook.jpg' }]);
      expect(entry.kind()).to.equal('media');
    });

    it("lists, where members see only their own team, a member's team entries, their own and important ones", async () => {
      const p = world('own_team');
      const incident = await activeIncident(p);
      valueOf(await new LinkParticipants(p).execute({ actor: coordinator, incidentId: incident.id, links: { teams: [], users: [{ userId: OUTSIDER }] } }));
      const ofTeammate = valueOf(await post(p, teammate, incident.id, { text: 'ploeg' })).entry;
      const ofCoordinator = valueOf(await post(p, coordinator, incident.id, { text: 'coördinator' })).entry;
      const ofOutsider = valueOf(await post(p, outsider, incident.id, { text: 'eigen' })).entry;
      const list = new ListLogEntries(p);
      expect(valueOf(await list.execute({ actor: member, incidentId: incident.id, filter: {} })).map((e) => e.id)).to.deep.equal([ofTeammate.id]);
      expect(valueOf(await list.execute({ actor: outsider, incidentId: incident.id, filter: {} })).map((e) => e.id)).to.deep.equal([ofOutsider.id]);
      expect(valueOf(await list.execute({ actor: coordinator, incidentId: incident.id, filter: { after: 1, limit: 1 } })).map((e) => e.id)).to.deep.equal([ofCoordinator.id]);
      valueOf(await new MarkLogEntry(p).execute({ actor: coordinator, incidentId: incident.id, entryId: ofCoordinator.id, important: true, summary: 'Kern' }));
      expect(valueOf(await list.execute({ actor: member, incidentId: incident.id, filter: {} })).map((e) => e.id)).to.deep.equal([ofTeammate.id, ofCoordinator.id]);
      expect(errorOf(await list.execute({ actor: userActor({ tenantId: T, userId: '66666666-6666-4666-8666-666666666666' }), incidentId: incident.id, filter: {} }))).to.be.instanceOf(NotFound);
    });

    it('marks an entry important as a link of the chain, shows it in the overview, and the chain verifies', async () => {
      const p = world();
      const incident = await activeIncident(p);
      const { entry } = valueOf(await post(p, member, incident.id));
      const marked = valueOf(await new MarkLogEntry(p).execute({ actor: coordinator, incidentId: incident.id, entryId: entry.id, important: true, summary: '  Brand in hal 3  ' }));
      expect(marked).to.deep.include({ important: true, summary: 'Brand in hal 3', markedBy: COORD, changeSeq: 2 });
      expect(p.log.marks).to.have.length(1);
      expect(p.log.marks[0]).to.deep.include({ entryId: entry.id, seq: 2, prevHash: entry.hash, important: true });
      expect(p.log.saved).to.deep.equal([entry]);
      expect(incident.chainHead).to.equal(p.log.marks[0]!.hash);
      expect(p.live.announced.map((a) => a.changeSeq)).to.deep.equal([1, 2]);
      expect(valueOf(await new GetSituationOverview(p).execute({ actor: member, incidentId: incident.id })).map((e) => e.id)).to.deep.equal([entry.id]);
      const verdict = valueOf(await new VerifyLogChain(p).execute({ actor: coordinator, incidentId: incident.id }));
      expect(verdict).to.deep.include({ valid: true, links: 2, head: { seq: 2, hash: incident.chainHead }, algorithm: 'SHA-256' });
    });

    it('refuses to mark an unknown entry (NotFound) or in a closed incident (IncidentClosed), appending no mark', async () => {
      const p = world();
      const incident = await activeIncident(p);
      const { entry } = valueOf(await post(p, member, incident.id));
      const mark = new MarkLogEntry(p);
      expect(errorOf(await mark.execute({ actor: coordinator, incidentId: incident.id, entryId: OTHER_TENANT, important: true, summary: null }))).to.be.instanceOf(NotFound);
      expect(errorOf(await mark.execute({ actor: outsider, incidentId: incident.id, entryId: entry.id, important: true, summary: null }))).to.be.instanceOf(NotFound);
      incident.close(COORD, p.clock.now());
      expect(errorOf(await mark.execute({ actor: coordinator, incidentId: incident.id, entryId: entry.id, important: true, summary: null }))).to.be.instanceOf(IncidentClosed);
      expect(p.log.marks).to.deep.equal([]);
      expect(p.log.saved).to.deep.equal([]);
      expect(entry.important).to.equal(false);
      expect(errorOf(await new GetSituationOverview(p).execute({ actor: outsider, incidentId: incident.id }))).to.be.instanceOf(NotFound);
    });

    it('finds an entry edited after posting (hash_mismatch) and a marking changed beside its mark (mark_projection)', async () => {
      const p = world();
      const incident = await activeIncident(p);
      const { entry } = valueOf(await post(p, member, incident.id));
      const verify = new VerifyLogChain(p);
      entry.important = true;
      expect(valueOf(await verify.execute({ actor: coordinator, incidentId: incident.id })).valid).to.equal(false);
      expect(valueOf(await verify.execute({ actor: coordinator, incidentId: incident.id }))).to.deep.include({ broken: { seq: 1, kind: 'entry', id: entry.id, reason: 'mark_projection' } });
      entry.important = false;
      entry.text = 'Geen rook';
      expect(valueOf(await verify.execute({ actor: coordinator, incidentId: incident.id }))).to.deep.include({ valid: false, broken: { seq: 1, kind: 'entry', id: entry.id, reason: 'hash_mismatch' } });
      expect(errorOf(await verify.execute({ actor: outsider, incidentId: incident.id }))).to.be.instanceOf(NotFound);
    });
  });

  describe('actions: CreateIncidentAction, UpdateIncidentAction, ListIncidentActions', () => {
    it('creates an action assigned to a team, stores it and tells the team members', async () => {
      const p = world();
      const incident = await activeIncident(p);
      const due = new Date(p.clock.now().getTime() + 3600_000);
      const { action, replayed } = valueOf(await new CreateIncidentAction(p).execute({ actor: coordinator, incidentId: incident.id, title: 'Afzetten', description: 'Hal 3', dueAt: due, assignee: { teamId: GROUP } }));
      expect(replayed).to.equal(false);
      expect(p.actions.actions).to.deep.equal([action]);
      expect(action).to.deep.include({ status: 'open', createdBy: COORD, createdByName: 'Cora Coördinator', assignee: { userId: null, teamId: GROUP, name: 'Ploeg A' } });
      expect(action.history.map((h) => h.change)).to.deep.equal(['created', 'assigned']);
      expect(p.notifier.notices).to.have.length(1);
      expect(p.notifier.notices[0]).to.deep.include({ title: 'Actie: Afzetten', body: `Hal 3\nGereed vóór ${due.toISOString()}`, source: `incident:${incident.id}:action:${action.id}` });
      expect(p.notifier.notices[0]!.userIds).to.have.members([MEMBER, TEAMMATE]);
    });

    it('gives a retry with the same client id the first action, and refuses that client id in another incident', async () => {
      const p = world();
      const incident = await activeIncident(p);
      const other = await activeIncident(p, { title: 'Ander' });
      const create = new CreateIncidentAction(p);
      const command = { actor: member, incidentId: incident.id, title: 'Bellen', description: null, dueAt: null, assignee: null, clientId: 'device-7' };
      const first = valueOf(await create.execute(command));
      expect(valueOf(await create.execute(command))).to.deep.equal({ action: first.action, replayed: true });
      expect(errorOf(await create.execute({ ...command, incidentId: other.id }))).to.be.instanceOf(InvalidIncidentInput);
      expect(p.actions.actions).to.have.length(1);
    });

    it('refuses assignees outside the incident and empty titles (InvalidIncidentInput), outsiders (NotFound), integrations (NotLinked) and closed incidents (IncidentClosed)', async () => {
      const p = world();
      const incident = await activeIncident(p);
      const create = new CreateIncidentAction(p);
      const command = { actor: coordinator, incidentId: incident.id, title: 'Bellen', description: null, dueAt: null, assignee: null };
      expect((errorOf(await create.execute({ ...command, assignee: { userId: OUTSIDER } })) as InvalidIncidentInput).fields[0]!.pointer).to.equal('/assignee/userId');
      expect((errorOf(await create.execute({ ...command, assignee: { teamId: OTHER_TENANT } })) as InvalidIncidentInput).fields[0]!.pointer).to.equal('/assignee/teamId');
      expect((errorOf(await create.execute({ ...command, title: ' ' })) as InvalidIncidentInput).fields[0]!.pointer).to.equal('/title');
      expect(errorOf(await create.execute({ ...command, actor: outsider }))).to.be.instanceOf(NotFound);
      expect(errorOf(await create.execute({ ...command, actor: integration }))).to.be.instanceOf(NotLinked);
      incident.close(COORD, p.clock.now());
      expect(errorOf(await create.execute(command))).to.be.instanceOf(IncidentClosed);
      expect(p.actions.actions).to.deep.equal([]);
      expect(p.notifier.notices).to.deep.equal([]);
    });

    it('moves an action on, reassigns it (telling the new assignee) and changes its due time, keeping every change', async () => {
      const p = world();
      const incident = await activeIncident(p);
      const { action } = valueOf(await new CreateIncidentAction(p).execute({ actor: coordinator, incidentId: incident.id, title: 'Bellen', description: null, dueAt: null, assignee: null }));
      const update = new UpdateIncidentAction(p);
      const due = new Date('2026-11-24T12:00:00Z');
      valueOf(await update.execute({ actor: member, incidentId: incident.id, actionId: action.id, assignee: { userId: TEAMMATE }, dueAt: due, status: 'done' }));
      expect(action).to.deep.include({ status: 'done', completedBy: MEMBER, completedByName: 'Mo Lid', dueAt: due, assignee: { userId: TEAMMATE, teamId: null, name: 'Tess Team' } });
      expect(action.history.map((h) => h.change)).to.deep.equal(['created', 'assigned', 'due_changed', 'completed']);
      expect(p.notifier.notices.map((n) => n.userIds)).to.deep.equal([[TEAMMATE]]);
    });

    it('refuses an unknown action (NotFound), an assignee outside the incident (InvalidIncidentInput), integrations (NotLinked) and closed incidents (IncidentClosed)', async () => {
      const p = world();
      const incident = await activeIncident(p);
      const { action } = valueOf(await new CreateIncidentAction(p).execute({ actor: coordinator, incidentId: incident.id, title: 'Bellen', description: null, dueAt: null, assignee: null }));
      const update = new UpdateIncidentAction(p);
      expect(errorOf(await update.execute({ actor: coordinator, incidentId: incident.id, actionId: OTHER_TENANT, status: 'done' }))).to.be.instanceOf(NotFound);
      expect(errorOf(await update.execute({ actor: coordinator, incidentId: incident.id, actionId: action.id, assignee: { userId: OUTSIDER } }))).to.be.instanceOf(InvalidIncidentInput);
      expect(errorOf(await update.execute({ actor: integration, incidentId: incident.id, actionId: action.id, status: 'done' }))).to.be.instanceOf(NotLinked);
      incident.close(COORD, p.clock.now());
      expect(errorOf(await update.execute({ actor: coordinator, incidentId: incident.id, actionId: action.id, status: 'done' }))).to.be.instanceOf(IncidentClosed);
      expect(action.status).to.equal('open');
      expect(action.history.map((h) => h.change)).to.deep.equal(['created']);
    });

    it("lists the board: all, mine, my team's, overdue, by status", async () => {
      const p = world();
      const incident = await activeIncident(p);
      const create = new CreateIncidentAction(p);
      const base = { actor: coordinator, incidentId: incident.id, description: null, dueAt: null };
      const mine = valueOf(await create.execute({ ...base, title: 'Mijn', assignee: { userId: MEMBER } })).action;
      const team = valueOf(await create.execute({ ...base, title: 'Ploeg', assignee: { teamId: GROUP } })).action;
      const late = valueOf(await create.execute({ ...base, title: 'Te laat', dueAt: new Date(p.clock.now().getTime() - 60_000), assignee: null })).action;
      const list = new ListIncidentActions(p);
      const ids = async (query: Partial<Parameters<ListIncidentActions['execute']>[0]>) => valueOf(await list.execute({ actor: member, incidentId: incident.id, ...query })).map((a) => a.id);
      expect(await ids({})).to.deep.equal([mine.id, team.id, late.id]);
      expect(await ids({ filter: 'mine' })).to.deep.equal([mine.id]);
      expect(await ids({ filter: 'my_team' })).to.deep.equal([team.id]);
      expect(await ids({ filter: 'overdue' })).to.deep.equal([late.id]);
      expect(await ids({ status: 'done' })).to.deep.equal([]);
      expect(errorOf(await list.execute({ actor: outsider, incidentId: incident.id }))).to.be.instanceOf(NotFound);
    });
  });

  describe('chat: PostChatMessage, ListChatMessages, PromoteChatMessage', () => {
    it('posts a message with the next chat and change number, announces it, and a retry gets the first message', async () => {
      const p = world();
      const incident = await activeIncident(p);
      const postChat = new PostChatMessage(p);
      const command = { actor: member, incidentId: incident.id, text: 'Iemand bij de poort?', mediaIds: [], clientId: 'chat-1', observedAt: null };
      const first = valueOf(await postChat.execute(command));
      expect(first.message).to.deep.include({ seq: 1, changeSeq: 1, authorId: MEMBER, authorName: 'Mo Lid', text: 'Iemand bij de poort?' });
      expect(p.chat.messages).to.deep.equal([first.message]);
      expect(p.chatNews.announced).to.deep.equal([{ tenantId: T, incidentId: incident.id, changeSeq: 1 }]);
      expect(valueOf(await postChat.execute(command))).to.deep.equal({ message: first.message, replayed: true });
      expect(p.chat.messages).to.have.length(1);
      expect(valueOf(await new ListChatMessages(p).execute({ actor: teammate, incidentId: incident.id })).map((m) => m.id)).to.deep.equal([first.message.id]);
      expect(errorOf(await new ListChatMessages(p).execute({ actor: outsider, incidentId: incident.id }))).to.be.instanceOf(NotFound);
    });

    it('refuses outsiders (NotFound), integrations (NotLinked), files of others and empty text (InvalidIncidentInput), closed incidents (IncidentClosed)', async () => {
      const p = world();
      const incident = await activeIncident(p);
      const other = await activeIncident(p, { title: 'Ander' });
      p.media.files.push({ id: 'theirs', kind: 'image', mimeType: 'image/png', originalName: null, createdBy: COORD });
      const postChat = new PostChatMessage(p);
      const command = { actor: member, incidentId: incident.id, text: 'Hallo', mediaIds: [] as string[], clientId: null, observedAt: null };
      expect(errorOf(await postChat.execute({ ...command, actor: outsider }))).to.be.instanceOf(NotFound);
      expect(errorOf(await postChat.execute({ ...command, actor: integration }))).to.be.instanceOf(NotLinked);
      expect(errorOf(await postChat.execute({ ...command, mediaIds: ['theirs'] }))).to.be.instanceOf(InvalidIncidentInput);
      expect(errorOf(await postChat.execute({ ...command, text: '  ' }))).to.be.instanceOf(InvalidIncidentInput);
      valueOf(await postChat.execute({ ...command, incidentId: other.id, clientId: 'c-9' }));
      expect(errorOf(await postChat.execute({ ...command, clientId: 'c-9' }))).to.be.instanceOf(InvalidIncidentInput);
      incident.close(COORD, p.clock.now());
      expect(errorOf(await postChat.execute(command))).to.be.instanceOf(IncidentClosed);
      expect(p.chat.messages.filter((m) => m.incidentId === incident.id)).to.deep.equal([]);
    });

    it('promotes a message to a chained log entry citing it; promoting it again gives that entry back', async () => {
      const p = world();
      const incident = await activeIncident(p);
      const { message } = valueOf(await new PostChatMessage(p).execute({ actor: member, incidentId: incident.id, text: 'Gaslucht', mediaIds: [], clientId: null, observedAt: null }));
      const promote = new PromoteChatMessage(p);
      const command = { actor: coordinator, incidentId: incident.id, messageId: message.id, classification: 'waarneming', labels: [] };
      const { entry, replayed } = valueOf(await promote.execute(command));
      expect(replayed).to.equal(false);
      expect(entry).to.deep.include({ seq: 1, citesChatMessageId: message.id, authorId: COORD, text: 'Uit de chat (2026-11-24 09:00 UTC): Gaslucht' });
      expect(p.log.entries).to.deep.equal([entry]);
      expect(incident.chainHead).to.equal(entry.hash);
      expect(message).to.deep.include({ promotedEntryId: entry.id, promotedBy: COORD, changeSeq: 2 });
      expect(p.live.announced.map((a) => a.changeSeq)).to.deep.equal([1]);
      expect(p.chatNews.announced.map((a) => a.changeSeq)).to.deep.equal([1, 2]);
      expect(valueOf(await promote.execute(command))).to.deep.equal({ entry, replayed: true });
      expect(p.log.entries).to.have.length(1);
      expect(valueOf(await new VerifyLogChain(p).execute({ actor: coordinator, incidentId: incident.id })).valid).to.equal(true);
    });

    it('refuses an unknown message (NotFound), a classification the set-up lacks (InvalidIncidentInput), integrations (NotLinked) and closed incidents (IncidentClosed)', async () => {
      const p = world();
      const incident = await activeIncident(p);
      const { message } = valueOf(await new PostChatMessage(p).execute({ actor: member, incidentId: incident.id, text: 'Gaslucht', mediaIds: [], clientId: null, observedAt: null }));
      const promote = new PromoteChatMessage(p);
      const command = { actor: coordinator, incidentId: incident.id, messageId: message.id, classification: null, labels: [] as string[] };
      expect(errorOf(await promote.execute({ ...command, messageId: OTHER_TENANT }))).to.be.instanceOf(NotFound);
      expect(errorOf(await promote.execute({ ...command, labels: ['geheim'] }))).to.be.instanceOf(InvalidIncidentInput);
      expect(errorOf(await promote.execute({ ...command, actor: integration }))).to.be.instanceOf(NotLinked);
      expect(errorOf(await promote.execute({ ...command, actor: outsider }))).to.be.instanceOf(NotFound);
      incident.close(COORD, p.clock.now());
      expect(errorOf(await promote.execute(command))).to.be.instanceOf(IncidentClosed);
      expect(p.log.entries).to.deep.equal([]);
      expect(message.promotedEntryId).to.equal(null);
    });
  });

  describe('situation picture: SaveSituationPicture, GetSituationPicture, SendSituationPicture', () => {
    const sections = [{ key: 'beeld', text: 'Brand in hal 3' }];

    it('saves versions chained by hash in the template, and shows them with each other author recorded as read', async () => {
      const p = world();
      const incident = await activeIncident(p);
      const save = new SaveSituationPicture(p);
      const first = valueOf(await save.execute({ actor: coordinator, incidentId: incident.id, template: 'bob', basedOnVersion: null, sections }));
      const second = valueOf(await save.execute({ actor: member, incidentId: incident.id, template: null, basedOnVersion: 1, sections: [{ key: 'oordeel', text: 'Opschalen' }] }));
      expect(first).to.deep.include({ version: 1, prevHash: null, templateKey: 'bob', authorName: 'Cora Coördinator' });
      expect(first.sections).to.deep.equal([
        { key: 'beeld', title: 'Beeldvorming', text: 'Brand in hal 3' },
        { key: 'oordeel', title: 'Oordeelsvorming', text: '' },
      ]);
      expect(second).to.deep.include({ version: 2, prevHash: first.hash });
      expect(p.pictures.stored).to.deep.equal([first, second]);
      const picture = valueOf(await new GetSituationPicture(p).execute({ actor: coordinator, incidentId: incident.id }));
      expect(picture.template?.key).to.equal('bob');
      expect(picture.current).to.equal(second);
      expect(p.audit.entries.map((e) => [e.action, e.subjectId, e.details])).to.deep.equal([['personal_data.read', MEMBER, { category: 'situation_picture' }]]);
      expect(errorOf(await new GetSituationPicture(p).execute({ actor: outsider, incidentId: incident.id }))).to.be.instanceOf(NotFound);
    });

    it('refuses a save based on an older version (PictureVersionStale), without or with another template (InvalidIncidentInput), by integrations (NotLinked) and once closed (IncidentClosed)', async () => {
      const p = world();
      const incident = await activeIncident(p);
      const save = new SaveSituationPicture(p);
      const command = { actor: coordinator, incidentId: incident.id, template: 'bob' as string | null, basedOnVersion: null as number | null, sections };
      expect((errorOf(await save.execute({ ...command, template: null })) as InvalidIncidentInput).fields[0]!.pointer).to.equal('/template');
      expect((errorOf(await save.execute({ ...command, template: 'methane' })) as InvalidIncidentInput).fields[0]!.pointer).to.equal('/template');
      expect((errorOf(await save.execute({ ...command, sections: [{ key: 'x', text: '' }] })) as InvalidIncidentInput).fields[0]!.pointer).to.equal('/sections/0/key');
      valueOf(await save.execute(command));
      expect(errorOf(await save.execute({ ...command, basedOnVersion: 0 }))).to.be.instanceOf(PictureVersionStale);
      expect((errorOf(await save.execute({ ...command, basedOnVersion: 1, template: 'methane' })) as InvalidIncidentInput).fields[0]!.pointer).to.equal('/template');
      expect(errorOf(await save.execute({ ...command, actor: integration }))).to.be.instanceOf(NotLinked);
      expect(errorOf(await save.execute({ ...command, actor: outsider }))).to.be.instanceOf(NotFound);
      incident.close(COORD, p.clock.now());
      expect(errorOf(await save.execute({ ...command, basedOnVersion: 1 }))).to.be.instanceOf(IncidentClosed);
      expect(p.pictures.stored.map((v) => v.version)).to.deep.equal([1]);
    });

    it('sends a version to every other active member in the incident words, and audits how many it reached', async () => {
      const p = world();
      const incident = await activeIncident(p, { exercise: true });
      valueOf(await new SaveSituationPicture(p).execute({ actor: coordinator, incidentId: incident.id, template: 'bob', basedOnVersion: null, sections }));
      valueOf(await new RemoveIncidentMember(p).execute({ actor: coordinator, incidentId: incident.id, userId: TEAMMATE }));
      p.audit.entries.length = 0;
      const sent = valueOf(await new SendSituationPicture(p).execute({ actor: coordinator, incidentId: incident.id, version: 1 }));
      expect(sent).to.deep.equal({ version: 1, sentTo: [MEMBER] });
      expect(p.notifier.notices).to.have.length(1);
      expect(p.notifier.notices[0]).to.deep.include({ title: 'OEFENING: Situatiebeeld 1: Brand magazijn', body: 'Beeldvorming\nBrand in hal 3\n\nOordeelsvorming\n—', userIds: [MEMBER], priority: 'normal' });
      expect(p.audit.entries).to.have.length(1);
      expect(p.audit.entries[0]).to.deep.include({ action: 'incident.situation_picture_sent', details: { version: 1, recipients: 1 } });
    });

    it('refuses an unknown version (NotFound), integrations (NotLinked) and closed incidents (IncidentClosed), telling nobody', async () => {
      const p = world();
      const incident = await activeIncident(p);
      valueOf(await new SaveSituationPicture(p).execute({ actor: coordinator, incidentId: incident.id, template: 'bob', basedOnVersion: null, sections }));
      const send = new SendSituationPicture(p);
      expect(errorOf(await send.execute({ actor: coordinator, incidentId: incident.id, version: 2 }))).to.be.instanceOf(NotFound);
      expect(errorOf(await send.execute({ actor: integration, incidentId: incident.id, version: 1 }))).to.be.instanceOf(NotLinked);
      incident.close(COORD, p.clock.now());
      expect(errorOf(await send.execute({ actor: coordinator, incidentId: incident.id, version: 1 }))).to.be.instanceOf(IncidentClosed);
      expect(p.notifier.notices).to.deep.equal([]);
      expect(p.audit.entries).to.deep.equal([]);
    });
  });
});
