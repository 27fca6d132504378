import { createHash, randomInt } from 'node:crypto';

// No i, l, o, 0 or 1: codes are read off paper and typed in under stress.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const GROUPS = 3;
const GROUP_LENGTH = 4;

/**
 * One-time codes for signing in when the authenticator is lost. Twelve characters from 31 give
 * about 59 bits each: too many to guess online, where attempts are rate-limited.
 */
export class RecoveryCodeGenerator {
  generate(count = 10): string[] {
    if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a non-negative integer');
    const codes = new Set<string>();
    while (codes.size < count) codes.add(this.one());
    return [...codes];
  }

  /** Accepts what people type: any case, with spaces or dashes anywhere or not at all. */
  normalise(input: string): string {
    const compact = input.toLowerCase().replace(/[\s-]+/g, '');
    const groups: string[] = [];
    for (let i = 0; i < compact.length; i += GROUP_LENGTH) groups.push(compact.slice(i, i + GROUP_LENGTH));
    return groups.join('-');
  }

  hash(code: string): string {
    return createHash('sha256').update(this.normalise(code)).digest('hex');
  }

  private one(): string {
    const groups: string[] = [];
    for (let g = 0; g < GROUPS; g++) {
      let group = '';
      for (let c = 0; c < GROUP_LENGTH; c++) group += ALPHABET.charAt(randomInt(ALPHABET.length));
      groups.push(group);
    }
    return groups.join('-');
  }
}
