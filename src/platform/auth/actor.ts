import type { Permission } from './permissions.js';

interface Caller {
  tenantId: string;
  permissions: ReadonlySet<Permission>;
  clientAddress: string | null;
  userAgent: string | null;
}

/** A person, signed in with a session. */
export interface UserActor extends Caller {
  actorType: 'user';
  /** The user's id (what the audit log names as actor). */
  actorId: string;
  userId: string;
  sessionId: string;
  roles: string[];
}

/** An integration calling with an API key: no person, so nothing of "me" applies. */
export interface ApiKeyActor extends Caller {
  actorType: 'api_key';
  /** The key's id. */
  actorId: string;
  userId: null;
  sessionId: null;
  roles: readonly [];
}

/**
 * The caller of a tenant endpoint, derived once per request from the verified principal and
 * passed into every command as `actor`. Whether a person is behind it is in the type: a use
 * case that needs one takes a `UserActor`, and an API key can never reach it.
 */
export type Actor = UserActor | ApiKeyActor;
