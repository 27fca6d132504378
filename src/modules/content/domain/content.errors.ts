import { fieldOccurrence, problemTable } from '../../../platform/domain/errors.js';

const errors = problemTable({
  'CONTENT.INVALID': { kind: 'invalid', title: 'Invalid content', description: 'A field of the content item does not fit its kind; errors[] names each field.' },
  'CONTENT.PARENT_NOT_FOLDER': { kind: 'invalid', title: 'Parent is not a folder', description: 'Items can only be placed in a folder, or at the top of the menu (parentId null).' },
  'CONTENT.MOVE_INTO_ITSELF': { kind: 'conflict', title: 'Cannot move a folder into itself', description: 'A folder cannot be moved into itself or into one of its own subfolders.' },
  'CONTENT.CURSOR_EXPIRED': { kind: 'gone', title: 'Sync cursor expired', description: 'The sync cursor is unknown or too old; fetch the whole view again without since.' },
  'MEDIA.UNSUPPORTED_TYPE': { kind: 'unsupported', title: 'File type not accepted', description: 'The file’s content (not its name) is not one of the accepted types: JPEG, PNG, WebP, PDF, Word, Excel, PowerPoint, MP4 or MOV.' },
  'MEDIA.TOO_LARGE': { kind: 'too_large', title: 'File too large', description: 'The file is larger than its type allows (images 20 MB, documents 50 MB, video 200 MB).' },
  'MEDIA.LINK_REFUSED': { kind: 'forbidden', title: 'File link not valid', description: 'The signed file link expired, was made for another user, was altered, or the caller can no longer see the file.' },
  'CONTENT.LINK_REFUSED': { kind: 'forbidden', title: 'Item link not valid', description: 'The signed item link expired, was made for another user, was altered, or the caller can no longer see the item.' },
});

/** GET /problems/<slug> describes these to client developers. */
export const contentProblems = errors.problems;

export class InvalidContent extends errors.of('CONTENT.INVALID', fieldOccurrence) {}

export class NotAFolder extends errors.of('CONTENT.PARENT_NOT_FOLDER', () => ({
  detail: 'Items can only be placed in a folder (or at the top of the menu).',
  fields: [{ pointer: '/parentId', detail: 'must be a folder' }],
})) {}

export class MoveIntoItself extends errors.of('CONTENT.MOVE_INTO_ITSELF', () => 'A folder cannot be moved into itself or into one of its own subfolders.') {}

export class CursorExpired extends errors.of('CONTENT.CURSOR_EXPIRED', () => 'This sync cursor is unknown or too old; fetch the whole view again (without since).') {}

export class UnsupportedMedia extends errors.of('MEDIA.UNSUPPORTED_TYPE', (detail: string) => detail) {}

export class MediaTooLarge extends errors.of('MEDIA.TOO_LARGE', (detail: string) => detail) {}

export class FileLinkRefused extends errors.of('MEDIA.LINK_REFUSED', (detail?: string) => detail ?? 'This file link is not valid for you: it has expired, was made for someone else, or was altered.') {}

export class ItemLinkRefused extends errors.of('CONTENT.LINK_REFUSED', (detail?: string) => detail ?? 'This link is not valid for you: it has expired, was made for someone else, or was altered.') {}
