import { randomUUID } from 'node:crypto';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { InvalidIncidentInput } from './incident.errors.js';
import { allowedKeys, type IncidentSetup } from './setup.js';

export interface EntryMedia {
  id: string;
  kind: string;
  mimeType: string;
  name: string | null;
}

/**
 * One entry of an incident's log: evidence, so its content is never edited or deleted; a
 * correction is a new entry pointing to the one it corrects. The coordinator's marking (important,
 * a short summary) is curation beside the content, and gets a new change number for live feeds.
 */
export class LogEntry {
  id!: string;
  tenantId!: string;
  incidentId!: string;
  /** Position in the log, from 1. */
  seq!: number;
  /** The last change number of this entry (its posting, or a later marking). */
  changeSeq!: number;
  authorId!: string;
  /** The author's name when posting; replaced by a pseudonym when the author is erased. */
  authorName!: string;
  authorTeamId!: string | null;
  authorTeamName!: string | null;
  authorRole!: string | null;
  text!: string;
  media!: EntryMedia[];
  hasMedia!: boolean;
  classification!: string | null;
  labels!: string[];
  correctsId!: string | null;
  important!: boolean;
  summary!: string | null;
  markedBy!: string | null;
  markedAt!: Date | null;
  createdAt!: Date;

  static post(
    props: {
      tenantId: string;
      incidentId: string;
      seq: number;
      author: { id: string; name: string; teamId: string | null; teamName: string | null; role: string | null };
      text: string;
      media: EntryMedia[];
      classification: string | null;
      labels: string[];
      corrects: LogEntry | null;
    },
    setup: IncidentSetup,
    now: Date,
  ): Result<LogEntry, InvalidIncidentInput> {
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
      seq: props.seq,
      changeSeq: props.seq,
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
    });
    return ok(entry);
  }

  /** The coordinator's curation: important entries form the situation overview. */
  mark(props: { important: boolean; summary: string | null; by: string; changeSeq: number }, now: Date): void {
    Object.assign(this, {
      important: props.important,
      summary: props.important ? props.summary?.trim() || null : null,
      markedBy: props.by,
      markedAt: now,
      changeSeq: props.changeSeq,
    });
  }

  kind(): 'text' | 'media' {
    return this.media.length > 0 ? 'media' : 'text';
  }
}
