import { randomUUID } from 'node:crypto';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { InvalidIncidentInput } from './incident.errors.js';
import type { ChainLinkContent, LinkHasher } from './log-chain.js';
import { LogMark } from './log-mark.js';
import { allowedKeys, type IncidentSetup } from './setup.js';

export interface EntryMedia {
  id: string;
  kind: string;
  mimeType: string;
  name: string | null;
}

const OBSERVED_BEFORE_MS = 7 * 24 * 3600_000;
const OBSERVED_AFTER_MS = 5 * 60_000;

/**
 * A device's time of observation, kept beside the server's: a phone that was offline may send it
 * days late, but a time far ahead of the server's (or a week old) is a wrong clock, not evidence.
 */
export function checkObservedAt(observedAt: Date | null, now: Date): Result<Date | null, InvalidIncidentInput> {
  if (observedAt === null) return ok(null);
  if (observedAt.getTime() > now.getTime() + OBSERVED_AFTER_MS) return fail(new InvalidIncidentInput('observedAt', 'is more than 5 minutes ahead of the server time'));
  if (observedAt.getTime() < now.getTime() - OBSERVED_BEFORE_MS) return fail(new InvalidIncidentInput('observedAt', 'is more than 7 days before the server time'));
  return ok(observedAt);
}

/**
 * What someone wrote in an incident, in its log or its chat: numbered in order, with the change
 * number a live stream resumes from, its author as they were named when posting, and what their
 * device stamped on it.
 */
export abstract class IncidentPost {
  id!: string;
  tenantId!: string;
  incidentId!: string;
  /** Position in the log or the chat, from 1. */
  seq!: number;
  /** The last change number of this post (its posting, or a later marking or promotion): the SSE event id. */
  changeSeq!: number;
  authorId!: string;
  /** The author's name when posting; replaced by a pseudonym when the author is erased. */
  authorName!: string;
  text!: string;
  media!: EntryMedia[];
  createdAt!: Date;
  /** Made by the device for this post, so a retry finds the first post instead of posting twice. */
  clientId!: string | null;
  /** When the device observed it, by its own clock. */
  observedAt!: Date | null;
}

interface EntryProps {
  tenantId: string;
  incidentId: string;
  author: { id: string; name: string; teamId: string | null; teamName: string | null; role: string | null };
  text: string;
  media: EntryMedia[];
  classification: string | null;
  labels: string[];
  corrects: LogEntry | null;
  clientId?: string | null;
  observedAt?: Date | null;
  citesChatMessageId?: string | null;
}

/**
 * One entry of an incident's log: evidence, so its content is never edited or deleted; a
 * correction is a new entry pointing to the one it corrects. The coordinator's marking (important,
 * a short summary) is curation beside the content, and gets a new change number for live feeds.
 */
export class LogEntry extends IncidentPost {
  authorTeamId!: string | null;
  authorTeamName!: string | null;
  authorRole!: string | null;
  hasMedia!: boolean;
  classification!: string | null;
  labels!: string[];
  correctsId!: string | null;
  important!: boolean;
  summary!: string | null;
  markedBy!: string | null;
  markedAt!: Date | null;
  /** The chat message a coordinator promoted to this entry. */
  citesChatMessageId!: string | null;
  /** The hash of the link before this one in the incident's chain (null for the first). */
  prevHash!: string | null;
  /** SHA-256 over the canonical link (see log-chain.ts). */
  hash!: string;

  static post(props: EntryProps & { seq: number; prevHash: string | null }, setup: IncidentSetup, now: Date, linkHash: LinkHasher): Result<LogEntry, InvalidIncidentInput> {
    const drafted = LogEntry.draft(props, setup, now);
    if (drafted.ok) drafted.value.placeInChain(props.seq, props.prevHash, linkHash);
    return drafted;
  }

