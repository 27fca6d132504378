import { defineConfig, type Options } from '@mikro-orm/postgresql';
import type { EntitySchema } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Running from TypeScript sources (tsx) or from the build in dist/: migrations sit beside either. */
const fromSources = import.meta.url.endsWith('.ts');
export const migrationsDirectory = path.resolve(here, '../../../migrations');

export const TENANT_FILTER = 'tenant';

/**
 * Every entity whose schema has a `tenantId` property is tenant-owned: the tenant filter is on
 * for it by default and needs its argument, so a query without a tenant fails instead of
 * returning every tenant's rows. Row-level security in PostgreSQL is the second line.
 */
export function ormOptions(options: {
  clientUrl: string;
  entities: EntitySchema[];
  poolMax?: number;
  debug?: boolean;
}): Options {
  const tenantOwned = options.entities
    .filter((schema) => 'tenantId' in schema.meta.properties)
    .map((schema) => schema.meta.className);
  return defineConfig({
    clientUrl: options.clientUrl,
    entities: options.entities,
    extensions: [Migrator],
    preferTs: fromSources,
    discovery: { warnWhenNoEntities: false },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    ignoreUndefinedInQuery: true,
    pool: { min: 0, max: options.poolMax ?? 10 },
    debug: options.debug ?? false,
    filters: {
      [TENANT_FILTER]: {
        name: TENANT_FILTER,
        cond: (args: { tenantId: string }) => ({ tenantId: args.tenantId }),
        entity: tenantOwned,
        default: true,
      },
    },
    migrations: {
      path: migrationsDirectory,
      pathTs: migrationsDirectory,
      glob: fromSources ? '!(*.d).ts' : '*.js',
      transactional: true,
      silent: true,
      allOrNothing: true,
      snapshot: true,
      snapshotName: '.snapshot-crisis-platform',
      emit: 'ts',
      fileName: (timestamp: string, name?: string) => `Migration${timestamp}${name ? '_' + name.replace(/[^A-Za-z0-9]+/g, '_') : ''}`,
    },
  });
}
