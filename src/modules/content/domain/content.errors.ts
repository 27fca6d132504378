import { fieldOccurrence, problem } from '../../../platform/domain/errors.js';

export class InvalidContent extends problem({ code: 'CONTENT.INVALID', kind: 'invalid', title: 'Invalid content', description: 'A field of the content item does not fit its kind; errors[] names each field.' }, fieldOccurrence) {}

export class NotAFolder extends problem({ code: 'CONTENT.PARENT_NOT_FOLDER', kind: 'invalid', title: 'Parent is not a folder', description: 'Items can only be placed in a folder, or at the top of the menu (parentId null).' }, () => ({
  detail: 'Items can only be placed in a folder (or at the top of the menu).',
  fields: [{ pointer: '/parentId', detail: 'must be a folder' }],
})) {}

export class MoveIntoItself extends problem({ code: 'CONTENT.MOVE_INTO_ITSELF', kind: 'conflict', title: 'Cannot move a folder into itself', description: 'A folder cannot be moved into itself or into one of its own subfolders.' }, () => 'A folder cannot be moved into itself or into one of its own subfolders.') {}

export class CursorExpired extends problem({ code: 'CONTENT.CURSOR_EXPIRED', kind: 'gone', title: 'Sync cursor expired', description: 'The sync cursor is unknown or too old; fetch the whole view again without since.' }, () => 'This sync cursor is unknown or too old; fetch the whole view again (without since).') {}

export class UnsupportedMedia extends problem({ code: 'MEDIA.UNSUPPORTED_TYPE', kind: 'unsupported', title: 'File type not accepted', description: 'The file’s content (not its name) is not one of the accepted types: JPEG, PNG, WebP, PDF, Word, Excel, PowerPoint, MP4 or MOV.' }, (detail: string) => detail) {}

export class MediaTooLarge extends problem({ code: 'MEDIA.TOO_LARGE', kind: 'too_large', title: 'File too large', description: 'The file is larger than its type allows (images 20 MB, documents 50 MB, video 200 MB).' }, (detail: string) => detail) {}

export class FileLinkRefused extends problem({ code: 'MEDIA.LINK_REFUSED', kind: 'forbidden', title: 'File link not valid', description: 'The signed file link expired, was made for another user, was altered, or the caller can no longer see the file.' }, (detail?: string) => detail ?? 'This file link is not valid for you: it has expired, was made for someone else, or was altered.') {}

export class ItemLinkRefused extends problem({ code: 'CONTENT.LINK_REFUSED', kind: 'forbidden', title: 'Item link not valid', description: 'The signed item link expired, was made for another user, was altered, or the caller can no longer see the item.' }, (detail?: string) => detail ?? 'This link is not valid for you: it has expired, was made for someone else, or was altered.') {}
