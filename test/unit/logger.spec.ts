import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/platform/config/config.js';
import { createLogger, errorForLog, logFormatFor, redactUrl } from '../../src/platform/logging/logger.js';

function captured(): { text: () => string; stream: Writable } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { text: () => text, stream };
}

describe('logging', () => {
  it('is pretty at a terminal outside production, JSON otherwise, and LOG_FORMAT decides over both', () => {
    expect(logFormatFor({ nodeEnv: 'development', isTTY: true })).to.equal('pretty');
    expect(logFormatFor({ nodeEnv: 'test', isTTY: true })).to.equal('pretty');
    expect(logFormatFor({ nodeEnv: 'development', isTTY: false })).to.equal('json');
    expect(logFormatFor({ nodeEnv: 'production', isTTY: true })).to.equal('json');
    expect(logFormatFor({ logFormat: 'json', nodeEnv: 'development', isTTY: true })).to.equal('json');
    expect(logFormatFor({ logFormat: 'pretty', nodeEnv: 'production', isTTY: false })).to.equal('pretty');
    expect(loadConfig({ LOG_FORMAT: 'pretty' }).LOG_FORMAT).to.equal('pretty');
    expect(loadConfig({}).LOG_FORMAT).to.equal(undefined);
  });

  it('writes one JSON object per line, or a line for people with pino-pretty', () => {
    const json = captured();
    createLogger('info', json.stream, { format: 'json' }).info({ url: '/x' }, 'API listening');
    expect(JSON.parse(json.text())).to.include({ msg: 'API listening', level: 30 });

    const pretty = captured();
    createLogger('info', pretty.stream, { format: 'pretty' }).info({ url: '/x' }, 'API listening');
    expect(pretty.text()).to.match(/INFO.*API listening/);
    expect(() => JSON.parse(pretty.text()) as unknown).to.throw();
  });

  it('redacts credential-like query values of a URL and keeps the rest', () => {
    expect(redactUrl('/activate?token=abc.def')).to.equal('/activate?token=[redacted]');
    expect(redactUrl('/files/1/display?u=7&exp=99&sig=xyz')).to.equal('/files/1/display?u=7&exp=99&sig=[redacted]');
    expect(redactUrl('/x?code=1&api_key=2&client_secret=3&q=brand')).to.equal('/x?code=[redacted]&api_key=[redacted]&client_secret=[redacted]&q=brand');
    expect(redactUrl('/v1/users?search=Annet')).to.equal('/v1/users?search=Annet');
    expect(redactUrl('/v1/users')).to.equal('/v1/users');
    // Credentials in the path: answer links and the SMS provider's callback.
    expect(redactUrl('/a/AZMqD2v1TiiUwzmY5ZK6Gh3mQ0b8xVt1c2Jk9Lp0aQs')).to.equal('/a/[redacted]');
    expect(redactUrl('/v1/answer-links/AZMqD2v1TiiUwzmY5ZK6Gh3mQ0b8xVt1c2Jk9Lp0aQs/answer')).to.equal('/v1/answer-links/[redacted]/answer');
    expect(redactUrl('/v1/callbacks/sms/s3cr3t-s3cr3t?x=1')).to.equal('/v1/callbacks/sms/[redacted]?x=1');
    expect(redactUrl('/assets/app.js')).to.equal('/assets/app.js');
  });

  it('logs a database error by its class, SQLSTATE and constraint, without the values of its query', () => {
    const error = Object.assign(
      new Error(`insert into "users" ("email", "phone") values ('annet@zorg.example', '+31 6 1234') - duplicate key value violates unique constraint "users_tenant_email_unique"`),
      { name: 'UniqueConstraintViolationException', code: '23505', severity: 'ERROR', constraint: 'users_tenant_email_unique', detail: 'Key (email)=(annet@zorg.example) already exists.' },
    );
    const logged = JSON.stringify(errorForLog(error));
    expect(logged).to.contain('SQLSTATE 23505').and.to.contain('users_tenant_email_unique');
    expect(logged).not.to.contain('annet').and.not.to.contain('1234');
    const syntax = Object.assign(new Error('select 1 - invalid input syntax for type uuid: "Annet de Vries"'), { code: '22P02', severity: 'ERROR' });
    expect(JSON.stringify(errorForLog(syntax))).not.to.contain('Annet');
  });

  it('has every line written when the process ends at once: an exit, an uncaught exception, an unhandled rejection', function () {
    this.timeout(30_000);
    // pino's own destination writes asynchronously and flushes what is left when the process
    // exits; an operator reads the last lines before a crash, so none may stay behind.
    const logger = fileURLToPath(new URL('../../src/platform/logging/logger.ts', import.meta.url));
    for (const ending of ['process.exit(1)', 'setImmediate(() => { throw new Error("crash"); })', 'void Promise.reject(new Error("crash"))']) {
      const script = `const { createLogger } = await import(${JSON.stringify(logger)});
        const log = createLogger('info', undefined, { format: 'json' });
        for (let n = 0; n < 500; n++) log.info({ n }, 'request completed');
        ${ending};`;
      const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
      const lines = run.stdout.trim().split('\n');
      expect(run.status, ending).to.equal(1);
      expect(lines, ending).to.have.length(500);
      expect(JSON.parse(lines.at(-1) ?? '{}'), ending).to.include({ n: 499, msg: 'request completed' });
    }
  });
});
