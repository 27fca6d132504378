import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { SecretBox } from '../../src/platform/crypto/secret-box.js';

const keyBytes = Buffer.alloc(32, 7);
const hexKey = keyBytes.toString('hex');
const userId = '5d1f7a2c-3b4e-4f60-8a9b-0c1d2e3f4a5b';
const otherUserId = '9e8d7c6b-5a49-4838-a726-1504f3e2d1c0';

/** Changes one character of one part to another valid base64url character. */
function tamper(sealed: string, part: number): string {
  const parts = sealed.split('.');
  const text = parts[part] ?? '';
  const first = text.charAt(0);
  parts[part] = (first === 'A' ? 'B' : 'A') + text.slice(1);
  return parts.join('.');
}

describe('SecretBox', () => {
  const box = new SecretBox(hexKey);

  it('opens what it sealed, with or without additional data', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    expect(sealed).to.match(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(box.open(sealed)).to.equal('JBSWY3DPEHPK3PXP');
    expect(box.open(box.seal('geheim ë', userId), userId)).to.equal('geheim ë');
    expect(box.open(box.seal(''))).to.equal('');
  });

  it('uses a fresh IV each time', () => {
    const a = box.seal('same');
    const b = box.seal('same');
    expect(a).not.to.equal(b);
    expect(a.split('.')[1]).not.to.equal(b.split('.')[1]);
  });

  it('refuses a value with any part changed', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP', userId);
    for (const part of [1, 2, 3]) {
      expect(() => box.open(tamper(sealed, part), userId), `part ${part}`).to.throw('sealed value cannot be opened');
    }
    expect(() => box.open(sealed.replace(/^v1/, 'v2'), userId)).to.throw('sealed value cannot be opened');
  });

  it('refuses malformed values', () => {
    const [version, iv, tag, ciphertext] = box.seal('JBSWY3DPEHPK3PXP').split('.');
    for (const bad of [
      '',
      'v1',
      'v1...',
      `${version}.${iv}.${tag}`,
      `${version}.${iv}.${tag}.${ciphertext}.extra`,
      `${version}.${iv}.${tag?.slice(0, 11)}.${ciphertext}`,
      `${version}.${iv}x.${tag}.${ciphertext}`,
      `${version}.${iv}.${tag}.${ciphertext}!`,
    ]) {
      expect(() => box.open(bad), JSON.stringify(bad)).to.throw('sealed value cannot be opened');
    }
  });

  it('refuses a value sealed under another key', () => {
    const sealed = new SecretBox(randomBytes(32).toString('hex')).seal('JBSWY3DPEHPK3PXP');
    expect(() => box.open(sealed)).to.throw('sealed value cannot be opened');
  });

  it('refuses a value moved to another owner', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP', userId);
    expect(() => box.open(sealed, otherUserId)).to.throw('sealed value cannot be opened');
    expect(() => box.open(sealed)).to.throw('sealed value cannot be opened');
    expect(() => box.open(box.seal('JBSWY3DPEHPK3PXP'), userId)).to.throw('sealed value cannot be opened');
  });

  it('reads the same key as hex, base64 or base64url', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    for (const key of [hexKey.toUpperCase(), keyBytes.toString('base64'), keyBytes.toString('base64url'), `${hexKey}\n`]) {
      expect(new SecretBox(key).open(sealed), key).to.equal('JBSWY3DPEHPK3PXP');
    }
  });

  it('refuses keys that are not 32 bytes', () => {
    for (const key of [
      '',
      'correct horse battery staple',
      hexKey.slice(2),
      `${hexKey}00`,
      `${hexKey.slice(1)}g`,
      randomBytes(16).toString('base64'),
      randomBytes(31).toString('base64'),
      randomBytes(33).toString('base64url'),
      `${keyBytes.toString('base64').slice(1)}*`,
    ]) {
      expect(() => new SecretBox(key), key).to.throw('the encryption key must be 32 bytes, as 64 hex characters or base64');
    }
  });

  it('fingerprints a value with a keyed hash: equal for equal values, different per purpose and per key, never the value', () => {
    const email = 'onbekend@voorbeeld.nl';
    const print = box.fingerprint(email, 'sign-in e-mail');
    expect(print).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(print).to.not.include('onbekend');
    expect(box.fingerprint(email, 'sign-in e-mail')).to.equal(print);
    expect(new SecretBox(keyBytes.toString('base64')).fingerprint(email, 'sign-in e-mail')).to.equal(print);
    expect(box.fingerprint('ander@voorbeeld.nl', 'sign-in e-mail')).to.not.equal(print);
    expect(box.fingerprint(email, 'another purpose')).to.not.equal(print);
    expect(new SecretBox(Buffer.alloc(32, 8).toString('hex')).fingerprint(email, 'sign-in e-mail')).to.not.equal(print);
  });
});
