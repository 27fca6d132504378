import type { Router } from 'express';
import type { RequestBody } from '../../../platform/http/contract.js';
import { unwrap, type Endpoints } from '../../../platform/http/endpoint.js';
import { created, ok, operationsRouter } from '../../../platform/http/operations.js';
import type { ActivateFromPlan, PlanSource } from '../application/activate-from-plan.js';
import type { GetSituationPicture, SaveSituationPicture, SendSituationPicture } from '../application/situation-picture.js';
import type { CreateIncidentTemplate, DeleteIncidentTemplate, ListIncidentTemplates, ReplaceIncidentTemplate } from '../application/templates.js';
import { InvalidIncidentInput } from '../domain/incident.errors.js';
import type { TemplateFields } from '../domain/template.js';
import { noContentAfter } from '../../../platform/http/operations.js';
import { linksOf, locationOf, onIncident } from './incident-http.js';
import { toActivationDto, toPictureDto, toPictureVersionDto, toTemplateDto } from './plan.dto.js';

export interface PlanHttpDeps {
  endpoints: Endpoints;
  listTemplates: ListIncidentTemplates;
  createTemplate: CreateIncidentTemplate;
  replaceTemplate: ReplaceIncidentTemplate;
  deleteTemplate: DeleteIncidentTemplate;
  activate: ActivateFromPlan;
  getPicture: GetSituationPicture;
  savePicture: SaveSituationPicture;
  sendPicture: SendSituationPicture;
}

function templateFields(body: RequestBody<'createIncidentTemplate'>): TemplateFields {
  const location = locationOf(body.location);
  return {
    key: body.key,
    name: body.name,
    typeKey: body.type,
    severity: body.severity,
    description: body.description ?? null,
    location: location ? { standardKey: location.standardKey, address: location.address, latitude: location.latitude, longitude: location.longitude } : null,
    teams: body.teams ?? [],
    taskCards: body.taskCards ?? [],
    notification: body.notification ?? null,
    situationPicture: body.situationPicture ?? null,
  };
}

/** What the activation starts from: exactly one of a template and a scenario, the escalation level only with a scenario. */
function planSourceOf({ templateId, scenarioId, escalationLevel }: RequestBody<'activateIncidentFromPlan'>): PlanSource {
  if (templateId !== undefined && scenarioId === undefined) {
    if (escalationLevel !== undefined) throw new InvalidIncidentInput('escalationLevel', 'belongs to a scenario, not to a template');
    return { templateId };
  }
  if (scenarioId !== undefined && templateId === undefined) return { scenarioId, escalationLevel: escalationLevel ?? null };
  throw new InvalidIncidentInput('templateId', 'or scenarioId: give exactly one of them');
}

/** Templates, activation from the plan and the structured situation picture (issue 21), beside the log tool's router. */
export function planRouter(deps: PlanHttpDeps): Router {
  return operationsRouter(deps.endpoints, {
    listIncidentTemplates: (op) =>
      op.tenant({ permission: 'incidents.read' }, async (_input, actor) => ok({ items: (await deps.listTemplates.execute({ tenantId: actor.tenantId })).map(toTemplateDto) })),
    createIncidentTemplate: (op) =>
      op.tenant({ permission: 'incidents.setup' }, async ({ body }, actor) => {
        const template = unwrap(await deps.createTemplate.execute({ actor, fields: templateFields(body) }));
        return created(toTemplateDto(template), `/v1/incident-templates/${template.id}`);
      }),
    replaceIncidentTemplate: (op) =>
      op.tenant({ permission: 'incidents.setup' }, async ({ path, body }, actor) =>
        ok(toTemplateDto(unwrap(await deps.replaceTemplate.execute({ actor, ...path, fields: templateFields(body) })))),
      ),
    deleteIncidentTemplate: (op) => op.tenant({ permission: 'incidents.setup' }, ({ path }, actor) => noContentAfter(deps.deleteTemplate.execute({ actor, ...path }))),
    activateIncidentFromPlan: (op) =>
      op.tenant({ permission: 'incidents.participate' }, async ({ body }, actor) => {
        const outcome = unwrap(
          await deps.activate.execute({
            actor,
            source: planSourceOf(body),
            title: body.title,
            description: body.description ?? null,
            typeKey: body.type ?? null,
            severity: body.severity ?? null,
            location: locationOf(body.location),
            exercise: body.exercise ?? false,
            links: linksOf(body),
          }),
        );
        return created(toActivationDto(outcome, new Date()), `/v1/incidents/${outcome.incident.id}`);
      }),
    getSituationPicture: (op) => op.tenant({ permission: 'incidents.read' }, onIncident(deps.getPicture, toPictureDto)),
    saveSituationPicture: (op) =>
      op.tenant({ permission: 'incidents.coordinate' }, async ({ path, body }, actor) => {
        const version = unwrap(
          await deps.savePicture.execute({ actor, incidentId: path.incidentId, template: body.template ?? null, basedOnVersion: body.basedOnVersion ?? null, sections: body.sections }),
        );
        return { status: 201, body: toPictureVersionDto(version) };
      }),
    sendSituationPicture: (op) =>
      op.tenant({ permission: 'incidents.coordinate' }, async ({ path, body }, actor) => ok(unwrap(await deps.sendPicture.execute({ actor, incidentId: path.incidentId, version: body.version })))),
  });
}
