import { createHash, randomBytes } from 'node:crypto';
import type { SecretTokens } from '../ports.js';

/**
 * 256-bit random secrets. A fast hash is enough to store them: unlike passwords they cannot be
 * guessed, so the stored SHA-256 only keeps a database reader from using them.
 */
export class RandomSecretTokens implements SecretTokens {
  create(): { secret: string; hash: string } {
    const secret = randomBytes(32).toString('base64url');
    return { secret, hash: this.hash(secret) };
  }

  hash(secret: string): string {
    return createHash('sha256').update(secret).digest('hex');
  }
}
