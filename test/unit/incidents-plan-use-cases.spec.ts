import { expect } from 'chai';
import { ActivateFromPlan, type PlanSource } from '../../src/modules/incidents/application/activate-from-plan.js';
import { EnsureIncidentSetup, GetIncidentSetup, UpdateIncidentSetup } from '../../src/modules/incidents/application/setup.js';
import { CreateIncidentTemplate, DeleteIncidentTemplate, EnsureIncidentTemplates, ListIncidentTemplates, ReplaceIncidentTemplate } from '../../src/modules/incidents/application/templates.js';
import { ActivationNotAllowed, InvalidIncidentInput, TemplateKeyTaken } from '../../src/modules/incidents/domain/incident.errors.js';
import type { SetupLists } from '../../src/modules/incidents/domain/setup.js';
import type { TemplateFields } from '../../src/modules/incidents/domain/template.js';
import { NotFound } from '../../src/platform/domain/errors.js';
import { inMemoryIncidents } from '../support/in-memory/incidents.js';
import { userActor } from '../support/in-memory/platform.js';
import { errorOf, valueOf } from '../support/in-memory/result.js';

const T = '0b9c2f4e-7d1a-4c3b-9e8f-1a2b3c4d5e6f';
const ADMIN = '11111111-1111-4111-8111-111111111111';
const BHV = '22222222-2222-4222-8222-222222222222';
const LEADER = '33333333-3333-4333-8333-333333333333';
const GROUP = '55555555-5555-4555-8555-555555555555';
const GONE = '66666666-6666-4666-8666-666666666666';

const admin = userActor({ tenantId: T, userId: ADMIN, roles: ['admin'] });
const member = userActor({ tenantId: T, userId: BHV, roles: ['member'] });

const lists: SetupLists = {
  types: [{ key: 'brand', name: 'Brand' }],
  roles: [
    { key: 'lid', name: 'Teamlid', default: true },
    { key: 'bhv', name: "BHV'er", default: false },
    { key: 'leider', name: 'Teamleider', default: false },
  ],
  locations: [{ key: 'hq', name: 'Hoofdkantoor', address: 'Markt 1', latitude: null, longitude: null }],
  classifications: [],
  labels: [],
  allowMemberActivation: false,
  memberVisibility: 'all',
  situationPictureTemplates: [{ key: 'bob', name: 'BOB', sections: [{ key: 'beeld', title: 'Beeldvorming', guidance: null }] }],
};

function world() {
  const p = inMemoryIncidents();
  p.people.users.set(ADMIN, 'Ada Admin').set(BHV, 'Bo BHV').set(LEADER, 'Lex Leider');
  p.people.groups.set(GROUP, { name: 'BHV-ploeg', members: [BHV] });
  p.plans.cards.push({ id: 'card-ontruim', title: 'Ontruimen', role: 'bhv', steps: ['Alarm', 'Verzamelplaats'] }, { id: 'card-leid', title: 'Leiden', role: 'Teamleider', steps: ['Overleg'] });
  p.plans.scenarios.push({ id: 'scenario-brand', title: 'Brand', escalationLevels: [{ level: 1, name: 'GRIP 1' }], taskCardIds: ['card-ontruim', 'card-leid', 'card-weg'] });
  p.plans.messageTemplates.push({ id: 'mt-1', name: 'Alarm', title: 'Alarm: {{incident.title}}', body: 'Naar {{incident.location}}' });
  return p;
}

type World = ReturnType<typeof world>;

const templateFields: TemplateFields = {
  key: 'brand-hq',
  name: 'Brand hoofdkantoor',
  typeKey: 'brand',
  severity: 'major',
  description: 'Brand in het hoofdkantoor',
  location: { standardKey: 'hq', address: null, latitude: null, longitude: null },
  teams: [{ groupId: GROUP, role: 'bhv' }],
  taskCards: [{ taskCardId: 'card-ontruim', role: 'bhv' }],
  notification: { kind: 'message', title: 'Brand!', body: 'Kom naar de verzamelplaats' },
  situationPicture: 'bob',
};

async function setUp(p: World) {
  valueOf(await new UpdateIncidentSetup(p).execute({ actor: admin, lists }));
  p.audit.entries.length = 0;
}

