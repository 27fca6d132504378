import { expect } from 'chai';
import { ConfigError, configDocumentation, loadConfig } from '../../src/platform/config/config.js';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

function problemWith(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('configuration was accepted');
}

describe('configuration', () => {
  it('has working defaults for the embedded development setup', () => {
    const config = loadConfig({});
    expect(config).to.include({ PORT: 3000, NODE_ENV: 'development', DATA_DIR: './data', PUBLIC_URL: 'http://localhost:3000' });
    expect(config.DATABASE_URL).to.equal(undefined);
  });

  it('runs one api process unless production has Redis to share between them, then one per core', () => {
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://o@db/app', DATABASE_APP_PASSWORD: 'x'.repeat(20), JWT_SECRET: 'j'.repeat(32), SECRETS_ENCRYPTION_KEY: 'a'.repeat(64) };
    expect(loadConfig({}).API_PROCESSES).to.equal(1);
    expect(loadConfig({ NODE_ENV: 'test', REDIS_URL: 'redis://localhost:6379' }).API_PROCESSES).to.equal(1);
    expect(loadConfig(production).API_PROCESSES).to.equal(1);
    expect(loadConfig({ ...production, REDIS_URL: 'redis://localhost:6379' }).API_PROCESSES).to.equal(Math.min(64, availableParallelism()));
    expect(loadConfig({ ...production, REDIS_URL: 'redis://localhost:6379', API_PROCESSES: '1' }).API_PROCESSES).to.equal(1);
    expect(loadConfig({ REDIS_URL: 'redis://localhost:6379', API_PROCESSES: '3' }).API_PROCESSES).to.equal(3);
  });

  it('converts and keeps good values', () => {
    const config = loadConfig({ PORT: '8080', VALIDATE_RESPONSES: 'true', ACCESS_TOKEN_TTL_SECONDS: '300', DATABASE_URL: 'postgres://o@db/app', DATABASE_APP_PASSWORD: 'x'.repeat(20) });
    expect(config).to.include({ PORT: 8080, VALIDATE_RESPONSES: true, ACCESS_TOKEN_TTL_SECONDS: 300 });
  });

  const bad: Array<[Record<string, string>, RegExp]> = [
    [{ PORT: 'abc' }, /^Configuration error: PORT must be a whole number from 0 to 65535 \(got 'abc'\)$/],
    [{ PORT: '70000' }, /^Configuration error: PORT /],
    [{ NODE_ENV: 'staging' }, /^Configuration error: NODE_ENV /],
    [{ LOG_FORMAT: 'xml' }, /^Configuration error: LOG_FORMAT must be json or pretty \(got 'xml'\)$/],
    [{ DATABASE_URL: 'mysql://localhost/x' }, /^Configuration error: DATABASE_URL .*\(value hidden\)$/],
    [{ DATABASE_URL: 'postgres://o@db/app' }, /^Configuration error: DATABASE_APP_PASSWORD is required when DATABASE_URL is set/],
    [{ JWT_SECRET: 'te-kort' }, /^Configuration error: JWT_SECRET must be at least 32 characters \(value hidden\)$/],
    [{ NODE_ENV: 'production', DATABASE_URL: 'postgres://o@db/app', DATABASE_APP_PASSWORD: 'x'.repeat(20) }, /^Configuration error: JWT_SECRET is required when NODE_ENV=production/],
    [{ MAIL_TRANSPORT: 'smtp' }, /^Configuration error: SMTP_URL is required when MAIL_TRANSPORT=smtp/],
    [{ BODY_LIMIT: 'veel' }, /^Configuration error: BODY_LIMIT must look like '1mb' or '512kb'/],
    [{ DATABASE_APP_ROLE: 'Robert; drop table' }, /^Configuration error: DATABASE_APP_ROLE must be a lower-case PostgreSQL role name/],
    [{ PUBLIC_URL: 'ftp://example.org' }, /^Configuration error: PUBLIC_URL /],
    [{ API_PROCESSES: '2' }, /^Configuration error: API_PROCESSES above 1 needs REDIS_URL: live feeds, rate limits and queues are shared between the processes through Redis \(got '2'\)$/],
    [{ API_PROCESSES: '0' }, /^Configuration error: API_PROCESSES must be a whole number from 1 to 64/],
  ];
  for (const [env, message] of bad) {
    it(`refuses ${JSON.stringify(env)} with one line naming the variable`, () => {
      const text = problemWith(env);
      expect(text).to.match(message);
      expect(text).not.to.contain('\n');
    });
  }

  it('documents every variable in the README table', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const entry of configDocumentation) expect(readme, entry.name).to.contain(`| \`${entry.name}\` |`);
  });
});
