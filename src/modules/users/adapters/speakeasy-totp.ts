import { toDataURL } from 'qrcode';
import speakeasy from 'speakeasy';

import type { Totp } from '../ports.js';

const STEP_SECONDS = 30;
const DIGITS = 6;
const CODE = /^\d{6}$/;
// RFC 4226 asks for shared secrets of at least 128 bits: 26 base32 characters carry 130.
const SECRET = /^[A-Z2-7]{26,}$/;

/**
 * RFC 6238 codes as authenticator apps make them (SHA-1, six digits, 30 seconds). speakeasy is
 * unmaintained and forgiving in ways that matter here, so its input is checked first: its base32
 * decoder turns unknown characters into zero bits, its code check compares parsed integers, and a
 * time that is not a number makes it check the codes of 1970.
 */
export class SpeakeasyTotp implements Totp {
  generate(label: { issuer: string; account: string }): { secretBase32: string; otpauthUrl: string } {
    // Its own otpauth URL would carry the ASCII form of the secret and an unencoded label.
    const secret = speakeasy.generateSecret({ length: 20, otpauth_url: false });
    const secretBase32 = secret.base32;
    // speakeasy puts the label into the path as given, so the parts are encoded here; the colon
    // between them stays literal, as the key URI format expects.
    const otpauthUrl = speakeasy.otpauthURL({
      secret: secretBase32,
      encoding: 'base32',
      label: `${encodeURIComponent(label.issuer)}:${encodeURIComponent(label.account)}`,
      issuer: label.issuer,
      algorithm: 'sha1',
      digits: DIGITS,
      period: STEP_SECONDS,
    });
    return { secretBase32, otpauthUrl };
  }

  qrCode(otpauthUrl: string): Promise<string> {
    return toDataURL(otpauthUrl, { errorCorrectionLevel: 'M', margin: 1, width: 256 });
  }

  matchStep(secretBase32: string, code: string, at: Date): number | null {
    const secret = normaliseSecret(secretBase32);
    const token = code.replace(/\s+/g, '');
    const ms = at.getTime();
    if (secret === null || !CODE.test(token) || !Number.isFinite(ms)) return null;
    const match = speakeasy.totp.verifyDelta({
      secret,
      encoding: 'base32',
      token,
      window: 1,
      step: STEP_SECONDS,
      time: Math.floor(ms / 1000),
    });
    if (match === undefined) return null;
    return Math.floor(ms / 1000 / STEP_SECONDS) + match.delta;
  }
}

/** Apps show secrets grouped and in either case, and some stores keep the padding. */
function normaliseSecret(secretBase32: string): string | null {
  const secret = secretBase32.replace(/\s+/g, '').replace(/=+$/, '').toUpperCase();
  return SECRET.test(secret) ? secret : null;
}
