import { buildPlatform, openDatabase, type Database, type Platform, type PlatformOverrides } from '../src/composition.js';
import { ConfigError, loadConfig } from '../src/platform/config/config.js';
import { createLogger, describeError, logFormatFor } from '../src/platform/logging/logger.js';

/** Runs a command-line task against the same database and modules the API uses. */
export async function withPlatform(task: (platform: Platform) => Promise<number>, overrides: PlatformOverrides = {}): Promise<never> {
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
  const logger = createLogger(config.LOG_LEVEL, undefined, {
    format: logFormatFor({ logFormat: config.LOG_FORMAT, nodeEnv: config.NODE_ENV, isTTY: process.stdout.isTTY }),
  });
  let database: Database;
  let platform: Platform;
  try {
    database = await openDatabase(config, logger);
  } catch (error) {
    console.error(`Cannot open the database: ${describeError(error)}`);
    process.exit(1);
  }
  try {
    platform = await buildPlatform(config, database, logger, overrides);
  } catch (error) {
    console.error(`Cannot start the platform: ${describeError(error)}`);
    await database.stop();
    process.exit(1);
  }
  let code = 1;
  try {
    code = await task(platform);
  } catch (error) {
    console.error(describeError(error));
  } finally {
    await platform.close();
    await database.stop();
  }
  process.exit(code);
}
