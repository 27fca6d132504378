import type { RequestHandler, Response } from 'express';

/**
 * A JSON answer serialised already, as text or as its UTF-8 bytes: a handler that builds its body
 * from parts shared by many answers (a content view's items) serialises each part once and sends
 * the result as it is.
 */
export class JsonText {
  constructor(readonly json: string | Buffer) {}
}

/**
 * Lets a route's handler answer with a JsonText (as a Reply's body): its res.json sends the text
 * unchanged. With response validation on (the tests), the text is parsed and handed to the
 * validator's res.json instead, so the contract checks exactly what would have gone out.
 */
export function sendsJsonText(validateResponses: boolean): RequestHandler {
  return (_req, res, next) => {
    const json = res.json.bind(res);
    res.json = (body?: unknown): Response => {
      if (!(body instanceof JsonText)) return json(body);
      if (validateResponses) return json(JSON.parse(body.json.toString()));
      return res.type('json').send(body.json);
    };
    next();
  };
}
