import { expect } from 'chai';
import { addUser, onboardTenant, PASSWORD } from '../helpers/fixtures.js';
import { call } from '../helpers/http.js';
import { env } from '../helpers/test-env.js';

const COOKIE_MODE = { 'x-session-transport': 'cookie' };

function refreshCookieOf(headers: Headers): string {
  const cookie = headers.getSetCookie().find((line) => line.startsWith('crisis_refresh='));
  expect(cookie, 'a crisis_refresh cookie').to.be.a('string');
  return cookie!;
}

describe('The console session: refresh token in an HttpOnly cookie', () => {
  it('sets the refresh token only as a strict HttpOnly cookie on the refresh path, renews from it, and rotates it', async () => {
    const tenant = await onboardTenant();
    const member = await addUser(tenant, ['member']);
    const login = await call('POST', '/v1/auth/login', { headers: COOKIE_MODE, body: { tenant: tenant.slug, email: member.email, password: PASSWORD } });
    expect(login.status, login.text).to.equal(200);
    expect(login.body.accessToken).to.be.a('string');
    expect(login.body).not.to.have.property('refreshToken');
    const cookie = refreshCookieOf(login.headers);
    expect(cookie).to.match(/; Path=\/v1\/auth\/refresh/);
    expect(cookie).to.match(/; HttpOnly/);
    expect(cookie).to.match(/; SameSite=Strict/);
    // Plain HTTP here: Secure would stop the browser from ever sending it back.
    expect(cookie).not.to.match(/; Secure/);

    const pair = cookie.split(';')[0]!;
    const renewed = await call('POST', '/v1/auth/refresh', { headers: { ...COOKIE_MODE, cookie: pair, origin: env().baseUrl } });
    expect(renewed.status, renewed.text).to.equal(200);
    expect(renewed.body).not.to.have.property('refreshToken');
    const next = refreshCookieOf(renewed.headers).split(';')[0]!;
    expect(next).not.to.equal(pair);
    expect((await call('GET', '/v1/me', { token: renewed.body.accessToken })).status).to.equal(200);
  });

  it('refuses a cookie refresh without the console header or from another origin, and a revoked session answers 401 and clears the cookie', async () => {
    const tenant = await onboardTenant();
    const member = await addUser(tenant, ['member']);
    const login = await call('POST', '/v1/auth/login', { headers: COOKIE_MODE, body: { tenant: tenant.slug, email: member.email, password: PASSWORD } });
    const pair = refreshCookieOf(login.headers).split(';')[0]!;

    // A cross-site form can send the cookie (were it not Strict) but never the custom header.
    const bare = await call('POST', '/v1/auth/refresh', { headers: { cookie: pair }, body: {} });
    expect(bare.status, bare.text).to.equal(400);
    const crossSite = await call('POST', '/v1/auth/refresh', { headers: { ...COOKIE_MODE, cookie: pair, origin: 'https://evil.example' } });
    expect(crossSite.status, crossSite.text).to.equal(403);
    expect(crossSite.headers.get('content-type')).to.match(/problem\+json/);

    const out = await call('POST', '/v1/auth/logout', { headers: COOKIE_MODE, token: login.body.accessToken });
    expect(out.status).to.equal(204);
    expect(refreshCookieOf(out.headers)).to.match(/Expires=Thu, 01 Jan 1970/);
    const revoked = await call('POST', '/v1/auth/refresh', { headers: { ...COOKIE_MODE, cookie: pair } });
    expect(revoked.status, revoked.text).to.equal(401);
    expect(refreshCookieOf(revoked.headers)).to.match(/Expires=Thu, 01 Jan 1970/);
    const none = await call('POST', '/v1/auth/refresh', { headers: COOKIE_MODE });
    expect(none.status, none.text).to.equal(401);
  });

  it('still refreshes from the body for the apps', async () => {
    const tenant = await onboardTenant();
    const member = await addUser(tenant, ['member']);
    const login = await call('POST', '/v1/auth/login', { body: { tenant: tenant.slug, email: member.email, password: PASSWORD } });
    expect(login.headers.getSetCookie()).to.deep.equal([]);
    const renewed = await call('POST', '/v1/auth/refresh', { body: { refreshToken: login.body.refreshToken } });
    expect(renewed.status, renewed.text).to.equal(200);
    expect(renewed.body.refreshToken).to.be.a('string');
  });
});
