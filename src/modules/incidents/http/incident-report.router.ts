import { Router } from 'express';
import { Readable } from 'node:stream';
import type { QueryOf } from '../../../platform/http/contract.js';
import { unwrap } from '../../../platform/http/endpoint.js';
import { incidentIdOf, type IncidentsHttpDeps } from './incident-http.js';

/** An incident's report, as JSON or as a PDF drawn after the transaction has ended. */
export function incidentReportRouter(deps: Pick<IncidentsHttpDeps, 'endpoints' | 'report'>): Router {
  const router = Router();
  const { endpoints } = deps;
  router.get(
    '/v1/incidents/:incidentId/report',
    endpoints.tenantStream(
      { permission: 'incidents.coordinate' },
      async (req, actor): Promise<{ stream: Readable; headers: Record<string, string> }> => {
        const { format } = req.query as QueryOf<'getIncidentReport'>;
        const report = unwrap(await deps.report.execute({ actor, incidentId: incidentIdOf(req) }));
        const pdf =
          format === 'pdf' || (format === undefined && req.accepts(['application/json', 'application/pdf']) === 'application/pdf');
        if (pdf) {
          const logo = await deps.report.logo(actor.tenantId);
          // Drawn only once the stream is read, which is after the transaction has ended: no
          // database connection is held while the PDF is made.
          let drawing = false;
          const stream = new Readable({
            read() {
              if (drawing) return;
              drawing = true;
              deps.report.pdf(report, logo).then(
                (bytes) => {
                  this.push(bytes);
                  this.push(null);
                },
                (error: Error) => this.destroy(error),
              );
            },
          });
          return {
            stream,
            headers: {
              'content-type': 'application/pdf',
              'content-disposition': `attachment; filename="incidentrapport-${report.incident.id}.pdf"`,
              'cache-control': 'private, no-store',
            },
          };
        }
        return {
          stream: Readable.from([JSON.stringify(report)]),
          headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'private, no-store' },
        };
      },
    ),
  );
  return router;
}
