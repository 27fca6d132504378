import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { linkDocument, type ChainLinkContent } from '../domain/log-chain.js';

/** The bytes that are hashed: RFC 8785 canonical JSON of the link document, so any reader can recompute them. */
export function canonicalLink(link: ChainLinkContent): string {
  const text = canonicalize(linkDocument(link));
  if (text === undefined) throw new Error('log chain link cannot be canonicalised');
  return text;
}

/** SHA-256 (hex) over the canonical link. */
export function linkHash(link: ChainLinkContent): string {
  return createHash('sha256').update(canonicalLink(link), 'utf8').digest('hex');
}
