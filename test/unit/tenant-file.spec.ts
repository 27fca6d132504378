import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { parseTenantFile } from '../../src/onboarding/tenant-file.js';

describe('tenant definition files', () => {
  it('reads the demo tenant', () => {
    const parsed = parseTenantFile(readFileSync(new URL('../../tenants/demo.yaml', import.meta.url), 'utf8'));
    expect(parsed.ok, parsed.ok ? '' : parsed.error).to.equal(true);
    if (!parsed.ok) return;
    expect(parsed.value.tenant).to.include({ slug: 'zorggroep-de-linde', locale: 'nl-NL', timeZone: 'Europe/Amsterdam' });
    expect(parsed.value.users.length).to.be.greaterThan(3);
    const setup = parsed.value.incidentSetup!;
    expect(setup.types.length).to.be.greaterThan(0);
    expect(setup.roles.filter((r) => r.default)).to.have.length(1);
    expect(setup.locations.length).to.be.greaterThan(0);
    expect(setup.classifications.length).to.be.greaterThan(0);
    expect(setup.labels.length).to.be.greaterThan(0);
    expect(setup.situationPictureTemplates.map((t) => t.key)).to.deep.equal(['bob', 'methane']);
    expect(setup.situationPictureTemplates[0]!.sections.map((s) => s.key)).to.deep.equal(['beeldvorming', 'oordeelsvorming', 'besluitvorming']);
    expect(setup.situationPictureTemplates[1]!.sections).to.have.length(7);
    const fire = parsed.value.incidentTemplates.find((t) => t.key === 'brand-de-linde')!;
    expect(fire).to.deep.include({ type: 'brand', severity: 'major', situationPicture: 'bob', location: { standardKey: 'de-linde-tiel' } });
    expect(fire.teams.map((t) => t.role)).to.deep.equal(['bhv', 'crisiscoordinator']);
    const callUp = parsed.value.messageTemplates.find((t) => t.name === 'Opkomst crisisteam ICT-uitval')!;
    expect(callUp).to.deep.include({ priority: 'urgent', goal: { option: 'beschikbaar', count: 2, withinMinutes: 15, autoClose: false } });
    expect(parsed.value.incidentTemplates.find((t) => t.key === 'uitval-ict')!.notification).to.deep.equal({ messageTemplate: 'Opkomst crisisteam ICT-uitval' });
  });

  const malformed: Array<[string, string, RegExp]> = [
    ['broken YAML', 'tenant: [\n', /^not valid YAML at line \d+/],
    [
      'an incident template naming a message template the file does not have',
      'tenant:\n  slug: x\n  name: X\nusers:\n  - { name: A, email: a@b.nl, roles: [admin] }\nincidentTemplates:\n  - key: brand\n    name: Brand\n    type: brand\n    severity: major\n    notification: { messageTemplate: Opkomst }\n',
      /^incidentTemplates\.0\.notification\.messageTemplate \(line 11\): Opkomst is not one of the message templates of this file/,
    ],
    ['a bad slug, with its line', 'tenant:\n  slug: Geen Slug\n  name: X\nusers:\n  - { name: A, email: a@b.nl, roles: [admin] }\n', /^tenant\.slug \(line 2\): use lower-case/],
    ['an unknown key', 'tenant:\n  slug: x\n  name: X\n  kleur: rood\nusers:\n  - { name: A, email: a@b.nl, roles: [admin] }\n', /^tenant\.kleur \(line 4\): .*kleur/],
    ['an unknown role', 'tenant:\n  slug: x\n  name: X\nusers:\n  - { name: A, email: a@b.nl, roles: [baas] }\n', /^users\.0\.roles\.0 \(line 5\)/],
    ['no admin', 'tenant:\n  slug: x\n  name: X\nusers:\n  - { name: A, email: a@b.nl, roles: [member] }\n', /^users .*admin/],
    ['a duplicate e-mail', 'tenant:\n  slug: x\n  name: X\nusers:\n  - { name: A, email: a@b.nl, roles: [admin] }\n  - { name: B, email: A@b.nl, roles: [member] }\n', /only once/],
    ['a group member who is not a user of the file', 'tenant:\n  slug: x\n  name: X\nusers:\n  - { name: A, email: a@b.nl, roles: [admin] }\ngroups:\n  - name: Team\n    type: team\n    members: [z@b.nl]\n', /^groups\.0\.members\.0 \(line 9\): z@b\.nl is not one of the users/],
    ['an incident set-up without a default role', 'tenant:\n  slug: x\n  name: X\nusers:\n  - { name: A, email: a@b.nl, roles: [admin] }\nincidentSetup:\n  types: [{ key: brand, name: Brand }]\n  roles:\n    - { key: lid, name: Lid }\n', /^incidentSetup\.roles \(line 9\): mark exactly one role with default: true/],
    ['an incident set-up with two default roles', 'tenant:\n  slug: x\n  name: X\nusers:\n  - { name: A, email: a@b.nl, roles: [admin] }\nincidentSetup:\n  types: [{ key: brand, name: Brand }]\n  roles:\n    - { key: a, name: A, default: true }\n    - { key: b, name: B, default: true }\n', /^incidentSetup\.roles \(line 9\): mark exactly one/],
    ['an incident set-up without types', 'tenant:\n  slug: x\n  name: X\nusers:\n  - { name: A, email: a@b.nl, roles: [admin] }\nincidentSetup:\n  types: []\n  roles: [{ key: a, name: A, default: true }]\n', /^incidentSetup\.types \(line 7\): name at least one incident type/],
    ['a set-up key that is not a key', 'tenant:\n  slug: x\n  name: X\nusers:\n  - { name: A, email: a@b.nl, roles: [admin] }\nincidentSetup:\n  types:\n    - { key: Grote Brand, name: Brand }\n  roles: [{ key: a, name: A, default: true }]\n', /^incidentSetup\.types\.0\.key \(line 8\): use lower-case/],
    ['a set-up key twice', 'tenant:\n  slug: x\n  name: X\nusers:\n  - { name: A, email: a@b.nl, roles: [admin] }\nincidentSetup:\n  types: [{ key: brand, name: Brand }]\n  roles: [{ key: a, name: A, default: true }]\n  labels:\n    - { key: pers, name: Pers }\n    - { key: pers, name: Media }\n', /^incidentSetup\.labels\.1\.key \(line 11\): the key pers appears twice/],
    ['an unknown set-up key', 'tenant:\n  slug: x\n  name: X\nusers:\n  - { name: A, email: a@b.nl, roles: [admin] }\nincidentSetup:\n  types: [{ key: brand, name: Brand }]\n  roles: [{ key: a, name: A, default: true }]\n  kleuren: [rood]\n', /^incidentSetup\.kleuren \(line 9\)/],
    ['a location with a latitude off the globe', 'tenant:\n  slug: x\n  name: X\nusers:\n  - { name: A, email: a@b.nl, roles: [admin] }\nincidentSetup:\n  types: [{ key: brand, name: Brand }]\n  roles: [{ key: a, name: A, default: true }]\n  locations:\n    - { key: x, name: X, latitude: 123 }\n', /^incidentSetup\.locations\.0\.latitude \(line 10\)/],
    ['an incident template naming a group the file does not have', 'tenant:\n  slug: x\n  name: X\nusers:\n  - { name: A, email: a@b.nl, roles: [admin] }\nincidentTemplates:\n  - key: brand\n    name: Brand\n    type: brand\n    severity: major\n    teams: [{ group: Onbekend team, role: lid }]\n', /^incidentTemplates\.0\.teams\.0\.group \(line 11\): Onbekend team is not one of the groups of this file/],
    ['a situation-picture template without sections', 'tenant:\n  slug: x\n  name: X\nusers:\n  - { name: A, email: a@b.nl, roles: [admin] }\nincidentSetup:\n  types: [{ key: brand, name: Brand }]\n  roles: [{ key: a, name: A, default: true }]\n  situationPictureTemplates:\n    - { key: bob, name: BOB, sections: [] }\n', /^incidentSetup\.situationPictureTemplates\.0\.sections \(line 10\): name at least one section/],
    ['a bad e-mail', 'tenant:\n  slug: x\n  name: X\nusers:\n  - { name: A, email: nee, roles: [admin] }\n', /^users\.0\.email/],
  ];
  for (const [what, text, message] of malformed) {
    it(`refuses ${what} with a clear one-line error`, () => {
      const parsed = parseTenantFile(text);
      expect(parsed.ok).to.equal(false);
      if (parsed.ok) return;
      expect(parsed.error).to.match(message);
      expect(parsed.error).not.to.contain('\n');
    });
  }
});
