import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { DomainError, NotFound } from '../../../platform/domain/errors.js';
import { unwrap } from '../../../platform/http/endpoint.js';
import type { AnswerLinkView } from '../application/answer-link.js';
import { inTokenTenant, type AnswerLinkHttpDeps } from './answer-link.router.js';

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `body{font:18px/1.5 system-ui,sans-serif;margin:0;background:#f4f5f7;color:#111}
main{max-width:34rem;margin:0 auto;padding:1.5rem 1rem}
h1{font-size:1.4rem;margin:0 0 .75rem}
p.body{white-space:pre-wrap;background:#fff;padding:1rem;border-radius:.5rem;border:1px solid #c9ced6}
form{display:grid;gap:.75rem;margin:1.25rem 0}
button{font:inherit;font-weight:600;min-height:3.25rem;border-radius:.5rem;border:2px solid #0b4f8a;background:#fff;color:#0b4f8a;cursor:pointer}
button[aria-pressed=true]{background:#0b4f8a;color:#fff}
.notice{font-weight:600;padding:.75rem 1rem;border-radius:.5rem;background:#e3f1e6;border:1px solid #2e7d3a}
.problem{font-weight:600;padding:.75rem 1rem;border-radius:.5rem;background:#fdecea;border:1px solid #b3261e}
small{color:#444}`;

function page(status: number, title: string, content: string): { status: number; html: string } {
  return {
    status,
    html: `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escape(title)}</title><style>${STYLE}</style></head><body><main>${content}</main></body></html>`,
  };
}

function answerPage(view: AnswerLinkView, notice: string | null): { status: number; html: string } {
  const buttons = view.answerOptions
    .map((option) => `<button type="submit" name="option" value="${escape(option)}" aria-pressed="${view.answer === option}">${escape(option)}</button>`)
    .join('');
  const current = view.answer
    ? `<p class="notice" role="status">Uw antwoord: ${escape(view.answer)} · <span lang="en">Your answer: ${escape(view.answer)}</span></p>`
    : '';
  return page(
    200,
    view.title,
    `<h1>${escape(view.title)}</h1><p class="body">${escape(view.body)}</p>${notice ? `<p class="problem" role="alert">${escape(notice)}</p>` : ''}${current}` +
      `<form method="post"><fieldset style="border:0;padding:0;margin:0;display:grid;gap:.75rem"><legend>Kies uw antwoord · <span lang="en">Choose your answer</span></legend>${buttons}</fieldset></form>` +
      `<p><small>U kunt uw antwoord wijzigen zolang de oproep open is. · <span lang="en">You can change your answer while the call-up is open.</span></small></p>`,
  );
}

function problemPage(error: unknown): { status: number; html: string } | null {
  if (error instanceof NotFound) return page(404, 'Link niet gevonden', '<h1>Link niet gevonden · <span lang="en">Link not found</span></h1><p>Controleer of u de hele link uit het bericht hebt geopend. · <span lang="en">Check that you opened the whole link from the message.</span></p>');
  if (error instanceof DomainError && error.code === 'TENANT.SUSPENDED')
    return page(403, 'Organisatie opgeschort', '<h1>Deze link werkt niet meer · <span lang="en">This link no longer works</span></h1><p>De toegang van uw organisatie tot het platform is opgeschort; uw antwoord is niet opgeslagen. Neem contact op met uw organisatie. · <span lang="en">Your organisation’s access to the platform is suspended; your answer was not stored. Contact your organisation.</span></p>');
  // Closed since the page was shown (gone), or at the very moment of the answer (the call-up's conflict).
  if (error instanceof DomainError && (error.kind === 'gone' || error.code === 'MESSAGE.CALL_UP_CLOSED'))
    return page(410, 'Oproep gesloten', '<h1>Deze oproep is gesloten · <span lang="en">This call-up is closed</span></h1><p>Er kan niet meer worden geantwoord. · <span lang="en">Answers are no longer taken.</span></p>');
  return null;
}

/**
 * The small page a text or mail links to (/a/<token>): the call-up's text, one large button per
 * option, the person's current answer. Server-rendered HTML with a plain form, so it works on any
 * phone browser without JavaScript or the console's bundle; post, then redirect to the page again.
 * Mounted before the contract check (it is a page, not an operation), after the rate limits.
 */
export function answerLinkPage(deps: AnswerLinkHttpDeps): Router {
  const router = Router();
  const send = (res: Response, rendered: { status: number; html: string }): void => {
    res.status(rendered.status).set({ 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).send(rendered.html);
  };
  const fail = (res: Response, next: NextFunction) => (error: unknown) => {
    const rendered = problemPage(error);
    if (rendered) send(res, rendered);
    else next(error);
  };
  router.get('/a/:token', (req: Request<{ token: string }>, res, next) => {
    const { token } = req.params;
    inTokenTenant(deps, token, async () => unwrap(await deps.links.open(token))).then((view) => send(res, answerPage(view, null)), fail(res, next));
  });
  // A form field repeated comes as a list, and a post of no form as no body: only one text is an option.
  router.post('/a/:token', express.urlencoded({ extended: false, limit: '2kb', parameterLimit: 5 }), (req: Request<{ token: string }, unknown, { option?: unknown } | undefined>, res, next) => {
    const { token } = req.params;
    const option = typeof req.body?.option === 'string' ? req.body.option : '';
    inTokenTenant(deps, token, async () => {
      const answered = await deps.links.answer(token, option.slice(0, 200));
      if (answered.ok || answered.error.kind !== 'invalid') return { answered: unwrap(answered), view: null, problem: null };
      // An option the call-up does not have (a stale or hand-made form): the page again, saying so.
      return { answered: null, view: unwrap(await deps.links.open(token)), problem: answered.error.message };
    }).then((outcome) => {
      if (outcome.answered) res.redirect(303, `/a/${token}`);
      else send(res, { ...answerPage(outcome.view, outcome.problem), status: 400 });
    }, fail(res, next));
  });
  return router;
}
