import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { InvalidIncidentInput } from './incident.errors.js';
import { allowedKeys, type PictureTemplate } from './setup.js';

export interface PictureVersionSection {
  key: string;
  title: string;
  text: string;
}

/** The document a version's hash is taken over (RFC 8785 canonical JSON, SHA-256): no names, so erasure keeps it valid. */
export function pictureDocument(v: Pick<SituationPictureVersion, 'incidentId' | 'version' | 'authorId' | 'createdAt' | 'templateKey' | 'sections' | 'prevHash'>): Record<string, unknown> {
  return {
    v: 1,
    kind: 'situation_picture',
    incidentId: v.incidentId,
    version: v.version,
    authorId: v.authorId,
    at: v.createdAt.toISOString(),
    template: v.templateKey,
    sections: v.sections.map((s) => ({ key: s.key, text: s.text })),
    prev: v.prevHash,
  };
}

export type PictureHasher = (document: Record<string, unknown>) => string;

/**
 * One saved state of an incident's structured situation picture. Every save is a new version
 * (append-only, like the log), chained to the version before it by hash; the template's section
 * titles are copied in, so a later change of the set-up does not rewrite what was written.
 */
export class SituationPictureVersion {
  tenantId!: string;
  incidentId!: string;
  version!: number;
  templateKey!: string;
  templateName!: string;
  sections!: PictureVersionSection[];
  authorId!: string;
  /** The name when saved; replaced by a pseudonym on erasure (outside the hash). */
  authorName!: string;
  createdAt!: Date;
  prevHash!: string | null;
  hash!: string;

  private constructor() {}

  static write(
    props: { tenantId: string; incidentId: string; previous: SituationPictureVersion | null; template: PictureTemplate; texts: Array<{ key: string; text: string }>; author: { id: string; name: string } },
    now: Date,
    hash: PictureHasher,
  ): Result<SituationPictureVersion, InvalidIncidentInput> {
    const given = new Map<string, string>();
    for (const [i, section] of props.texts.entries()) {
      if (!props.template.sections.some((s) => s.key === section.key)) {
        return fail(new InvalidIncidentInput(`sections/${i}/key`, `is not a section of the template ${props.template.key} (${allowedKeys(props.template.sections)})`));
      }
      if (given.has(section.key)) return fail(new InvalidIncidentInput(`sections/${i}/key`, 'appears twice'));
      given.set(section.key, section.text.trim());
    }
    const version = new SituationPictureVersion();
    Object.assign(version, {
      tenantId: props.tenantId,
      incidentId: props.incidentId,
      version: (props.previous?.version ?? 0) + 1,
      templateKey: props.template.key,
      templateName: props.template.name,
      // Every section of the template, in its order: one left out is empty in this version.
      sections: props.template.sections.map((s) => ({ key: s.key, title: s.title, text: given.get(s.key) ?? '' })),
      authorId: props.author.id,
      authorName: props.author.name,
      createdAt: now,
      prevHash: props.previous?.hash ?? null,
    });
    version.hash = hash(pictureDocument(version));
    return ok(version);
  }

  /** The version as a message text: each section's title and text. */
  asMessage(): string {
    return this.sections.map((s) => `${s.title}\n${s.text || '—'}`).join('\n\n');
  }
}

/** Recomputes the versions' chain (oldest first): valid, or the first version whose hash or link to the one before does not hold. */
export function verifyPictureChain(versions: readonly SituationPictureVersion[], hash: PictureHasher): { valid: boolean; versions: number; brokenAt: number | null } {
  let previous: SituationPictureVersion | null = null;
  for (const version of versions) {
    const linked = version.prevHash === (previous?.hash ?? null) && version.version === (previous?.version ?? 0) + 1;
    if (!linked || hash(pictureDocument(version)) !== version.hash) return { valid: false, versions: versions.length, brokenAt: version.version };
    previous = version;
  }
  return { valid: true, versions: versions.length, brokenAt: null };
}

/** A version as the API and the report show it: who wrote what, when, and its place in the chain. */
export function pictureVersionRecord(v: SituationPictureVersion) {
  return {
    version: v.version,
    template: { key: v.templateKey, name: v.templateName },
    sections: v.sections.map((s) => ({ key: s.key, title: s.title, text: s.text })),
    author: { id: v.authorId, name: v.authorName },
    createdAt: v.createdAt.toISOString(),
    prevHash: v.prevHash,
    hash: v.hash,
  };
}
