import { createCipheriv, createDecipheriv, createHmac, createSecretKey, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
// 96-bit IVs are what GCM is specified for; random ones stay safe for far more values than one
// key will ever seal here (the bound is about 2^32).
const IV_BYTES = 12;
// Fixed so that a value carrying a truncated tag is refused instead of checked against fewer bits.
const TAG_BYTES = 16;

const HEX_KEY = /^[0-9a-fA-F]{64}$/;
const BASE64_KEY = /^[A-Za-z0-9+/_-]{43}=?$/;
const BASE64URL_PART = /^[A-Za-z0-9_-]*$/;

const KEY_ERROR = 'the encryption key must be 32 bytes, as 64 hex characters or base64';
const OPEN_ERROR = 'sealed value cannot be opened';

/**
 * Encrypts small secrets (TOTP seeds and the like) before they are stored, so a database dump
 * alone does not reveal them. Pass the row's owner as `aad` to both calls: the value then only
 * opens where it was sealed, and cannot be copied onto another user's row.
 */
export class SecretBox {
  private readonly key: KeyObject;
  private readonly fingerprintKey: Buffer;

  constructor(key: string) {
    const bytes = parseKey(key);
    this.key = createSecretKey(bytes);
    // A key of its own for fingerprints, derived from the server secret: never the sealing key itself.
    this.fingerprintKey = Buffer.from(hkdfSync('sha256', bytes, Buffer.alloc(0), 'fingerprint v1', KEY_BYTES));
  }

  /**
   * A keyed hash (HMAC-SHA256) of a value, for `purpose`: equal values give equal fingerprints, so
   * records can be correlated (repeated failed sign-ins for one typed e-mail) without keeping the
   * value, and without the server secret nobody can test a guess against it.
   */
  fingerprint(value: string, purpose: string): string {
    return createHmac('sha256', this.fingerprintKey).update(purpose).update('\0').update(value, 'utf8').digest('base64url');
  }

  seal(plaintext: string, aad?: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key, iv, { authTagLength: TAG_BYTES });
    if (aad !== undefined) cipher.setAAD(Buffer.from(aad, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, iv.toString('base64url'), tag.toString('base64url'), ciphertext.toString('base64url')].join('.');
  }

  open(sealed: string, aad?: string): string {
    // One message whatever went wrong: which check failed is of use only to someone probing.
    try {
      const parts = sealed.split('.');
      if (parts.length !== 4 || parts[0] !== VERSION) throw new Error(OPEN_ERROR);
      const iv = decodePart(parts[1]);
      const tag = decodePart(parts[2]);
      const ciphertext = decodePart(parts[3]);
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error(OPEN_ERROR);
      const decipher = createDecipheriv(ALGORITHM, this.key, iv, { authTagLength: TAG_BYTES });
      decipher.setAuthTag(tag);
      if (aad !== undefined) decipher.setAAD(Buffer.from(aad, 'utf8'));
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new Error(OPEN_ERROR);
    }
  }
}

function parseKey(key: string): Buffer {
  // Keys usually come from environment variables or files, where a trailing newline is common.
  const text = key.trim();
  if (HEX_KEY.test(text)) return Buffer.from(text, 'hex');
  if (BASE64_KEY.test(text)) {
    // Node's base64 decoder reads both alphabets, but it also skips what it does not understand,
    // hence the pattern above and the length check here.
    const bytes = Buffer.from(text, 'base64');
    if (bytes.length === KEY_BYTES) return bytes;
  }
  throw new Error(KEY_ERROR);
}

/**
 * Strict base64url: Node's decoder skips stray characters and ignores unused trailing bits, so
 * the value must encode back to exactly what was given.
 */
function decodePart(part: string | undefined): Buffer {
  if (part === undefined || !BASE64URL_PART.test(part)) throw new Error(OPEN_ERROR);
  const bytes = Buffer.from(part, 'base64url');
  if (bytes.toString('base64url') !== part) throw new Error(OPEN_ERROR);
  return bytes;
}
