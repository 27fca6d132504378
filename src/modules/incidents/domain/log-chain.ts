export const CHAIN_ALGORITHM = 'SHA-256';
export const CHAIN_CANONICALIZATION = 'RFC 8785 (JSON Canonicalization Scheme)';
/** Raised only with a new link format; links keep the version they were made with. */
export const CHAIN_VERSION = 1;

export type LinkKind = 'entry' | 'mark';

/**
 * One link of an incident's log chain: a posted entry or a coordinator's mark. What is hashed is
 * exactly this: no names (they change on erasure), only ids that stay the same for ever — the
 * author's user id, which erasure keeps while it strips the person behind it.
 */
export interface ChainLinkContent {
  incidentId: string;
  seq: number;
  kind: LinkKind;
  id: string;
  authorId: string;
  at: Date;
  content: Record<string, unknown>;
  prevHash: string | null;
}

/**
 * The document that is hashed, before canonicalisation: RFC 8785 canonical JSON of exactly this
 * object, SHA-256, hex (see LinkHasher's implementation in application/chain-hash.ts).
 */
export function linkDocument(link: ChainLinkContent): Record<string, unknown> {
  return {
    v: CHAIN_VERSION,
    incidentId: link.incidentId,
    seq: link.seq,
    kind: link.kind,
    id: link.id,
    authorId: link.authorId,
    at: link.at.toISOString(),
    content: link.content,
    prev: link.prevHash,
  };
}

/**
 * A link's canonical text around the two values that only the incident's chain head decides (its
 * number and the hash before it): the text is `before + "prev":<hash or null>,"seq":<n> + after`,
 * so the database can complete and hash it in the statement that takes the head, and no round
 * trip happens while the incident is locked.
 */
export interface LinkFrame {
  before: string;
  after: string;
}

/** Hashes a link (canonicalisation and SHA-256 live outside the domain). */
export type LinkHasher = (link: ChainLinkContent) => string;

export interface ChainHead {
  seq: number;
  hash: string;
}

export type BrokenReason = 'hash_mismatch' | 'previous_mismatch' | 'sequence' | 'head_mismatch' | 'mark_projection';

export type ChainVerdict =
  | { valid: true; links: number; head: ChainHead | null }
  | { valid: false; links: number; head: ChainHead | null; broken: BrokenLink };

export interface BrokenLink {
  seq: number;
  kind: LinkKind;
  id: string;
  reason: BrokenReason;
}

export interface StoredLink extends ChainLinkContent {
  hash: string | null;
}

/**
 * Recomputes the chain from the stored links (in sequence order) and names the first link that
 * does not hold: its own hash differs from its content (edited), it does not point to the link
 * before it (one removed or changed before it), or its number is out of order.
 */
export function verifyChain(links: Iterable<StoredLink>, storedHead: string | null, linkHash: LinkHasher): ChainVerdict {
  let previous: ChainHead | null = null;
  let last: StoredLink | null = null;
  let count = 0;
  for (const link of links) {
    count++;
    const fail = (reason: BrokenReason): ChainVerdict => ({ valid: false, links: count, head: previous, broken: { seq: link.seq, kind: link.kind, id: link.id, reason } });
    if (previous && link.seq <= previous.seq) return fail('sequence');
    if (link.prevHash !== (previous?.hash ?? null)) return fail('previous_mismatch');
    const recomputed = linkHash(link);
    if (recomputed !== link.hash) return fail('hash_mismatch');
    previous = { seq: link.seq, hash: recomputed };
    last = link;
  }
  // The incident records its last link: a log whose end was cut off ends at another one.
  if ((previous?.hash ?? null) !== storedHead) {
    return { valid: false, links: count, head: previous, broken: { seq: last?.seq ?? 0, kind: last?.kind ?? 'entry', id: last?.id ?? '', reason: 'head_mismatch' } };
  }
  return { valid: true, links: count, head: previous };
}
