import { DomainError, type ProblemTypes } from '../../../platform/domain/errors.js';

export class InvalidContent extends DomainError {
  readonly code = 'CONTENT.INVALID';
  readonly kind = 'invalid' as const;
  override readonly fields: ReadonlyArray<{ pointer: string; detail: string }>;
  constructor(field: string, problem: string) {
    super('Invalid content', `${field} ${problem}.`);
    this.fields = [{ pointer: `/${field}`, detail: problem }];
  }
}

export class NotAFolder extends DomainError {
  readonly code = 'CONTENT.PARENT_NOT_FOLDER';
  readonly kind = 'invalid' as const;
  override readonly fields = [{ pointer: '/parentId', detail: 'must be a folder' }];
  constructor() {
    super('Parent is not a folder', 'Items can only be placed in a folder (or at the top of the menu).');
  }
}

export class MoveIntoItself extends DomainError {
  readonly code = 'CONTENT.MOVE_INTO_ITSELF';
  readonly kind = 'conflict' as const;
  constructor() {
    super('Cannot move a folder into itself', 'A folder cannot be moved into itself or into one of its own subfolders.');
  }
}

export class CursorExpired extends DomainError {
  readonly code = 'CONTENT.CURSOR_EXPIRED';
  readonly kind = 'gone' as const;
  constructor() {
    super('Sync cursor expired', 'This sync cursor is unknown or too old; fetch the whole view again (without since).');
  }
}

export class UnsupportedMedia extends DomainError {
  readonly code = 'MEDIA.UNSUPPORTED_TYPE';
  readonly kind = 'unsupported' as const;
  constructor(detail: string) {
    super('File type not accepted', detail);
  }
}

export class MediaTooLarge extends DomainError {
  readonly code = 'MEDIA.TOO_LARGE';
  readonly kind = 'too_large' as const;
  constructor(detail: string) {
    super('File too large', detail);
  }
}

export class FileLinkRefused extends DomainError {
  readonly code = 'MEDIA.LINK_REFUSED';
  readonly kind = 'forbidden' as const;
  constructor(detail = 'This file link is not valid for you: it has expired, was made for someone else, or was altered.') {
    super('File link not valid', detail);
  }
}

export class ItemLinkRefused extends DomainError {
  readonly code = 'CONTENT.LINK_REFUSED';
  readonly kind = 'forbidden' as const;
  constructor(detail = 'This link is not valid for you: it has expired, was made for someone else, or was altered.') {
    super('Item link not valid', detail);
  }
}

/** GET /problems/<slug> describes these to client developers. */
export const contentProblems: ProblemTypes = {
  'CONTENT.INVALID': { kind: 'invalid', title: 'Invalid content', description: 'A field of the content item does not fit its kind; errors[] names each field.' },
  'CONTENT.PARENT_NOT_FOLDER': { kind: 'invalid', title: 'Parent is not a folder', description: 'Items can only be placed in a folder, or at the top of the menu (parentId null).' },
  'CONTENT.MOVE_INTO_ITSELF': { kind: 'conflict', title: 'Cannot move a folder into itself', description: 'A folder cannot be moved into itself or into one of its own subfolders.' },
  'CONTENT.CURSOR_EXPIRED': { kind: 'gone', title: 'Sync cursor expired', description: 'The sync cursor is unknown or too old; fetch the whole view again without since.' },
  'MEDIA.UNSUPPORTED_TYPE': { kind: 'unsupported', title: 'File type not accepted', description: 'The file’s content (not its name) is not one of the accepted types: JPEG, PNG, WebP, PDF, Word, Excel, PowerPoint, MP4 or MOV.' },
  'MEDIA.TOO_LARGE': { kind: 'too_large', title: 'File too large', description: 'The file is larger than its type allows (images 20 MB, documents 50 MB, video 200 MB).' },
  'MEDIA.LINK_REFUSED': { kind: 'forbidden', title: 'File link not valid', description: 'The signed file link expired, was made for another user, was altered, or the caller can no longer see the file.' },
  'CONTENT.LINK_REFUSED': { kind: 'forbidden', title: 'Item link not valid', description: 'The signed item link expired, was made for another user, was altered, or the caller can no longer see the item.' },
};
