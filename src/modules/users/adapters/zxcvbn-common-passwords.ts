import { dictionary } from '@zxcvbn-ts/language-common';
import type { CommonPasswords } from '../ports.js';

/** The ~49,000 most common passwords that zxcvbn-ts ships, loaded once. */
export class ZxcvbnCommonPasswords implements CommonPasswords {
  private cached: ReadonlySet<string> | null = null;

  list(): ReadonlySet<string> {
    this.cached ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
    return this.cached;
  }
}
