import type { components } from '../../../platform/http/contract.js';
import type { ApiKey } from '../domain/api-key.js';
import type { DeviceSession } from '../domain/session.js';
import type { User } from '../domain/user.js';
import type { UserWithGroups } from '../application/get-user.js';
import type { GroupView } from '../application/groups.js';
import type { MyProfile } from '../application/me.js';

/** Who a user is, the same in the admin's list and in the user's own profile. */
function personOf(user: User) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    phone: user.phone,
    jobTitle: user.jobTitle,
    location: user.location,
    roles: user.roles,
  };
}

/** The caller's own profile: who they are, what they may do, their groups and organisation. */
export function toMeDto(me: MyProfile, permissions: ReadonlySet<string>): components['schemas']['Me'] {
  return {
    ...personOf(me.user),
    permissions: [...permissions].sort(),
    groups: me.groups,
    secondFactor: { enabled: me.user.hasSecondFactor(), required: me.secondFactorRequired },
    tenant: me.tenant,
  };
}

export function toUserDto({ user, groupIds }: UserWithGroups): components['schemas']['User'] {
  return {
    ...personOf(user),
    groupIds,
    status: user.status,
    isAdmin: user.isAdmin(),
    secondFactorEnabled: user.totpEnabledAt !== null,
    activatedAt: user.activatedAt?.toISOString() ?? null,
    deactivatedAt: user.deactivatedAt?.toISOString() ?? null,
    retentionUntil: user.retentionUntil,
    legalBasis: user.legalBasis,
    legalBasisNote: user.legalBasisNote,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

export function toGroupDto({ group, memberCount }: GroupView): components['schemas']['Group'] {
  return {
    id: group.id,
    name: group.name,
    type: group.type,
    description: group.description,
    memberCount,
    createdAt: group.createdAt.toISOString(),
    updatedAt: group.updatedAt.toISOString(),
  };
}

export function toSessionDto(session: DeviceSession, currentSessionId: string | null): components['schemas']['Session'] {
  return {
    id: session.id,
    deviceName: session.deviceName,
    platform: session.platform,
    appVersion: session.appVersion,
    createdAt: session.createdAt.toISOString(),
    lastSeenAt: session.lastSeenAt.toISOString(),
    current: session.id === currentSessionId,
  };
}

export function toApiKeyDto(key: ApiKey): components['schemas']['ApiKey'] {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix(),
    scopes: key.scopes as components['schemas']['ApiScope'][],
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}
