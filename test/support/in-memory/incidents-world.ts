import { ActivateIncident } from '../../../src/modules/incidents/application/incidents.js';
import { PostLogEntry } from '../../../src/modules/incidents/application/log.js';
import type { Incident } from '../../../src/modules/incidents/domain/incident.js';
import { IncidentSetup } from '../../../src/modules/incidents/domain/setup.js';
import type { Actor } from '../../../src/platform/auth/actor.js';
import { inMemoryIncidents } from './incidents.js';
import { apiKeyActor, userActor } from './platform.js';
import { valueOf } from './result.js';

/** One tenant for the incidents specs: a set-up, four people, one group (member and teammate). */
export const T = '0b9c2f4e-7d1a-4c3b-9e8f-1a2b3c4d5e6f';
export const OTHER_TENANT = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
export const COORD = '11111111-1111-4111-8111-111111111111';
export const MEMBER = '22222222-2222-4222-8222-222222222222';
export const TEAMMATE = '33333333-3333-4333-8333-333333333333';
export const OUTSIDER = '44444444-4444-4444-8444-444444444444';
export const GROUP = '55555555-5555-4555-8555-555555555555';

export const coordinator = userActor({ tenantId: T, userId: COORD, roles: ['coordinator'] });
export const member = userActor({ tenantId: T, userId: MEMBER, roles: ['member'] });
export const teammate = userActor({ tenantId: T, userId: TEAMMATE, roles: ['member'] });
export const outsider = userActor({ tenantId: T, userId: OUTSIDER, roles: ['member'] });
export const integration = apiKeyActor({ tenantId: T, keyId: 'key-1', permissions: ['incidents.read', 'incidents.participate'] });

export function world(visibility: 'all' | 'own_team' = 'all') {
  const p = inMemoryIncidents();
  const setup = IncidentSetup.initial(T, p.clock.now());
  valueOf(
    setup.change(
      {
        types: [{ key: 'brand', name: 'Brand' }],
        roles: [
          { key: 'lid', name: 'Teamlid', default: true },
          { key: 'leider', name: 'Leider', default: false },
        ],
        locations: [],
        classifications: [{ key: 'waarneming', name: 'Waarneming' }],
        labels: [{ key: 'pers', name: 'Pers' }],
        allowMemberActivation: false,
        memberVisibility: visibility,
        situationPictureTemplates: [{ key: 'bob', name: 'BOB', sections: [{ key: 'beeld', title: 'Beeldvorming', guidance: null }, { key: 'oordeel', title: 'Oordeelsvorming', guidance: null }] }],
      },
      p.clock.now(),
    ),
  );
  p.setups.add(setup);
  p.people.users.set(COORD, 'Cora Coördinator').set(MEMBER, 'Mo Lid').set(TEAMMATE, 'Tess Team').set(OUTSIDER, 'Olaf Buiten');
  p.people.groups.set(GROUP, { name: 'Ploeg A', members: [MEMBER, TEAMMATE] });
  return p;
}

export type World = ReturnType<typeof world>;

export const details = { title: 'Brand magazijn', typeKey: 'brand', severity: 'major' as const, description: null, location: null, exercise: false };

/** An active incident, activated by the coordinator, with the group linked as a team. */
export async function activeIncident(p: World, extra: Partial<typeof details> = {}): Promise<Incident> {
  const { incident } = valueOf(await new ActivateIncident(p).execute({ actor: coordinator, details: { ...details, ...extra }, links: { teams: [{ groupId: GROUP }], users: [] } }));
  p.notifier.notices.length = 0;
  p.audit.entries.length = 0;
  return incident;
}

export function post(p: World, actor: Actor, incidentId: string, extra: Partial<Parameters<PostLogEntry['execute']>[0]> = {}) {
  return new PostLogEntry(p).execute({ actor, incidentId, text: 'Rook gezien bij hal 3', mediaIds: [], classification: null, labels: [], correctsId: null, ...extra });
}
