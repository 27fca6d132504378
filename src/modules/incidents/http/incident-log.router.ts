import { Router } from 'express';
import type { PathOf, QueryOf, RequestBody } from '../../../platform/http/contract.js';
import { unwrap } from '../../../platform/http/endpoint.js';
import { toEntryDto } from './incident.dto.js';
import { date, incidentIdOf, logFilterOf, type IncidentsHttpDeps } from './incident-http.js';

/** An incident's log: its entries, highlights, overview, chain check, and files for entries. */
export function incidentLogRouter(
  deps: Pick<IncidentsHttpDeps, 'endpoints' | 'post' | 'entries' | 'overview' | 'mark' | 'verify' | 'upload'>,
): Router {
  const router = Router();
  const { endpoints } = deps;
  router.post(
    '/v1/incidents/:incidentId/media',
    endpoints.tenant({ permission: 'incidents.participate' }, async (req, actor) => {
      if (!req.upload) throw new Error('upload missing after contract validation');
      const media = unwrap(await deps.upload.execute({ actor, incidentId: incidentIdOf(req), upload: req.upload }));
      return {
        status: 201,
        body: { id: media.id, kind: media.kind, mimeType: media.mimeType, size: media.size, originalName: media.originalName },
      };
    }),
  );
  router.get(
    '/v1/incidents/:incidentId/entries',
    endpoints.tenant({ permission: 'incidents.read', rawStatements: true }, async (req, actor) => {
      const q = req.query as QueryOf<'listLogEntries'>;
      const filter = {
        ...logFilterOf(q),
        ...(q.after !== undefined ? { after: q.after } : {}),
        ...(q.limit !== undefined ? { limit: q.limit } : {}),
      };
      const entries = unwrap(await deps.entries.execute({ actor, incidentId: incidentIdOf(req), filter }));
      return { status: 200, body: { items: entries.map(toEntryDto) } };
    }),
  );
  router.post(
    '/v1/incidents/:incidentId/entries',
    endpoints.tenant({ permission: 'incidents.participate' }, async (req, actor) => {
      const body = req.body as RequestBody<'postLogEntry'>;
      const { entry, replayed } = unwrap(
        await deps.post.execute({
          actor,
          incidentId: incidentIdOf(req),
          text: body.text,
          mediaIds: body.mediaIds ?? [],
          classification: body.classification ?? null,
          labels: body.labels ?? [],
          correctsId: body.correctsId ?? null,
          clientId: body.clientId ?? null,
          observedAt: date(body.observedAt) ?? null,
        }),
      );
      return { status: replayed ? 200 : 201, body: toEntryDto(entry) };
    }),
  );
  router.put(
    '/v1/incidents/:incidentId/entries/:entryId/highlight',
    endpoints.tenant({ permission: 'incidents.coordinate' }, async (req, actor) => {
      const { incidentId, entryId } = req.params as PathOf<'markLogEntry'>;
      const body = req.body as RequestBody<'markLogEntry'>;
      return {
        status: 200,
        body: toEntryDto(
          unwrap(await deps.mark.execute({ actor, incidentId, entryId, important: body.important, summary: body.summary ?? null })),
        ),
      };
    }),
  );
  router.get(
    '/v1/incidents/:incidentId/overview',
    endpoints.tenant({ permission: 'incidents.read' }, async (req, actor) => ({
      status: 200,
      body: { items: unwrap(await deps.overview.execute({ actor, incidentId: incidentIdOf(req) })).map(toEntryDto) },
    })),
  );
  router.get(
    '/v1/incidents/:incidentId/log/verification',
    endpoints.tenant({ permission: 'incidents.read' }, async (req, actor) => {
      const v = unwrap(await deps.verify.execute({ actor, incidentId: incidentIdOf(req) }));
      return { status: 200, body: { ...v, checkedAt: v.checkedAt.toISOString() } };
    }),
  );
  return router;
}
