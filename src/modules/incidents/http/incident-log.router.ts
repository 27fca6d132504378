import type { Router } from 'express';
import { unwrap } from '../../../platform/http/endpoint.js';
import { ok, operationsRouter, type Input } from '../../../platform/http/operations.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { toEntryDto } from './incident.dto.js';
import { logFilterOf, onIncident, posted, postOf, type IncidentsHttpDeps } from './incident-http.js';

/** An incident's log: its entries, highlights, overview, chain check, and files for entries. */
export function incidentLogRouter(
  deps: Pick<IncidentsHttpDeps, 'endpoints' | 'post' | 'entries' | 'overview' | 'mark' | 'verify' | 'upload'>,
): Router {
  return operationsRouter(deps.endpoints, {
    uploadIncidentMedia: (op) =>
      op.tenant({ permission: 'incidents.participate' }, async ({ path, req }, actor) => {
        // The file arrives streamed to disk by the module's upload receiver, before the contract check.
        if (!req.upload) throw new Error('upload missing after contract validation');
        const media = unwrap(await deps.upload.execute({ actor, incidentId: path.incidentId, upload: req.upload }));
        return { status: 201, body: { id: media.id, kind: media.kind, mimeType: media.mimeType, size: media.size, originalName: media.originalName } };
      }),
    listLogEntries: (op) =>
      op.tenant({ permission: 'incidents.read', rawStatements: true }, async ({ path, query }, actor) => {
        const filter = { ...logFilterOf(query), after: query.after, limit: query.limit };
        return ok({ items: unwrap(await deps.entries.execute({ actor, incidentId: path.incidentId, filter })).map(toEntryDto) });
      }),
    postLogEntry: (op) => {
      const post = async ({ path, body }: Input<'postLogEntry'>, actor: Actor) => {
        const filing = { classification: body.classification ?? null, labels: body.labels ?? [], correctsId: body.correctsId ?? null };
        return posted(await deps.post.execute({ actor, incidentId: path.incidentId, ...postOf(body), ...filing }), ({ entry }) => toEntryDto(entry));
      };
      // A post without files is raw statements only (the commit goes with the one that takes the
      // chain head); the content module reads a post's files through the ORM.
      const text = op.tenant({ permission: 'incidents.participate', rawStatements: true }, post);
      const withFiles = op.tenant({ permission: 'incidents.participate' }, post);
      return (req, res, next) => (attachesFiles(req.body) ? withFiles : text)(req, res, next);
    },
    markLogEntry: (op) =>
      op.tenant({ permission: 'incidents.coordinate' }, async ({ path, body }, actor) =>
        ok(toEntryDto(unwrap(await deps.mark.execute({ actor, ...path, important: body.important, summary: body.summary ?? null })))),
      ),
    getSituationOverview: (op) => op.tenant({ permission: 'incidents.read' }, onIncident(deps.overview, (entries) => ({ items: entries.map(toEntryDto) }))),
    verifyIncidentLog: (op) =>
      op.tenant({ permission: 'incidents.read' }, onIncident(deps.verify, (verification) => ({ ...verification, checkedAt: verification.checkedAt.toISOString() }))),
  });
}

/** Whether a validated post body names files to attach. */
function attachesFiles(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'mediaIds' in body && Array.isArray(body.mediaIds) && body.mediaIds.length > 0;
}
