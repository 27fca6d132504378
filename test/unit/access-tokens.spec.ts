import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import { SignJWT } from 'jose';
import { AccessTokens } from '../../src/platform/auth/access-tokens.js';
import { TestClock } from '../helpers/test-clock.js';

const secret = 'een-geheim-van-minstens-tweeendertig-tekens';

describe('access tokens', () => {
  it('carry tenant, user and roles, and grant the roles’ permissions', async () => {
    const tokens = new AccessTokens(secret, 900, new TestClock());
    const { accessToken, expiresIn } = await tokens.issue({ kind: 'user', tenantId: 't1', userId: 'u1', sessionId: 's1', roles: ['member'], enrolmentOnly: false });
    expect(expiresIn).to.equal(900);
    const principal = await tokens.verify(accessToken);
    expect(principal).to.include({ kind: 'user', tenantId: 't1', userId: 'u1' });
    expect(principal?.kind === 'user' && [...principal.permissions].sort()).to.deep.equal([
      'incidents.participate',
      'incidents.read',
      'me.content',
      'me.devices',
      'me.inbox',
      'me.privacy',
      'me.read',
      'me.second_factor',
      'me.write',
      'tenant.read',
    ]);
  });

  it('cannot be widened: a token claiming the operator role as a tenant user gets only tenant permissions', async () => {
    const forged = await new SignJWT({ kind: 'user', tid: 't1', sid: 's1', roles: ['operator', 'member'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u1')
      .setIssuer('crisis-platform')
      .setAudience('crisis-platform-api')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(secret));
    const principal = await new AccessTokens(secret, 900, new TestClock()).verify(forged);
    expect(principal?.permissions.has('platform.tenants.manage')).to.equal(false);
  });

  it('are refused when signed with another key, expired, or malformed', async () => {
    const clock = new TestClock();
    const tokens = new AccessTokens(secret, 60, clock);
    const other = new AccessTokens('een-ander-geheim-van-minstens-tweeendertig', 60, clock);
    const { accessToken } = await other.issue({ kind: 'operator', operatorId: 'o1' });
    expect(await tokens.verify(accessToken)).to.equal(null);
    const own = await tokens.issue({ kind: 'operator', operatorId: 'o1' });
    clock.advance(61_000);
    expect(await tokens.verify(own.accessToken)).to.equal(null);
    expect(await tokens.verify('a.b.c')).to.equal(null);
  });

  it('are refused when the header names another algorithm or a critical extension, the audience is another, or the token is not valid yet', async () => {
    const clock = new TestClock();
    const tokens = new AccessTokens(secret, 900, clock);
    const { accessToken } = await tokens.issue({ kind: 'operator', operatorId: 'o1' });
    const [, body] = accessToken.split('.') as [string, string, string];
    const signed = (header: Record<string, unknown>) => {
      const head = Buffer.from(JSON.stringify(header)).toString('base64url');
      return `${head}.${body}.${createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url')}`;
    };
    expect(await tokens.verify(signed({ alg: 'HS256', typ: 'JWT' }))).to.include({ kind: 'operator' });
    expect(await tokens.verify(signed({ alg: 'none' }))).to.equal(null);
    expect(await tokens.verify(signed({ alg: 'HS512' }))).to.equal(null);
    expect(await tokens.verify(signed({ alg: 'HS256', crit: ['exp'] }))).to.equal(null);
    const challenge = await tokens.issueChallenge({ tenantId: 't1', userId: 'u1', device: { name: null, platform: null, appVersion: null } });
    expect(await tokens.verify(challenge.challengeToken)).to.equal(null);
    expect(await tokens.verifyChallenge(challenge.challengeToken)).to.include({ tenantId: 't1', userId: 'u1' });
    expect(await tokens.verifyChallenge(accessToken)).to.equal(null);
    const later = await new SignJWT({ kind: 'operator' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('o1')
      .setIssuer('crisis-platform')
      .setAudience('crisis-platform-api')
      .setNotBefore(new Date(clock.now().getTime() + 60_000))
      .setExpirationTime(new Date(clock.now().getTime() + 600_000))
      .sign(new TextEncoder().encode(secret));
    expect(await tokens.verify(later)).to.equal(null);
    clock.advance(61_000);
    expect(await tokens.verify(later)).to.include({ kind: 'operator' });
  });
});
