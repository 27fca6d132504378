import type { UnitOfWork } from '../../../platform/database/unit-of-work.js';
import { Tenant } from '../domain/tenant.js';
import type { TenantRepository } from '../ports.js';

export class MikroOrmTenantRepository implements TenantRepository {
  constructor(private readonly uow: UnitOfWork) {}

  byId(id: string): Promise<Tenant | null> {
    return this.uow.em().findOne(Tenant, { id });
  }

  async statusOf(id: string): Promise<Tenant['status'] | null> {
    const rows = await this.uow.em().execute<Array<{ status: Tenant['status'] }>>('select status from tenants where id = ?', [id]);
    return rows[0]?.status ?? null;
  }

  bySlug(slug: string): Promise<Tenant | null> {
    return this.uow.em().findOne(Tenant, { slug });
  }

  async list(query: { page: number; pageSize: number; status?: 'active' | 'suspended' }): Promise<{ items: Tenant[]; total: number }> {
    // One after the other: inside a transaction both share one connection, and pg deprecates overlapping queries.
    const em = this.uow.em();
    const where = query.status ? { status: query.status } : {};
    const items = await em.find(Tenant, where, { orderBy: { name: 'asc', id: 'asc' }, limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
    const total = await em.count(Tenant, where);
    return { items, total };
  }

  async ids(): Promise<string[]> {
    return (await this.uow.em().find(Tenant, {}, { fields: ['id'], orderBy: { id: 'asc' }, disableIdentityMap: true })).map((t) => t.id);
  }

  async remove(id: string): Promise<void> {
    await this.uow.em().nativeDelete(Tenant, { id });
  }

  add(tenant: Tenant): void {
    this.uow.em().persist(tenant);
  }
}
