import type { ChainLinkContent, LinkHasher } from './log-chain.js';

/**
 * A coordinator's marking of an entry (important with a summary, or no longer important), kept as
 * a link of its own in the incident's chain: the entry's marking columns only show the latest.
 */
export class LogMark {
  tenantId!: string;
  incidentId!: string;
  seq!: number;
  entryId!: string;
  important!: boolean;
  summary!: string | null;
  markedBy!: string;
  markedAt!: Date;
  prevHash!: string | null;
  hash!: string;

  static record(props: Omit<LogMark, 'hash' | 'link'>, linkHash: LinkHasher): LogMark {
    const mark = new LogMark();
    Object.assign(mark, props);
    mark.hash = linkHash(mark.link());
    return mark;
  }

  link(): ChainLinkContent {
    return {
      incidentId: this.incidentId,
      seq: this.seq,
      kind: 'mark',
      id: this.entryId,
      authorId: this.markedBy,
      at: this.markedAt,
      content: { entryId: this.entryId, important: this.important, summary: this.summary },
      prevHash: this.prevHash,
    };
  }
}
