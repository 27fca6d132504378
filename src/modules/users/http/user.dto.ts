import type { components } from '../../../platform/http/contract.js';
import type { User } from '../domain/user.js';

export function toUserDto(user: User): components['schemas']['User'] {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles,
    status: user.status,
    isAdmin: user.isAdmin(),
    activatedAt: user.activatedAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}
