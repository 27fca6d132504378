/**
 * npm run migrations -- <command>
 *   create [name]  generate a migration from the difference between the entities and the schema
 *   up             apply pending migrations (the app also does this at start-up)
 *   pending        list migrations not yet applied
 *   check          exit 1 when the entities need a migration that has not been generated
 * Uses DATABASE_URL, or the embedded PostgreSQL in DATA_DIR.
 */
import { MikroORM } from '@mikro-orm/postgresql';
import { entities } from '../src/modules/index.js';
import { ConfigError, loadConfig } from '../src/platform/config/config.js';
import { loadOrCreateDevSecrets } from '../src/platform/database/dev-secrets.js';
import { startEmbeddedPostgres } from '../src/platform/database/embedded-postgres.js';
import { ormOptions } from '../src/platform/database/orm-config.js';
import { createLogger } from '../src/platform/logging/logger.js';
import { parseCommandLine, usageError } from './command-line.js';

const USAGE = 'npm run migrations -- create [name] | up | pending | check';
const { positionals } = parseCommandLine(USAGE, {}, { min: 0, max: 2 });
const [command = 'pending', name] = positionals;
// Refused before any database is started: a typo should cost nothing.
if (!['create', 'up', 'pending', 'check'].includes(command)) usageError(USAGE, `unknown command '${command}'`);
if (name !== undefined && command !== 'create') usageError(USAGE, `'${command}' takes no name`);
let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const logger = createLogger('warn');
let stop = async (): Promise<void> => {};
let ownerUrl = config.DATABASE_URL;
if (!ownerUrl) {
  const secrets = await loadOrCreateDevSecrets(config.DATA_DIR);
  const embedded = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, port: config.EMBEDDED_POSTGRES_PORT, password: secrets.postgresPassword, logger });
  ownerUrl = embedded.ownerUrl;
  stop = () => embedded.stop();
}
const orm = await MikroORM.init(ormOptions({ clientUrl: ownerUrl, entities }));
const migrator = orm.getMigrator();
let exitCode = 0;
try {
  switch (command) {
    case 'create': {
      await migrator.up();
      const result = await migrator.createMigration(undefined, false, false, name);
      console.log(result.fileName ? `created ${result.fileName}` : 'no changes: the schema matches the entities');
      break;
    }
    case 'up': {
      const applied = await migrator.up();
      console.log(applied.length ? `applied ${applied.map((m) => m.name).join(', ')}` : 'nothing to apply');
      break;
    }
    case 'pending': {
      const pending = await migrator.getPendingMigrations();
      console.log(pending.length ? pending.map((m) => m.name).join('\n') : 'no pending migrations');
      break;
    }
    case 'check': {
      const needed = await migrator.checkMigrationNeeded();
      if (needed) {
        console.error('The entities differ from the committed migrations: run `npm run migrations -- create <name>`.');
        exitCode = 1;
      } else console.log('migrations are up to date with the entities');
      break;
    }
    default:
      usageError(USAGE, `unknown command '${command}'`);
  }
} finally {
  await orm.close(true);
  await stop();
}
process.exit(exitCode);
