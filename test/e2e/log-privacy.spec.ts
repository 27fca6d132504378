import { expect } from 'chai';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { buildPlatform, type Platform } from '../../src/composition.js';
import { PLATFORM } from '../../src/platform/container/tokens.js';
import { createLogger, type Logger } from '../../src/platform/logging/logger.js';
import { PASSWORD, onboardTenant } from '../helpers/fixtures.js';
import { RecordingMailer } from '../helpers/recording-mailer.js';
import { env } from '../helpers/test-env.js';

/** The whole log of a started app, as the real logger writes it. */
class CapturedLog extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

describe('logs keep secrets and personal data out', () => {
  const log = new CapturedLog();
  const mailer = new RecordingMailer();
  let platform: Platform;
  let server: ReturnType<Platform['app']['listen']>;
  let base: string;

  before(async function () {
    this.timeout(60_000);
    platform = await buildPlatform(env().config, env().database, createLogger('debug', log), { mailer, clock: env().clock });
    server = platform.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    await platform.close();
  });

  async function post(path: string, body: unknown, token?: string): Promise<Response> {
    return fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  }

  it('logs an activation, a password reset and a failing query without a token, a password or a person’s data', async function () {
    this.timeout(60_000);
    const tenant = await onboardTenant('Logboek Zonder Geheimen');
    const email = `geheim.persoon@${tenant.slug}.test`;
    const name = 'Geertruida Geheimhouder';
    const phone = '+31 6 98765432';
    const invited = await post('/v1/users', { email, name, phone, roles: ['member'] }, tenant.adminToken);
    expect(invited.status, await invited.clone().text()).to.equal(201);

    // Activation: the page as the mail's link opens it, then the API call the page makes.
    const activationToken = mailer.activationTokenFor(email);
    expect((await fetch(`${base}/activate?token=${encodeURIComponent(activationToken)}`)).status).to.equal(200);
    expect((await post('/v1/auth/activate', { token: activationToken, password: PASSWORD })).status).to.equal(204);

    // Password reset: request, open the link, confirm.
    expect((await post('/v1/auth/password-reset', { tenant: tenant.slug, email })).status).to.be.within(200, 204);
    const resetLink = /https?:\/\/\S+\/reset-password\?token=(\S+)/.exec(mailer.lastTo(email).text);
    expect(resetLink, 'a reset link in the mail').to.not.equal(null);
    const resetToken = decodeURIComponent(resetLink![1]!);
    expect((await fetch(`${base}/reset-password?token=${encodeURIComponent(resetToken)}&code=123456&sig=abcdef0123`)).status).to.equal(200);
    expect((await post('/v1/auth/password-reset/confirm', { token: resetToken, password: `${PASSWORD}-nieuw` })).status).to.equal(204);

    // A failing query that carries the person's data, logged as the error handler logs a bug.
    const failure = await platform.uow
      .run(tenant.id, () =>
        platform.uow.em().execute(`insert into users (id, tenant_id, email, name, phone) values (?, ?, ?, ?, ?)`, [invited.headers.get('location')!.split('/').at(-1)!, tenant.id, email, name, phone]),
      )
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(failure, 'the insert must fail').to.be.instanceOf(Error);
    expect(String((failure as Error).message)).to.contain(email); // the driver's own message does carry it
    platform.container.get<Logger>(PLATFORM.Logger).error({ err: failure }, 'unhandled error');

    const text = log.text;
    expect(text).to.contain('/activate?token=[redacted]');
    expect(text).to.contain('/reset-password?token=[redacted]&code=[redacted]&sig=[redacted]');
    expect(text).to.match(/SQLSTATE [0-9A-Z]{5}/);
    const secrets = [activationToken, encodeURIComponent(activationToken), resetToken, activationToken.split('.')[1]!, resetToken.split('.').at(-1)!, '123456', 'abcdef0123', PASSWORD, tenant.adminToken];
    const personal = [email, name, phone, 'Geheimhouder', '98765432'];
    for (const needle of [...secrets, ...personal]) expect(text, `the log shows ${needle}`).not.to.contain(needle);
  });
});