  /**
   * The entry checked and complete but for its place in the chain (number, previous hash, hash),
   * which only the incident's chain head decides: see placeInChain().
   */
  static draft(props: EntryProps, setup: IncidentSetup, now: Date): Result<LogEntry, InvalidIncidentInput> {
    const observed = checkObservedAt(props.observedAt ?? null, now);
    if (!observed.ok) return observed;
    const text = props.text.trim();
    if (!text && props.media.length === 0) return fail(new InvalidIncidentInput('text', 'must not be empty when no media are attached'));
    if (props.classification && !setup.classifications.some((c) => c.key === props.classification)) {
      return fail(new InvalidIncidentInput('classification', `is not one of the organisation's classifications (${allowedKeys(setup.classifications)})`));
    }
    const unknown = props.labels.find((label) => !setup.labels.some((l) => l.key === label));
    if (unknown !== undefined) return fail(new InvalidIncidentInput('labels', `has '${unknown}', which is not one of the organisation's labels (${allowedKeys(setup.labels)})`));
    const entry = new LogEntry();
    Object.assign(entry, {
      id: randomUUID(),
      tenantId: props.tenantId,
      incidentId: props.incidentId,
      seq: 0,
      changeSeq: 0,
      authorId: props.author.id,
      authorName: props.author.name,
      authorTeamId: props.author.teamId,
      authorTeamName: props.author.teamName,
      authorRole: props.author.role,
      text,
      media: props.media,
      hasMedia: props.media.length > 0,
      classification: props.classification,
      labels: [...new Set(props.labels)],
      correctsId: props.corrects?.id ?? null,
      important: false,
      summary: null,
      markedBy: null,
      markedAt: null,
      createdAt: now,
      clientId: props.clientId ?? null,
      observedAt: observed.value,
      citesChatMessageId: props.citesChatMessageId ?? null,
      prevHash: null,
      hash: '',
    });
    return ok(entry);
  }

  /** Places the entry in the chain after `prevHash` as link `seq`; its hash follows from that. */
  placeInChain(seq: number, prevHash: string | null, linkHash: LinkHasher): void {
    Object.assign(this, { seq, changeSeq: seq, prevHash });
    this.hash = linkHash(this.link());
  }

  /** The coordinator's curation: important entries form the situation overview. The mark is a link of the chain of its own. */
  mark(props: { important: boolean; summary: string | null; by: string; changeSeq: number; prevHash: string | null }, now: Date, linkHash: LinkHasher): LogMark {
    Object.assign(this, {
      important: props.important,
      summary: props.important ? props.summary?.trim() || null : null,
      markedBy: props.by,
      markedAt: now,
      changeSeq: props.changeSeq,
    });
    return LogMark.record({
      tenantId: this.tenantId,
      incidentId: this.incidentId,
      seq: props.changeSeq,
      entryId: this.id,
      important: this.important,
      summary: this.summary,
      markedBy: props.by,
      markedAt: now,
      prevHash: props.prevHash,
    }, linkHash);
  }

  /** What the chain holds of this entry: its content and ids, never a name. */
  link(): ChainLinkContent {
    return {
      incidentId: this.incidentId,
      seq: this.seq,
      kind: 'entry',
      id: this.id,
      authorId: this.authorId,
      at: this.createdAt,
      content: {
        text: this.text,
        media: this.media.map((m) => ({ id: m.id, kind: m.kind, mimeType: m.mimeType })),
        classification: this.classification,
        labels: this.labels,
        correctsId: this.correctsId,
        teamId: this.authorTeamId,
        role: this.authorRole,
        // Only when sent: links made before devices sent it hash as they did then.
        ...(this.observedAt ? { observedAt: this.observedAt.toISOString() } : {}),
        ...(this.citesChatMessageId ? { citesChatMessageId: this.citesChatMessageId } : {}),
      },
      prevHash: this.prevHash,
    };
  }

  kind(): 'text' | 'media' {
    return this.media.length > 0 ? 'media' : 'text';
  }
}
