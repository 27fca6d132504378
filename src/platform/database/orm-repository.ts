import type { EntityName, FilterQuery, FindOptions } from '@mikro-orm/core';
import type { UnitOfWork } from './unit-of-work.js';

/** One page of a list (pages count from 1), and how many the whole list holds. */
export interface PageQuery {
  page: number;
  pageSize: number;
}
export interface Page<T> {
  items: T[];
  total: number;
}

/** `text` as a LIKE pattern matches it literally: its own %, _ and \ are escaped. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * What every MikroORM repository of one entity does alike, on the request's unit of work: add an
 * entity (written at the commit), and read a page of a list with its total. A repository adds
 * its own queries; removing stays with those whose port offers it, and the port is all a use
 * case sees.
 */
export abstract class OrmRepository<T extends object> {
  protected abstract readonly entity: EntityName<T>;

  constructor(protected readonly uow: UnitOfWork) {}

  add(entity: T): void {
    this.uow.em().persist(entity);
  }

  /** One after the other: inside a transaction both share one connection, and pg deprecates overlapping queries. */
  protected async page(where: FilterQuery<T>, query: PageQuery, options: FindOptions<T, never, '*'>): Promise<Page<T>> {
    const em = this.uow.em();
    const items = await em.find<T, never, '*'>(this.entity, where, { ...options, limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
    const total = await em.count(this.entity, where);
    return { items, total };
  }
}

/** A repository of a tenant-owned entity, keyed (tenant, id) as every such table is. */
export abstract class TenantOwnedRepository<T extends { tenantId: string; id: string }> extends OrmRepository<T> {
  byId(tenantId: string, id: string): Promise<T | null> {
    // The ORM's query types cannot see through a generic entity; T has both keys by its constraint.
    const key = { tenantId, id } as FilterQuery<T>;
    return this.uow.em().findOne<T, never, '*'>(this.entity, key);
  }
}