describe('incidents plan use cases (in-memory ports)', () => {
  describe('set-up: GetIncidentSetup, UpdateIncidentSetup, EnsureIncidentSetup', () => {
    it('answers the initial set-up until an admin stores one, and audits the change', async () => {
      const p = world();
      expect((await new GetIncidentSetup(p).execute({ tenantId: T })).types.map((t) => t.key)).to.deep.equal(['general']);
      expect(p.setups.setups.size).to.equal(0);
      const setup = valueOf(await new UpdateIncidentSetup(p).execute({ actor: admin, lists }));
      expect(p.setups.setups.get(T)).to.equal(setup);
      expect(setup.roles.map((r) => r.key)).to.deep.equal(['lid', 'bhv', 'leider']);
      expect(p.audit.entries).to.deep.equal([{ tenantId: T, action: 'incident_setup.updated', actorType: 'user', actorId: ADMIN, subjectType: 'incident_setup', subjectId: T, clientAddress: '192.0.2.1', userAgent: 'spec' }]);
    });

    it('refuses lists without exactly one default role (InvalidIncidentInput), storing and auditing nothing', async () => {
      const p = world();
      const error = errorOf(await new UpdateIncidentSetup(p).execute({ actor: admin, lists: { ...lists, roles: [{ key: 'lid', name: 'Lid', default: false }] } }));
      expect(error.fields[0]!.pointer).to.equal('/roles');
      expect(p.setups.setups.size).to.equal(0);
      expect(p.audit.entries).to.deep.equal([]);
    });

    it('applies a tenant file: created, then unchanged for the same lists (no audit), updated for others; invalid lists are refused', async () => {
      const p = world();
      const ensure = new EnsureIncidentSetup(p);
      expect(valueOf(await ensure.execute({ tenantId: T, lists }))).to.equal('created');
      expect(valueOf(await ensure.execute({ tenantId: T, lists: structuredClone(lists) }))).to.equal('unchanged');
      expect(valueOf(await ensure.execute({ tenantId: T, lists: { ...lists, memberVisibility: 'own_team' } }))).to.equal('updated');
      expect(p.setups.setups.get(T)!.memberVisibility).to.equal('own_team');
      expect(errorOf(await ensure.execute({ tenantId: T, lists: { ...lists, types: [] } }))).to.be.instanceOf(InvalidIncidentInput);
      expect(p.audit.entries.map((e) => [e.action, e.actorType, e.details])).to.deep.equal([
        ['incident_setup.updated', 'system', { source: 'tenant file' }],
        ['incident_setup.updated', 'system', { source: 'tenant file' }],
      ]);
    });
  });

  describe('templates: CreateIncidentTemplate, ReplaceIncidentTemplate, DeleteIncidentTemplate, EnsureIncidentTemplates', () => {
    it('creates, replaces and deletes a template, auditing each real change', async () => {
      const p = world();
      await setUp(p);
      const template = valueOf(await new CreateIncidentTemplate(p).execute({ actor: admin, fields: templateFields }));
      expect(await new ListIncidentTemplates(p).execute({ tenantId: T })).to.deep.equal([template]);
      const replace = new ReplaceIncidentTemplate(p);
      valueOf(await replace.execute({ actor: admin, templateId: template.id, fields: templateFields }));
      valueOf(await replace.execute({ actor: admin, templateId: template.id, fields: { ...templateFields, severity: 'critical' } }));
      expect(template.severity).to.equal('critical');
      valueOf(await new DeleteIncidentTemplate(p).execute({ actor: admin, templateId: template.id }));
      expect(p.templates.templates).to.deep.equal([]);
      expect(p.audit.actions()).to.deep.equal(['incident_template.created', 'incident_template.updated', 'incident_template.deleted']);
    });

    it('refuses a key in use (TemplateKeyTaken), unknown groups, task cards or message templates (NotFound) and fields the set-up lacks (InvalidIncidentInput)', async () => {
      const p = world();
      await setUp(p);
      const create = new CreateIncidentTemplate(p);
      const first = valueOf(await create.execute({ actor: admin, fields: templateFields }));
      expect(errorOf(await create.execute({ actor: admin, fields: templateFields }))).to.be.instanceOf(TemplateKeyTaken);
      expect(errorOf(await create.execute({ actor: admin, fields: { ...templateFields, key: 'b', teams: [{ groupId: GONE, role: 'bhv' }] } }))).to.deep.include({ code: 'GROUP.NOT_FOUND' });
      expect(errorOf(await create.execute({ actor: admin, fields: { ...templateFields, key: 'b', taskCards: [{ taskCardId: 'card-weg', role: 'bhv' }] } }))).to.deep.include({ code: 'TASK_CARD.NOT_FOUND' });
      expect(errorOf(await create.execute({ actor: admin, fields: { ...templateFields, key: 'b', notification: { kind: 'template', messageTemplateId: 'mt-weg' } } }))).to.deep.include({ code: 'MESSAGE_TEMPLATE.NOT_FOUND' });
      expect((errorOf(await create.execute({ actor: admin, fields: { ...templateFields, key: 'b', teams: [{ groupId: GROUP, role: 'kapitein' }] } })) as InvalidIncidentInput).fields[0]!.pointer).to.equal('/teams/0/role');
      const other = valueOf(await create.execute({ actor: admin, fields: { ...templateFields, key: 'ander' } }));
      const replace = new ReplaceIncidentTemplate(p);
      expect(errorOf(await replace.execute({ actor: admin, templateId: other.id, fields: templateFields }))).to.be.instanceOf(TemplateKeyTaken);
      expect(errorOf(await replace.execute({ actor: admin, templateId: GONE, fields: templateFields }))).to.deep.include({ code: 'INCIDENT_TEMPLATE.NOT_FOUND' });
      expect(errorOf(await replace.execute({ actor: admin, templateId: first.id, fields: { ...templateFields, typeKey: 'overstroming' } }))).to.be.instanceOf(InvalidIncidentInput);
      expect(errorOf(await new DeleteIncidentTemplate(p).execute({ actor: admin, templateId: GONE }))).to.be.instanceOf(NotFound);
      expect(first.typeKey).to.equal('brand');
      expect(p.templates.templates.map((t) => t.key)).to.deep.equal(['brand-hq', 'ander']);
    });

    it('applies a tenant file by key: counts created, updated and unchanged, audits only a change, and stops at an invalid template', async () => {
      const p = world();
      await setUp(p);
      const ensure = new EnsureIncidentTemplates(p);
      expect(valueOf(await ensure.execute({ tenantId: T, templates: [templateFields] }))).to.deep.equal({ created: 1, updated: 0, unchanged: 0 });
      expect(valueOf(await ensure.execute({ tenantId: T, templates: [templateFields] }))).to.deep.equal({ created: 0, updated: 0, unchanged: 1 });
      expect(valueOf(await ensure.execute({ tenantId: T, templates: [{ ...templateFields, name: 'Nieuw' }, { ...templateFields, key: 'tweede' }] }))).to.deep.equal({ created: 1, updated: 1, unchanged: 0 });
      expect(errorOf(await ensure.execute({ tenantId: T, templates: [{ ...templateFields, key: 'derde', name: ' ' }] }))).to.be.instanceOf(InvalidIncidentInput);
      expect(errorOf(await ensure.execute({ tenantId: T, templates: [{ ...templateFields, key: 'derde', teams: [{ groupId: GONE, role: 'bhv' }] }] }))).to.be.instanceOf(NotFound);
      expect(p.templates.templates.map((t) => [t.key, t.name])).to.deep.equal([
        ['brand-hq', 'Nieuw'],
        ['tweede', 'Brand hoofdkantoor'],
      ]);
      expect(p.audit.entries.map((e) => e.details)).to.deep.equal([
        { source: 'tenant file', created: 1, updated: 0, unchanged: 0 },
        { source: 'tenant file', created: 1, updated: 1, unchanged: 0 },
      ]);
    });
  });

  describe('ActivateFromPlan', () => {
    const activation = (source: PlanSource, extra: Partial<Parameters<ActivateFromPlan['execute']>[0]> = {}) => ({
      actor: admin,
      source,
      title: 'Brand in hal 3',
      description: null,
      typeKey: null,
      severity: null,
      location: null,
      exercise: false,
      links: { teams: [], users: [] },
      ...extra,
    });

    it('activates from a template: its location, teams in their roles, task-card steps as actions for the team, its notification, and the audit', async () => {
      const p = world();
      await setUp(p);
      const template = valueOf(await new CreateIncidentTemplate(p).execute({ actor: admin, fields: templateFields }));
      p.audit.entries.length = 0;
      const outcome = valueOf(await new ActivateFromPlan(p).execute(activation({ templateId: template.id })));
      expect(outcome.incident).to.deep.include({ typeKey: 'brand', severity: 'major', description: 'Brand in het hoofdkantoor' });
      expect(outcome.incident.location).to.deep.include({ standardKey: 'hq', name: 'Hoofdkantoor', address: 'Markt 1' });
      expect(outcome.plan).to.deep.equal({ source: 'template', id: template.id, name: 'Brand hoofdkantoor', escalationLevel: null, situationPicture: 'bob' });
      expect(outcome.members.map((m) => [m.userId, m.role])).to.have.deep.members([
        [BHV, 'bhv'],
        [ADMIN, 'lid'],
      ]);
      expect(outcome.actions.map((a) => [a.title, a.assignee?.teamId])).to.deep.equal([
        ['Alarm', GROUP],
        ['Verzamelplaats', GROUP],
      ]);
      expect(p.actions.actions).to.deep.equal(outcome.actions);
      expect(outcome.unassigned).to.deep.equal([]);
      expect(outcome.missing).to.deep.equal([]);
      expect(outcome.notification).to.deep.equal({ title: 'Brand!', body: 'Kom naar de verzamelplaats' });
      expect(p.notifier.notices).to.have.length(1);
      expect(p.notifier.notices[0]).to.deep.include({ title: 'Brand!', priority: 'urgent', source: `incident:${outcome.incident.id}` });
      expect(p.audit.entries).to.have.length(1);
      expect(p.audit.entries[0]).to.deep.include({ action: 'incident.activated', details: { exercise: false, severity: 'major', plan: { source: 'template', id: template.id, escalationLevel: null }, actions: 2, missing: 0 } });
    });

    it('goes on without what the template names but no longer exists, listing each missing part, and sends the message template filled in', async () => {
      const p = world();
      await setUp(p);
      const template = valueOf(await new CreateIncidentTemplate(p).execute({ actor: admin, fields: { ...templateFields, notification: { kind: 'template', messageTemplateId: 'mt-1' } } }));
      p.people.groups.delete(GROUP);
      p.plans.cards.splice(0, 1);
      const outcome = valueOf(await new ActivateFromPlan(p).execute(activation({ templateId: template.id })));
      expect(outcome.missing.map((m) => [m.kind, m.ref])).to.deep.equal([
        ['team', GROUP],
        ['task_card', 'card-ontruim'],
      ]);
      expect(outcome.actions).to.deep.equal([]);
      expect(outcome.notified).to.deep.equal([ADMIN]);
      expect(p.notifier.notices[0]).to.deep.include({ title: 'Alarm: Brand in hal 3', body: 'Naar Hoofdkantoor, Markt 1' });
      expect(p.notifier.notices[0]!.template).to.deep.include({ id: 'mt-1' });
    });

    it('activates from a scenario at an escalation level, assigning a card to the one holder of its role and leaving a card without a holder unassigned', async () => {
      const p = world();
      await setUp(p);
      const outcome = valueOf(
        await new ActivateFromPlan(p).execute(activation({ scenarioId: 'scenario-brand', escalationLevel: 1 }, { typeKey: 'brand', severity: 'moderate', links: { teams: [], users: [{ userId: LEADER, role: 'leider' }] } })),
      );
      expect(outcome.plan).to.deep.include({ source: 'scenario', escalationLevel: { level: 1, name: 'GRIP 1' } });
      expect(outcome.missing.map((m) => [m.kind, m.ref])).to.deep.equal([['task_card', 'card-weg']]);
      const byTitle = new Map(outcome.actions.map((a) => [a.title, a]));
      expect(byTitle.get('Overleg')!.assignee).to.deep.equal({ userId: LEADER, teamId: null, name: 'Lex Leider' });
      expect(outcome.unassigned.map((u) => [u.taskCardId, u.reason])).to.deep.equal([
        ['card-ontruim', "nobody in the incident holds the role 'bhv'"],
        ['card-ontruim', "nobody in the incident holds the role 'bhv'"],
      ]);
      expect(p.notifier.notices[0]).to.deep.include({ title: 'Incident: Brand in hal 3', priority: 'normal' });
    });

    it('refuses who may not activate (ActivationNotAllowed), an unknown template or scenario (NotFound) and a scenario without type, severity or a known level (InvalidIncidentInput)', async () => {
      const p = world();
      await setUp(p);
      const activate = new ActivateFromPlan(p);
      const scenario = { scenarioId: 'scenario-brand', escalationLevel: null };
      expect(errorOf(await activate.execute(activation(scenario, { actor: member, typeKey: 'brand', severity: 'minor' })))).to.be.instanceOf(ActivationNotAllowed);
      expect(errorOf(await activate.execute(activation({ templateId: GONE })))).to.deep.include({ code: 'INCIDENT_TEMPLATE.NOT_FOUND' });
      expect(errorOf(await activate.execute(activation({ scenarioId: 'weg', escalationLevel: null }, { typeKey: 'brand', severity: 'minor' })))).to.deep.include({ code: 'SCENARIO.NOT_FOUND' });
      const pointer = async (extra: Partial<Parameters<ActivateFromPlan['execute']>[0]>, source: PlanSource = scenario) => (errorOf(await activate.execute(activation(source, extra))) as InvalidIncidentInput).fields[0]!.pointer;
      expect(await pointer({ severity: 'minor' })).to.equal('/type');
      expect(await pointer({ typeKey: 'brand' })).to.equal('/severity');
      expect(await pointer({ typeKey: 'brand', severity: 'minor' }, { scenarioId: 'scenario-brand', escalationLevel: 4 })).to.equal('/escalationLevel');
      expect(await pointer({ typeKey: 'brand', severity: 'minor', title: ' ' })).to.equal('/title');
      expect(p.incidents.incidents).to.deep.equal([]);
      expect(p.actions.actions).to.deep.equal([]);
      expect(p.notifier.notices).to.deep.equal([]);
      expect(p.audit.entries).to.deep.equal([]);
    });
  });
});
