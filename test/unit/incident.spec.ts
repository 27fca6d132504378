import { expect } from 'chai';
import { linkHash } from '../../src/modules/incidents/application/chain-hash.js';
import { IncidentAction } from '../../src/modules/incidents/domain/action.js';
import { Incident } from '../../src/modules/incidents/domain/incident.js';
import { LogEntry } from '../../src/modules/incidents/domain/log-entry.js';
import { IncidentSetup } from '../../src/modules/incidents/domain/setup.js';

const now = new Date('2026-11-24T09:00:00Z');
const later = new Date('2026-11-24T10:00:00Z');
const tenantId = '0b9c2f4e-7d1a-4c3b-9e8f-1a2b3c4d5e6f';
const userId = '6f1d3c2b-8a7e-4f5d-9c0b-1e2d3f4a5b6c';

function setup(): IncidentSetup {
  const s = IncidentSetup.initial(tenantId, now);
  const changed = s.change(
    {
      types: [{ key: 'brand', name: 'Brand' }],
      roles: [{ key: 'adviseur', name: 'Adviseur', default: true }],
      locations: [{ key: 'hq', name: 'Hoofdkantoor', address: 'Markt 1', latitude: null, longitude: null }],
      classifications: [{ key: 'waarneming', name: 'Waarneming' }],
      labels: [{ key: 'pers', name: 'Pers' }],
      allowMemberActivation: false,
      memberVisibility: 'all',
    },
    now,
  );
  if (!changed.ok) throw changed.error;
  return s;
}

function activate(extra: Partial<Parameters<typeof Incident.activate>[0]> = {}) {
  return Incident.activate({ tenantId, activatedBy: userId, title: 'Brand', typeKey: 'brand', severity: 'major', description: null, location: null, exercise: false, ...extra }, setup(), now);
}

describe('IncidentSetup', () => {
  it('needs exactly one default role, unique keys and at least one type', () => {
    const base = { types: [{ key: 'a', name: 'A' }], roles: [{ key: 'r', name: 'R', default: true }], locations: [], classifications: [], labels: [], allowMemberActivation: true, memberVisibility: 'own_team' as const };
    expect(IncidentSetup.initial(tenantId, now).change(base, now).ok).to.equal(true);
    expect(IncidentSetup.initial(tenantId, now).change({ ...base, roles: [{ key: 'r', name: 'R', default: false }] }, now).ok).to.equal(false);
    expect(IncidentSetup.initial(tenantId, now).change({ ...base, roles: [{ key: 'r', name: 'R', default: true }, { key: 's', name: 'S', default: true }] }, now).ok).to.equal(false);
    expect(IncidentSetup.initial(tenantId, now).change({ ...base, labels: [{ key: 'x', name: 'X' }, { key: 'x', name: 'Y' }] }, now).ok).to.equal(false);
    expect(IncidentSetup.initial(tenantId, now).change({ ...base, types: [] }, now).ok).to.equal(false);
    expect(IncidentSetup.initial(tenantId, now).change({ ...base, types: [{ key: 'Met Spatie', name: 'X' }] }, now).ok).to.equal(false);
  });
});

describe('Incident', () => {
  it('is activated with a type of the set-up, and takes a standard location whole', () => {
    expect(activate({ typeKey: 'onbekend' }).ok).to.equal(false);
    expect(activate({ title: '  ' }).ok).to.equal(false);
    expect(activate({ location: { standardKey: 'elders', name: null, address: null, latitude: null, longitude: null } }).ok).to.equal(false);
    const at = activate({ location: { standardKey: 'hq', name: null, address: null, latitude: null, longitude: null } });
    expect(at.ok && at.value.location).to.deep.equal({ standardKey: 'hq', name: 'Hoofdkantoor', address: 'Markt 1', latitude: null, longitude: null });
  });

  it('is frozen when closed, reopened only when closed, archived only after closing', () => {
    const activated = activate();
    if (!activated.ok) throw activated.error;
    const incident = activated.value;
    expect(incident.assertOpen().ok).to.equal(true);
    expect(incident.archive(now).ok).to.equal(false);
    expect(incident.reopen(now).ok).to.equal(false);
    expect(incident.close(userId, later).ok).to.equal(true);
    expect(incident.assertOpen().ok).to.equal(false);
    expect(incident.close(userId, later).ok).to.equal(false);
    expect(incident.reopen(later).ok).to.equal(true);
    expect(incident.closedAt).to.equal(null);
    incident.close(userId, later);
    expect(incident.archive(later).ok).to.equal(true);
    expect(incident.status).to.equal('archived');
  });
});

describe('LogEntry', () => {
  const author = { id: userId, name: 'Anna', teamId: null, teamName: null, role: 'adviseur' };
  const post = (props: Partial<Parameters<typeof LogEntry.post>[0]>) =>
    LogEntry.post({ tenantId, incidentId: userId, seq: 1, author, text: 'Rook', media: [], classification: null, labels: [], corrects: null, prevHash: null, ...props }, setup(), now, linkHash);

  it('needs text or media, and only classifications and labels of the set-up', () => {
    expect(post({ text: ' ' }).ok).to.equal(false);
    expect(post({ text: '', media: [{ id: userId, kind: 'image', mimeType: 'image/jpeg', name: null }] }).ok).to.equal(true);
    expect(post({ classification: 'geheim' }).ok).to.equal(false);
    expect(post({ labels: ['pers', 'nieuws'] }).ok).to.equal(false);
    const ok = post({ classification: 'waarneming', labels: ['pers', 'pers'] });
    expect(ok.ok && ok.value.labels).to.deep.equal(['pers']);
  });

  it('is marked beside its content, with a new change number; unmarking drops the summary', () => {
    const posted = post({});
    if (!posted.ok) throw posted.error;
    const entry = posted.value;
    const mark = entry.mark({ important: true, summary: ' Rook op 1 ', by: userId, changeSeq: 7, prevHash: entry.hash }, later, linkHash);
    expect(entry).to.include({ important: true, summary: 'Rook op 1', changeSeq: 7, seq: 1, text: 'Rook' });
    expect(mark).to.include({ important: true, summary: 'Rook op 1', seq: 7, entryId: entry.id, prevHash: entry.hash });
    entry.mark({ important: false, summary: 'x', by: userId, changeSeq: 9, prevHash: mark.hash }, later, linkHash);
    expect(entry).to.include({ important: false, summary: null, changeSeq: 9 });
  });
});

describe('IncidentAction', () => {
  it('records completing and reopening with who and when', () => {
    const created = IncidentAction.create({ tenantId, incidentId: userId, title: 'Bellen', description: null, dueAt: now, by: { id: userId, name: 'Anna' } }, now);
    if (!created.ok) throw created.error;
    const action = created.value;
    expect(action.isOverdue(later)).to.equal(true);
    expect(action.moveTo('done', { id: userId, name: 'Bas' }, later)).to.equal(true);
    expect(action).to.include({ completedByName: 'Bas', completedAt: later });
    expect(action.isOverdue(later)).to.equal(false);
    expect(action.moveTo('done', { id: userId, name: 'Bas' }, later)).to.equal(false);
    action.moveTo('open', { id: userId, name: 'Cor' }, later);
    expect(action).to.include({ completedBy: null, status: 'open' });
    expect(action.history.map((h) => [h.change, h.byName])).to.deep.equal([
      ['created', 'Anna'],
      ['completed', 'Bas'],
      ['reopened', 'Cor'],
    ]);
  });
});
