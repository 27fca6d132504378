/**
 * npm run privacy:reapply-erasures
 * After a backup is restored, people erased since that backup was taken are back in it. The
 * erasure ledger (ids only, no personal data) names them: its copy in object storage, which the
 * restore did not roll back, and the table. This puts lines missing from the restored table back
 * and erases each subject again, tenant by tenant. Safe to run more than once. Backups older than 35 days are out of policy.
 */
import { parseCommandLine } from './command-line.js';

parseCommandLine('npm run privacy:reapply-erasures (it takes no arguments)', {});

// Loaded after the arguments are checked: a wrong one is refused at once, before the platform's modules load.
const { withPlatform } = await import('./with-platform.js');
const { reapplyErasures } = await import('../src/modules/privacy/module.js');
await withPlatform(async (platform) => {
  const outcome = await reapplyErasures(platform.container).execute();
  console.log(`erasure ledger re-applied: ${outcome.checked} entries in ${outcome.tenants} tenants, ${outcome.erasedAgain} subjects erased again, ${outcome.linesRestored} ledger lines restored from object storage`);
  return 0;
});
