import { randomUUID } from 'node:crypto';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { InvalidUser } from './user.errors.js';

export const GROUP_TYPES = ['team', 'location', 'department'] as const;
export type GroupType = (typeof GROUP_TYPES)[number];

/** A team, location or department: the audience unit for content, messages and incidents. */
export class Group {
  id!: string;
  tenantId!: string;
  name!: string;
  type!: GroupType;
  description!: string | null;
  createdAt!: Date;
  updatedAt!: Date;

  private constructor() {}

  static create(props: { tenantId: string; name: string; type: GroupType; description: string | null }, now: Date): Result<Group, InvalidUser> {
    if (props.name.trim() === '') return fail(new InvalidUser('name', 'must not be empty'));
    const group = new Group();
    Object.assign(group, {
      id: randomUUID(),
      tenantId: props.tenantId,
      name: props.name.trim(),
      type: props.type,
      description: props.description?.trim() || null,
      createdAt: now,
      updatedAt: now,
    });
    return ok(group);
  }

  update(changes: { name?: string; type?: GroupType; description?: string | null }, now: Date): Result<void, InvalidUser> {
    if (changes.name !== undefined && changes.name.trim() === '') return fail(new InvalidUser('name', 'must not be empty'));
    if (changes.name !== undefined) this.name = changes.name.trim();
    if (changes.type !== undefined) this.type = changes.type;
    if (changes.description !== undefined) this.description = changes.description?.trim() || null;
    this.updatedAt = now;
    return ok(undefined);
  }
}

/** A user's membership of a group; a user can be in many. */
export class GroupMembership {
  tenantId!: string;
  groupId!: string;
  userId!: string;
  addedAt!: Date;

  private constructor() {}

  static of(props: { tenantId: string; groupId: string; userId: string }, now: Date): GroupMembership {
    const membership = new GroupMembership();
    Object.assign(membership, { ...props, addedAt: now });
    return membership;
  }
}
