import type { FilterQuery } from '@mikro-orm/core';
import type { UnitOfWork } from '../../../platform/database/unit-of-work.js';
import { ActivationToken } from '../domain/activation-token.js';
import { Operator } from '../domain/operator.js';
import { User } from '../domain/user.js';
import type { ActivationTokenRepository, OperatorRepository, UserListQuery, UserRepository } from '../ports.js';

export class MikroOrmUserRepository implements UserRepository {
  constructor(private readonly uow: UnitOfWork) {}

  byId(tenantId: string, id: string): Promise<User | null> {
    return this.uow.em().findOne(User, { tenantId, id }, { populate: ['passwordHash'] });
  }

  byEmail(tenantId: string, email: string): Promise<User | null> {
    return this.uow.em().findOne(User, { tenantId, email }, { populate: ['passwordHash'] });
  }

  async list(tenantId: string, query: UserListQuery): Promise<{ items: User[]; total: number }> {
    const where: FilterQuery<User> = { tenantId };
    if (query.search) {
      const like = `%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.$or = [{ name: { $ilike: like } }, { email: { $ilike: like } }];
    }
    if (query.role) where.roles = { $contains: [query.role] };
    if (query.status) where.status = query.status;
    // One after the other: inside a transaction both share one connection, and pg deprecates overlapping queries.
    const em = this.uow.em();
    const items = await em.find(User, where, { orderBy: { name: 'asc', id: 'asc' }, limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
    const total = await em.count(User, where);
    return { items, total };
  }

  add(user: User): void {
    this.uow.em().persist(user);
  }
}

export class MikroOrmOperatorRepository implements OperatorRepository {
  constructor(private readonly uow: UnitOfWork) {}

  byEmail(email: string): Promise<Operator | null> {
    return this.uow.em().findOne(Operator, { email });
  }

  add(operator: Operator): void {
    this.uow.em().persist(operator);
  }
}

export class MikroOrmActivationTokenRepository implements ActivationTokenRepository {
  constructor(private readonly uow: UnitOfWork) {}

  bySecretHash(tenantId: string, secretHash: string): Promise<ActivationToken | null> {
    return this.uow.em().findOne(ActivationToken, { tenantId, secretHash });
  }

  add(token: ActivationToken): void {
    this.uow.em().persist(token);
  }
}
