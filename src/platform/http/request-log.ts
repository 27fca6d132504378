import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { redactUrl, type Logger } from '../logging/logger.js';

declare module 'http' {
  interface IncomingMessage {
    /** The request id: the client's X-Request-Id when it is a sane one, else a fresh UUID. */
    id: string;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/**
 * The request id (X-Request-Id, kept from the client when sane) and one log line per request
 * once its response has finished or been cut off: the line pino-http wrote, field for field
 * (`req` {id, method, url}, `res` {statusCode}, `responseTime`, and `err` when it failed), its
 * level by status (error from 500, warn from 400). The request's part is taken when it arrives,
 * as pino-http's child logger took it, so a later rewrite of the URL does not show; no child
 * logger is made per request for it.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', id);
    req.id = id;
    const logged = { id, method: req.method, url: redactUrl(req.url) };
    const started = Date.now();
    const finished = (error?: Error): void => {
      res.removeListener('close', finished);
      res.removeListener('finish', finished);
      res.removeListener('error', finished);
      write(logger, req, res, logged, Date.now() - started, error);
    };
    res.on('close', finished);
    res.on('finish', finished);
    res.on('error', finished);
    next();
  };
}

function write(logger: Logger, req: IncomingMessage, res: ServerResponse, logged: object, responseTime: number, error: Error | undefined): void {
  const level = error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info';
  const status = { statusCode: res.statusCode };
  if (error || res.statusCode >= 500) {
    const err = error ?? new Error(`failed with status code ${res.statusCode}`);
    logger[level]({ req: logged, res: status, err, responseTime }, 'request errored');
    return;
  }
  logger[level]({ req: logged, res: status, responseTime }, !req.readableAborted && res.writableEnded ? 'request completed' : 'request aborted');
}
