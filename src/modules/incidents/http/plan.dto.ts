import type { components } from '../../../platform/http/contract.js';
import type { ActivationOutcome } from '../application/activate-from-plan.js';
import type { SituationPicture } from '../application/situation-picture.js';
import { pictureVersionRecord, type SituationPictureVersion } from '../domain/situation-picture.js';
import type { IncidentTemplate } from '../domain/template.js';
import { toActionDto, toDetailDto } from './incident.dto.js';

type Schemas = components['schemas'];

export function toTemplateDto(t: IncidentTemplate): Schemas['IncidentTemplate'] {
  return {
    id: t.id,
    key: t.key,
    name: t.name,
    type: t.typeKey,
    severity: t.severity,
    description: t.description,
    location: t.location ? { standardKey: t.location.standardKey, address: t.location.address, latitude: t.location.latitude, longitude: t.location.longitude } : null,
    teams: t.teams.map((x) => ({ groupId: x.groupId, role: x.role })),
    taskCards: t.taskCards.map((x) => ({ taskCardId: x.taskCardId, role: x.role })),
    notification: t.notification ? (t.notification.kind === 'message' ? { kind: 'message', title: t.notification.title, body: t.notification.body } : { kind: 'template', messageTemplateId: t.notification.messageTemplateId }) : null,
    situationPicture: t.situationPicture,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

export function toActivationDto(o: ActivationOutcome, now: Date): Schemas['IncidentPlanActivation'] {
  return {
    incident: toDetailDto(o),
    plan: o.plan,
    linkedTeams: o.linkedTeams,
    notified: o.notified,
    notification: o.notification,
    actions: o.actions.map((a) => toActionDto(a, now)),
    unassigned: o.unassigned,
    missing: o.missing,
  };
}

export function toPictureVersionDto(v: SituationPictureVersion): Schemas['SituationPictureVersion'] {
  return pictureVersionRecord(v);
}

export function toPictureDto(p: SituationPicture): Schemas['SituationPicture'] {
  return {
    template: p.template ? { key: p.template.key, name: p.template.name, sections: p.template.sections.map((s) => ({ key: s.key, title: s.title, guidance: s.guidance })) } : null,
    current: p.current ? toPictureVersionDto(p.current) : null,
    versions: p.versions.map(toPictureVersionDto),
  };
}
