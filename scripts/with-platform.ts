import { buildPlatform, openDatabase, type Platform } from '../src/composition.js';
import { ConfigError, loadConfig } from '../src/platform/config/config.js';
import { createLogger } from '../src/platform/logging/logger.js';

/** Runs a command-line task against the same database and modules the API uses. */
export async function withPlatform(task: (platform: Platform) => Promise<number>): Promise<never> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(process.env.LOG_LEVEL ?? 'info');
  const database = await openDatabase(config, logger);
  const platform = await buildPlatform(config, database, logger);
  let code = 1;
  try {
    code = await task(platform);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
  } finally {
    await platform.close();
    await database.stop();
  }
  process.exit(code);
}
