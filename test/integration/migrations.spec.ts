import { MikroORM } from '@mikro-orm/postgresql';
import { expect } from 'chai';
import { entities } from '../../src/modules/index.js';
import { ormOptions } from '../../src/platform/database/orm-config.js';
import { env } from '../helpers/test-env.js';

describe('migrations', () => {
  it('are all applied, and the entities need no migration that has not been generated', async () => {
    const orm = await MikroORM.init(ormOptions({ clientUrl: env().database.ownerUrl, entities }));
    try {
      const migrator = orm.getMigrator();
      expect(await migrator.getPendingMigrations()).to.deep.equal([]);
      expect(await migrator.checkMigrationNeeded(), 'run `npm run migrations -- create <name>` and commit the result').to.equal(false);
    } finally {
      await orm.close(true);
    }
  });
});
