import type { Router } from 'express';
import { Readable } from 'node:stream';
import type { components } from '../../../platform/http/contract.js';
import { unwrap } from '../../../platform/http/endpoint.js';
import { operationsRouter } from '../../../platform/http/operations.js';
import type { IncidentsHttpDeps } from './incident-http.js';

const PRIVATE = { 'cache-control': 'private, no-store' };

/** An incident's report, as JSON or as a PDF drawn after the transaction has ended. */
export function incidentReportRouter(deps: Pick<IncidentsHttpDeps, 'endpoints' | 'report'>): Router {
  return operationsRouter(deps.endpoints, {
    getIncidentReport: (op) =>
      op.tenantFile({ permission: 'incidents.coordinate' }, async ({ path, query: { format }, req }, actor) => {
        const report = unwrap(await deps.report.execute({ actor, ...path }));
        const pdf = format === 'pdf' || (format === undefined && req.accepts(['application/json', 'application/pdf']) === 'application/pdf');
        // The JSON is the report as built, with no mapping of its own: typing it by the contract keeps the two in step.
        const document: components['schemas']['IncidentReport'] = report;
        if (!pdf) return { stream: Readable.from([JSON.stringify(document)]), headers: { 'content-type': 'application/json; charset=utf-8', ...PRIVATE } };
        const logo = await deps.report.logo(actor.tenantId);
        return {
          stream: drawnWhenRead(() => deps.report.pdf(report, logo)),
          headers: { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="incidentrapport-${report.incident.id}.pdf"`, ...PRIVATE },
        };
      }),
  });
}

/**
 * A stream of bytes made only once it is read, which is after the transaction has ended: no
 * database connection is held while the PDF is drawn.
 */
function drawnWhenRead(draw: () => Promise<Buffer>): Readable {
  let drawing = false;
  return new Readable({
    read() {
      if (drawing) return;
      drawing = true;
      draw().then(
        (bytes) => {
          this.push(bytes);
          this.push(null);
        },
        (error: Error) => this.destroy(error),
      );
    },
  });
}
