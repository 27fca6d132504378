import { expect } from 'chai';
import speakeasy from 'speakeasy';
import { RecoveryCodeGenerator } from '../../src/modules/users/adapters/recovery-codes.js';
import { SpeakeasyTotp } from '../../src/modules/users/adapters/speakeasy-totp.js';

// The RFC 6238 test secret, "12345678901234567890", in base32.
const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const t = Math.floor(new Date('2026-11-23T09:00:10Z').getTime() / 1000);
const at = new Date(t * 1000);
const step = Math.floor(t / 30);
const codeAt = (seconds: number) => speakeasy.totp({ secret, encoding: 'base32', time: seconds });

describe('SpeakeasyTotp', () => {
  const totp = new SpeakeasyTotp();

  it('generates a base32 secret and an otpauth URL naming issuer and account', () => {
    const { secretBase32, otpauthUrl } = totp.generate({ issuer: 'Crisis Platform', account: 'm.devries+test@example.nl' });
    expect(secretBase32).to.match(/^[A-Z2-7]{32,}$/);
    expect(otpauthUrl).not.to.contain(' ');
    const url = new URL(otpauthUrl);
    expect(url.protocol).to.equal('otpauth:');
    expect(url.host).to.equal('totp');
    expect(url.pathname).to.equal('/Crisis%20Platform:m.devries%2Btest%40example.nl');
    expect(decodeURIComponent(url.pathname)).to.equal('/Crisis Platform:m.devries+test@example.nl');
    expect(url.searchParams.get('secret')).to.equal(secretBase32);
    expect(url.searchParams.get('issuer')).to.equal('Crisis Platform');
    expect(url.searchParams.get('algorithm')).to.equal('SHA1');
    expect(url.searchParams.get('digits')).to.equal('6');
    expect(url.searchParams.get('period')).to.equal('30');
  });

  it('generates a different secret each time', () => {
    const label = { issuer: 'Crisis Platform', account: 'a@b.nl' };
    expect(totp.generate(label).secretBase32).not.to.equal(totp.generate(label).secretBase32);
  });

  it('draws the URL as a PNG data URL', async () => {
    const { otpauthUrl } = totp.generate({ issuer: 'Crisis Platform', account: 'a@b.nl' });
    const dataUrl = await totp.qrCode(otpauthUrl);
    expect(dataUrl.startsWith('data:image/png;base64,')).to.equal(true);
    const png = Buffer.from(dataUrl.slice('data:image/png;base64,'.length), 'base64');
    expect([...png.subarray(0, 8)]).to.deep.equal([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  it('agrees with the RFC 6238 test vector', () => {
    expect(totp.matchStep(secret, '287082', new Date(59_000))).to.equal(1);
  });

  it('matches a current code to its step', () => {
    expect(totp.matchStep(secret, codeAt(t), at)).to.equal(step);
  });

  it('accepts codes one step early or late, and says which step they belong to', () => {
    expect(totp.matchStep(secret, codeAt(t - 30), at)).to.equal(step - 1);
    expect(totp.matchStep(secret, codeAt(t + 30), at)).to.equal(step + 1);
  });

  it('refuses codes further away', () => {
    expect(totp.matchStep(secret, codeAt(t - 90), at)).to.equal(null);
    expect(totp.matchStep(secret, codeAt(t + 90), at)).to.equal(null);
  });

  it('accepts a code typed with spaces', () => {
    const code = codeAt(t);
    expect(totp.matchStep(secret, ` ${code.slice(0, 3)} ${code.slice(3)} `, at)).to.equal(step);
  });

  it('refuses codes that are not six digits', () => {
    const code = codeAt(t);
    expect(totp.matchStep(secret, code.slice(1), at)).to.equal(null);
    expect(totp.matchStep(secret, `${code}0`, at)).to.equal(null);
    expect(totp.matchStep(secret, 'abcdef', at)).to.equal(null);
    expect(totp.matchStep(secret, `${code.slice(0, 5)}a`, at)).to.equal(null);
    expect(totp.matchStep(secret, '', at)).to.equal(null);
  });

  it('refuses an empty, short or malformed secret, and a time that is not one', () => {
    const code = codeAt(t);
    expect(totp.matchStep('', code, at)).to.equal(null);
    expect(totp.matchStep('   ', code, at)).to.equal(null);
    expect(totp.matchStep('GEZDGNBV', code, at)).to.equal(null);
    expect(totp.matchStep(`${secret.slice(0, -1)}1`, code, at)).to.equal(null);
    expect(totp.matchStep(secret, code, new Date(Number.NaN))).to.equal(null);
  });

  it('reads the secret in any case, grouped or padded', () => {
    const grouped = secret.toLowerCase().replace(/(.{4})/g, '$1 ');
    expect(totp.matchStep(grouped, codeAt(t), at)).to.equal(step);
    expect(totp.matchStep(`${secret}====`, codeAt(t), at)).to.equal(step);
  });
});

describe('RecoveryCodeGenerator', () => {
  const codes = new RecoveryCodeGenerator();

  it('generates ten distinct codes of three groups of four', () => {
    const list = codes.generate();
    expect(list).to.have.length(10);
    expect(new Set(list).size).to.equal(10);
    for (const code of list) expect(code).to.match(/^[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}$/);
  });

  it('generates as many as asked', () => {
    expect(codes.generate(0)).to.deep.equal([]);
    expect(new Set(codes.generate(200)).size).to.equal(200);
    expect(() => codes.generate(-1)).to.throw(RangeError);
    expect(() => codes.generate(1.5)).to.throw(RangeError);
  });

  it('normalises what people type', () => {
    expect(codes.normalise('K7M2 Q9XP 4HFD')).to.equal('k7m2-q9xp-4hfd');
    expect(codes.normalise('k7m2q9xp4hfd')).to.equal('k7m2-q9xp-4hfd');
    expect(codes.normalise(' k7-m2q9 -xp4h fd ')).to.equal('k7m2-q9xp-4hfd');
  });

  it('hashes the same code the same way however it is written', () => {
    const hash = codes.hash('k7m2-q9xp-4hfd');
    expect(hash).to.match(/^[0-9a-f]{64}$/);
    expect(codes.hash('K7M2 Q9XP 4HFD')).to.equal(hash);
    expect(codes.hash('k7m2q9xp4hfd')).to.equal(hash);
    expect(codes.hash('k7m2-q9xp-4hfe')).not.to.equal(hash);
  });
});
