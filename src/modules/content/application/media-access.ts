import type { Permission } from '../../../platform/auth/permissions.js';

/**
 * What other modules may do with this module's media, through its application layer: another
 * module that shows uploaded files (an incident log's photos) answers whether a user may open one,
 * and reads what it needs of the files it shows.
 */
export interface MediaAccessDecider {
  /** Whether this user (with these permissions) may open this file because of something the deciding module shows them. */
  mayRead(reader: { tenantId: string; userId: string; permissions: ReadonlySet<Permission> }, mediaId: string): Promise<boolean>;
}

export const CONTENT_MEDIA = {
  /** Multi-binding: every module that shows media binds its decider here. */
  AccessDecider: Symbol.for('content.MediaAccessDecider'),
  MediaFiles: Symbol.for('content.MediaFiles'),
  UploadMedia: Symbol.for('content.UploadMedia'),
} as const;
