import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { linkDocument, type ChainLinkContent, type LinkFrame } from '../domain/log-chain.js';

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

/**
 * RFC 8785 sorts "prev" and "seq" after every other key but "v", and a quote inside a string is
 * always escaped, so the last occurrence of the slots is the link's own.
 */
const SLOTS = '"prev":null,"seq":0,';

export function linkFrame(link: Omit<ChainLinkContent, 'seq' | 'prevHash'>): LinkFrame {
  const text = canonicalLink({ ...link, seq: 0, prevHash: null });
  const at = text.lastIndexOf(SLOTS);
  if (at < 0) throw new Error('log chain link has no place for its number and previous hash');
  return { before: text.slice(0, at), after: `,${text.slice(at + SLOTS.length)}` };
}

/** The canonical text a frame becomes with its number and previous hash (what PostgreSQL builds). */
export function framedLink(frame: LinkFrame, seq: number, prevHash: string | null): string {
  return `${frame.before}"prev":${prevHash === null ? 'null' : `"${prevHash}"`},"seq":${seq}${frame.after}`;
}
