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
import { loadConfig } from '../src/platform/config/config.js';
import { loadOrCreateDevSecrets } from '../src/platform/database/dev-secrets.js';
import { startEmbeddedPostgres } from '../src/platform/database/embedded-postgres.js';
import { ormOptions } from '../src/platform/database/orm-config.js';
import { createLogger } from '../src/platform/logging/logger.js';

const [command = 'pending', name] = process.argv.slice(2);
const config = loadConfig();
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
      console.error(`unknown command '${command}': use create, up, pending or check`);
      exitCode = 2;
  }
} finally {
  await orm.close(true);
  await stop();
}
process.exit(exitCode);
