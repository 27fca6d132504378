import { Router, type Request } from 'express';
import type { PathOf, RequestBody } from '../../../platform/http/contract.js';
import { unwrap, type Endpoints } from '../../../platform/http/endpoint.js';
import type { ActivateFromPlan, PlanSource } from '../application/activate-from-plan.js';
import type { GetSituationPicture, SaveSituationPicture, SendSituationPicture } from '../application/situation-picture.js';
import type { CreateIncidentTemplate, DeleteIncidentTemplate, ListIncidentTemplates, ReplaceIncidentTemplate } from '../application/templates.js';
import type { IncidentLocation } from '../domain/incident.js';
import { InvalidIncidentInput } from '../domain/incident.errors.js';
import type { TemplateFields } from '../domain/template.js';
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

type LocationInput = RequestBody<'activateIncidentFromPlan'>['location'];

function locationOf(input: LocationInput): IncidentLocation | null {
  return input ? { standardKey: input.standardKey ?? null, name: null, address: input.address ?? null, latitude: input.latitude ?? null, longitude: input.longitude ?? null } : null;
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

/** Templates, activation from the plan and the structured situation picture (issue 21), beside the log tool's router. */
export function planRouter(deps: PlanHttpDeps): Router {
  const router = Router();
  const e = deps.endpoints;
  const incidentIdOf = (req: Request) => (req.params as { incidentId: string }).incidentId;

  router.get('/v1/incident-templates', e.tenant({ permission: 'incidents.read' }, async (_req, actor) => ({ status: 200, body: { items: (await deps.listTemplates.execute({ tenantId: actor.tenantId })).map(toTemplateDto) } })));
  router.post(
    '/v1/incident-templates',
    e.tenant({ permission: 'incidents.setup' }, async (req, actor) => {
      const template = unwrap(await deps.createTemplate.execute({ actor, fields: templateFields(req.body as RequestBody<'createIncidentTemplate'>) }));
      return { status: 201, body: toTemplateDto(template), headers: { location: `/v1/incident-templates/${template.id}` } };
    }),
  );
  router.put(
    '/v1/incident-templates/:templateId',
    e.tenant({ permission: 'incidents.setup' }, async (req, actor) => {
      const { templateId } = req.params as PathOf<'replaceIncidentTemplate'>;
      return { status: 200, body: toTemplateDto(unwrap(await deps.replaceTemplate.execute({ actor, templateId, fields: templateFields(req.body as RequestBody<'replaceIncidentTemplate'>) }))) };
    }),
  );
  router.delete(
    '/v1/incident-templates/:templateId',
    e.tenant({ permission: 'incidents.setup' }, async (req, actor) => {
      const { templateId } = req.params as PathOf<'deleteIncidentTemplate'>;
      unwrap(await deps.deleteTemplate.execute({ actor, templateId }));
      return { status: 204 };
    }),
  );

  router.post(
    '/v1/incident-activations',
    e.tenant({ permission: 'incidents.participate' }, async (req, actor) => {
      const body = req.body as RequestBody<'activateIncidentFromPlan'>;
      if ((body.templateId === undefined) === (body.scenarioId === undefined)) throw new InvalidIncidentInput('templateId', 'or scenarioId: give exactly one of them');
      if (body.templateId !== undefined && body.escalationLevel !== undefined) throw new InvalidIncidentInput('escalationLevel', 'belongs to a scenario, not to a template');
      const source: PlanSource = body.templateId !== undefined ? { templateId: body.templateId } : { scenarioId: body.scenarioId!, escalationLevel: body.escalationLevel ?? null };
      const outcome = unwrap(
        await deps.activate.execute({
          actor,
          source,
          title: body.title,
          description: body.description ?? null,
          typeKey: body.type ?? null,
          severity: body.severity ?? null,
          location: locationOf(body.location),
          exercise: body.exercise ?? false,
          links: { teams: body.teams ?? [], users: body.users ?? [] },
        }),
      );
      return { status: 201, body: toActivationDto(outcome, new Date()), headers: { location: `/v1/incidents/${outcome.incident.id}` } };
    }),
  );

  router.get(
    '/v1/incidents/:incidentId/situation-picture',
    e.tenant({ permission: 'incidents.read' }, async (req, actor) => ({ status: 200, body: toPictureDto(unwrap(await deps.getPicture.execute({ actor, incidentId: incidentIdOf(req) }))) })),
  );
  router.post(
    '/v1/incidents/:incidentId/situation-picture/versions',
    e.tenant({ permission: 'incidents.coordinate' }, async (req, actor) => {
      const body = req.body as RequestBody<'saveSituationPicture'>;
      const version = unwrap(
        await deps.savePicture.execute({ actor, incidentId: incidentIdOf(req), template: body.template ?? null, basedOnVersion: body.basedOnVersion ?? null, sections: body.sections }),
      );
      return { status: 201, body: toPictureVersionDto(version) };
    }),
  );
  router.post(
    '/v1/incidents/:incidentId/situation-picture/send',
    e.tenant({ permission: 'incidents.coordinate' }, async (req, actor) => {
      const { version } = req.body as RequestBody<'sendSituationPicture'>;
      return { status: 200, body: unwrap(await deps.sendPicture.execute({ actor, incidentId: incidentIdOf(req), version })) };
    }),
  );
  return router;
}
