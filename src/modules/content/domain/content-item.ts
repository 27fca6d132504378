import { randomUUID } from 'node:crypto';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { InvalidContent } from './content.errors.js';

export const CONTENT_KINDS = ['folder', 'page', 'scenario', 'task_card', 'contact_list', 'document', 'link'] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];
export type ContentStatus = 'draft' | 'published';
export type ContentBody = Record<string, unknown>;

/** The fields each kind's body may have, and which it must have. */
const BODY_FIELDS: Record<ContentKind, { allowed: string[]; required: string[] }> = {
  folder: { allowed: ['icon'], required: [] },
  page: { allowed: ['markdown'], required: ['markdown'] },
  scenario: { allowed: ['description', 'escalationLevels', 'taskCardIds'], required: ['description'] },
  task_card: { allowed: ['role', 'steps'], required: ['role', 'steps'] },
  contact_list: { allowed: ['entries'], required: ['entries'] },
  document: { allowed: ['mediaId', 'fileName'], required: [] },
  link: { allowed: ['url'], required: ['url'] },
};

export function checkBody(kind: ContentKind, body: ContentBody): Result<ContentBody, InvalidContent> {
  const fields = BODY_FIELDS[kind];
  const foreign = Object.keys(body).find((key) => !fields.allowed.includes(key));
  if (foreign) return fail(new InvalidContent(`body/${foreign}`, `is not a field of a ${kind}`));
  const missing = fields.required.find((key) => body[key] === undefined);
  if (missing) return fail(new InvalidContent(`body/${missing}`, `is required for a ${kind}`));
  if (kind === 'link' && !/^https?:\/\//.test(String(body.url))) return fail(new InvalidContent('body/url', 'must be an http(s) address'));
  return ok(body);
}

/** Where an item stands in the tree: what every view of the tree (editor's, outline, member's) shows of it first. */
export function placeInTree(item: Pick<ContentItem, 'id' | 'parentId' | 'kind' | 'title' | 'position'>): Pick<ContentItem, 'id' | 'parentId' | 'kind' | 'title' | 'position'> {
  return { id: item.id, parentId: item.parentId, kind: item.kind, title: item.title, position: item.position };
}

/**
 * One node of a tenant's crisis-information tree. Every change that a reader could notice
 * raises the version, which is what offline apps compare to know what to fetch again.
 */
export class ContentItem {
  id!: string;
  tenantId!: string;
  parentId!: string | null;
  kind!: ContentKind;
  title!: string;
  position!: number;
  status!: ContentStatus;
  body!: ContentBody;
  /** Linked to everyone in the tenant, next to any group and user links. */
  everyone!: boolean;
  version!: number;
  createdAt!: Date;
  updatedAt!: Date;
  publishedAt!: Date | null;
  deletedAt!: Date | null;

  private constructor() {}

  static create(
    props: { tenantId: string; parentId: string | null; kind: ContentKind; title: string; body: ContentBody; position: number },
    now: Date,
  ): Result<ContentItem, InvalidContent> {
    if (props.title.trim() === '') return fail(new InvalidContent('title', 'must not be empty'));
    const body = checkBody(props.kind, props.body);
    if (!body.ok) return body;
    const item = new ContentItem();
    Object.assign(item, {
      id: randomUUID(),
      tenantId: props.tenantId,
      parentId: props.parentId,
      kind: props.kind,
      title: props.title.trim(),
      position: props.position,
      status: 'draft',
      body: body.value,
      everyone: false,
      version: 1,
      createdAt: now,
      updatedAt: now,
      publishedAt: null,
      deletedAt: null,
    });
    return ok(item);
  }

  isFolder(): boolean {
    return this.kind === 'folder';
  }

  edit(changes: { title?: string; body?: ContentBody }, now: Date): Result<void, InvalidContent> {
    if (changes.title !== undefined && changes.title.trim() === '') return fail(new InvalidContent('title', 'must not be empty'));
    if (changes.body !== undefined) {
      const body = checkBody(this.kind, changes.body);
      if (!body.ok) return body;
      this.body = body.value;
    }
    if (changes.title !== undefined) this.title = changes.title.trim();
    this.touch(now);
    return ok(undefined);
  }

  placeAt(parentId: string | null, position: number, now: Date): void {
    if (this.parentId === parentId && this.position === position) return;
    this.parentId = parentId;
    this.position = position;
    this.touch(now);
  }

  publish(now: Date): void {
    if (this.status === 'published') return;
    this.status = 'published';
    this.publishedAt = now;
    this.touch(now);
  }

  unpublish(now: Date): void {
    if (this.status === 'draft') return;
    this.status = 'draft';
    this.touch(now);
  }

  linkToEveryone(everyone: boolean, now: Date): void {
    if (this.everyone === everyone) return;
    this.everyone = everyone;
    this.touch(now);
  }

  remove(now: Date): void {
    if (this.deletedAt) return;
    this.deletedAt = now;
    this.touch(now);
  }

  /** Something the reader sees changed (also a contact shown in this list). */
  /** An erased person leaves a contact list: their entries go, and readers see the list change. */
  dropEntriesOf(person: { contactId: string } | { userId: string }, now: Date): void {
    const entries = (this.body.entries as Array<Record<string, unknown>> | undefined) ?? [];
    const [key, id] = 'contactId' in person ? ['contactId', person.contactId] : ['userId', person.userId];
    this.body = { ...this.body, entries: entries.filter((entry) => entry[key] !== id) };
    this.touch(now);
  }

  touch(now: Date): void {
    this.version += 1;
    this.updatedAt = now;
  }
}
