import type { Router } from 'express';
import type { Actor } from '../../../platform/auth/actor.js';
import { unwrap } from '../../../platform/http/endpoint.js';
import { operationsRouter } from '../../../platform/http/operations.js';
import { file } from './privacy.dto.js';
import { manage, self, type PrivacyHttpDeps } from './privacy-http.js';

/** Exports of personal data: bulk, registers, the audit trail, one person's, and one's own. */
export function privacyExportsRouter(deps: Pick<PrivacyHttpDeps, 'endpoints' | 'exportPeople' | 'exportRegister' | 'exportAudit' | 'exportSubject'>): Router {
  // A spreadsheet unless the caller asks for CSV; one person's data is JSON unless they ask for a sheet.
  const people = (actor: Actor, dataset: 'users' | 'contacts', format?: 'csv' | 'xlsx') =>
    Promise.resolve(file(deps.exportPeople.execute({ actor, dataset, format: format ?? 'xlsx' })));
  const register = async (actor: Actor, name: 'breaches' | 'processing', format?: 'csv' | 'xlsx') =>
    file(await deps.exportRegister.execute({ actor, register: name, format: format ?? 'xlsx' }));
  const subject = async (actor: Actor, userId: string, format?: 'json' | 'xlsx') =>
    file(unwrap(await deps.exportSubject.execute({ actor, userId, format: format ?? 'json' })));
  return operationsRouter(deps.endpoints, {
    exportAllUsers: (op) => op.tenantFile(manage, ({ query }, actor) => people(actor, 'users', query.format)),
    exportAllContacts: (op) => op.tenantFile(manage, ({ query }, actor) => people(actor, 'contacts', query.format)),
    exportBreachRegister: (op) => op.tenantFile(manage, ({ query }, actor) => register(actor, 'breaches', query.format)),
    exportProcessingRegister: (op) => op.tenantFile(manage, ({ query }, actor) => register(actor, 'processing', query.format)),
    exportAuditEvents: (op) =>
      op.tenantFile({ permission: 'audit.read' }, ({ query }, actor) => {
        const filter = {
          ...(query.action ? { action: query.action } : {}),
          ...(query.actorId ? { actorId: query.actorId } : {}),
          ...(query.subjectId ? { subjectId: query.subjectId } : {}),
          ...(query.from ? { from: new Date(query.from) } : {}),
          ...(query.to ? { to: new Date(query.to) } : {}),
        };
        return Promise.resolve(file(deps.exportAudit.execute({ actor, format: query.format ?? 'csv', filter })));
      }),
    exportUserData: (op) => op.tenantFile(manage, ({ path, query }, actor) => subject(actor, path.userId, query.format)),
    exportMyData: (op) => op.tenantFile(self, ({ query }, actor) => subject(actor, actor.userId ?? '', query.format)),
  });
}
