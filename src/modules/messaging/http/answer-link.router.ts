import { Router, type Request } from 'express';
import { NotFound } from '../../../platform/domain/errors.js';
import type { PathOf, RequestBody } from '../../../platform/http/contract.js';
import { unwrap } from '../../../platform/http/endpoint.js';
import type { AnswerLinks, AnswerLinkView } from '../application/answer-link.js';
import { iso } from './messaging.dto.js';

export interface AnswerLinkHttpDeps {
  links: AnswerLinks;
  /** Runs work in a transaction of the token's tenant (there is no principal to take it from). */
  inTenant: <T>(tenantId: string, work: () => Promise<T>) => Promise<T>;
}

const viewDto = (view: AnswerLinkView) => ({
  title: view.title,
  body: view.body,
  answerOptions: view.answerOptions,
  closesAt: iso(view.closesAt),
  answer: view.answer,
  answeredAt: iso(view.answeredAt),
});

/** Runs work in the transaction of the token's tenant; a token of no tenant of ours is not found. */
export function inTokenTenant<T>(deps: AnswerLinkHttpDeps, token: string, work: () => Promise<T>): Promise<T> {
  const tenantId = deps.links.tenantOf(token);
  if (!tenantId) return Promise.reject(new NotFound('Answer link'));
  return deps.inTenant(tenantId, work);
}

/**
 * The answer link as the contract has it (GET the call-up's text and options, PUT the answer), for
 * an app or integration that opens the link itself. No principal: the token is the credential, and
 * its tenant the transaction's, so these are no operations of a table (each kind there binds the
 * tenant of a principal, or none).
 */
export function answerLinkApi(deps: AnswerLinkHttpDeps): Router {
  return Router()
    .get('/v1/answer-links/:token', (req, res, next) => {
      const { token } = req.params;
      inTokenTenant(deps, token, async () => viewDto(unwrap(await deps.links.open(token)))).then((body) => res.status(200).json(body), next);
    })
    .put('/v1/answer-links/:token/answer', (req: Request<PathOf<'answerThroughLink'>, unknown, RequestBody<'answerThroughLink'>>, res, next) => {
      const { token } = req.params;
      inTokenTenant(deps, token, async () => unwrap(await deps.links.answer(token, req.body.option))).then((answered) => res.status(200).json(answered), next);
    });
}
