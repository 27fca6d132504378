import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** SHA-256 (hex) over the RFC 8785 canonical JSON of a situation-picture version's document. */
export function pictureHash(document: Record<string, unknown>): string {
  const text = canonicalize(document);
  if (text === undefined) throw new Error('situation picture version cannot be canonicalised');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
