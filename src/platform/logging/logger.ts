import { pino, stdSerializers, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

export type LogFormat = 'json' | 'pretty';

/**
 * JSON lines for machines (production, files, pipes), pino-pretty for a person at a terminal
 * during development; LOG_FORMAT overrides either way.
 */
export function logFormatFor(options: { logFormat?: LogFormat | undefined; nodeEnv: string; isTTY: boolean }): LogFormat {
  if (options.logFormat) return options.logFormat;
  return options.nodeEnv !== 'production' && options.isTTY ? 'pretty' : 'json';
}

/**
 * One event per line; secrets and credentials are redacted wherever they appear in a log
 * object, and database errors are logged without the values of their query.
 */
export function createLogger(level: string, destination?: pino.DestinationStream, options: { format?: LogFormat } = {}): Logger {
  const settings: pino.LoggerOptions = {
    level,
    // The pid tells apart the api processes of one machine (API_PROCESSES) in a shared log.
    base: { service: 'crisis-platform', pid: process.pid },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token', '*.accessToken', 'password', 'token'],
      censor: '[redacted]',
    },
    serializers: { err: errorForLog },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (options.format === 'pretty') {
    // Synchronous, in this thread: a worker-thread transport would lose the last lines of a
    // process that exits at once (command-line tools) and adds nothing for one developer's terminal.
    return pino(settings, pretty({ destination: destination ?? 1, sync: true, colorize: destination === undefined && process.stdout.isTTY, ignore: 'pid,hostname,service' }));
  }
  return pino(settings, destination);
}

/** A query parameter whose value is a credential: a link token, a code, a key, a signature. */
const SECRET_PARAMETER = /token|code|key|secret|password|sig/i;

/** Paths whose last segment is a credential: answer links, the SMS provider's callback. */
const SECRET_PATH = /^(\/a|\/v1\/answer-links|\/v1\/callbacks\/sms)\/[^/?]+/;

/** The URL as the request log shows it: every credential-like query value, and a credential in the path, replaced. */
export function redactUrl(raw: string): string {
  const url = raw.replace(SECRET_PATH, '$1/[redacted]');
  const question = url.indexOf('?');
  if (question < 0) return url;
  const query = url.slice(question + 1);
  const redacted = query
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      if (equals < 0) return pair;
      let name = pair.slice(0, equals);
      try {
        name = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // A malformed escape still names the parameter well enough to judge it.
      }
      return SECRET_PARAMETER.test(name) ? `${pair.slice(0, equals)}=[redacted]` : pair;
    })
    .join('&');
  return `${url.slice(0, question)}?${redacted}`;
}

type SerializedError = ReturnType<typeof stdSerializers.err>;

interface DatabaseErrorShape extends Error {
  code: string;
  constraint?: string;
  table?: string;
  column?: string;
  routine?: string;
}

/**
 * pg errors (and MikroORM's and knex's wrappers of them) carry the failing query with its
 * values inlined in the message, and the offending values in `detail` ("Key (email)=(…)"): names,
 * phone numbers, e-mail addresses. The log keeps what a developer needs to find the fault —
 * the error class, the SQLSTATE, the constraint, table and column, the stack frames — and none
 * of the values.
 */
export function errorForLog(error: unknown): SerializedError | Record<string, unknown> {
  if (!(error instanceof Error)) return stdSerializers.err(error as Error);
  if (!isDatabaseError(error)) {
    const serialized = stdSerializers.err(error);
    if (error.cause instanceof Error && isDatabaseError(error.cause)) return { ...serialized, cause: errorForLog(error.cause) };
    return serialized;
  }
  const message = describeDatabaseError(error);
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trim().startsWith('at '));
  return {
    type: error.name,
    message,
    code: error.code,
    ...(error.constraint ? { constraint: error.constraint } : {}),
    ...(error.table ? { table: error.table } : {}),
    ...(error.column ? { column: error.column } : {}),
    ...(error.routine ? { routine: error.routine } : {}),
    stack: [`${error.name}: ${message}`, ...frames].join('\n'),
  };
}

/** One line for a person (command-line tools, start-up failures): an error's message, values of a failing query left out. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    if (isDatabaseError(error)) return describeDatabaseError(error);
    if (error.cause instanceof Error && isDatabaseError(error.cause)) return `${error.message.split(' - ').at(-1)!}: ${describeDatabaseError(error.cause)}`;
    return error.message;
  }
  return String(error);
}

function isDatabaseError(error: Error): error is DatabaseErrorShape {
  const candidate = error as Partial<DatabaseErrorShape> & { severity?: unknown; sqlState?: unknown };
  return (
    typeof candidate.code === 'string' &&
    /^[0-9A-Z]{5}$/.test(candidate.code) &&
    (candidate.severity !== undefined || candidate.routine !== undefined || candidate.sqlState !== undefined)
  );
}

function describeDatabaseError(error: DatabaseErrorShape): string {
  // knex (and MikroORM after it) write "<query with its values> - <server message>".
  const serverMessage = error.message.split(' - ').at(-1)!;
  const where = error.constraint ? `, constraint ${error.constraint}` : '';
  return `${error.name} (SQLSTATE ${error.code}${where}): ${redactValues(serverMessage)}`;
}

/** Literal values in a server message: 'quoted' ones, and the "quoted" one after a colon (invalid input syntax for type uuid: "…"). */
export function redactValues(text: string): string {
  return text.replace(/'(?:[^']|'')*'/g, "'[redacted]'").replace(/: "(?:[^"]|"")*"/g, ': "[redacted]"');
}
