import { DomainError } from '../../../platform/domain/errors.js';

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
