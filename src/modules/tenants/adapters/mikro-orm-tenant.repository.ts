import { detachedCopy } from '../../../platform/database/entity-schema.js';
import { OrmRepository, type Page } from '../../../platform/database/orm-repository.js';
import { Tenant } from '../domain/tenant.js';
import type { TenantRepository } from '../ports.js';

export class MikroOrmTenantRepository extends OrmRepository<Tenant> implements TenantRepository {
  protected readonly entity = Tenant;

  byId(id: string): Promise<Tenant | null> {
    return this.uow.em().findOne(Tenant, { id });
  }

  async viewById(id: string): Promise<Tenant | null> {
    const rows = await this.uow.rows<TenantRow>(
      `select id, slug, name, locale, time_zone, dpo_contact, second_factor_policy, primary_color, accent_color, logo_media_id,
              status, suspension_reason, suspended_at, created_at, updated_at
         from tenants where id = ?`,
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    return detachedCopy(Tenant, {
      id: row.id,
      slug: row.slug,
      name: row.name,
      locale: row.locale,
      timeZone: row.time_zone,
      dpoContact: row.dpo_contact,
      secondFactorPolicy: row.second_factor_policy,
      primaryColor: row.primary_color,
      accentColor: row.accent_color,
      logoMediaId: row.logo_media_id,
      status: row.status,
      suspensionReason: row.suspension_reason,
      suspendedAt: row.suspended_at === null ? null : new Date(row.suspended_at),
      createdAt: new Date(row.created_at),
      updatedAt: new Date(row.updated_at),
    });
  }

  async statusOf(id: string): Promise<Tenant['status'] | null> {
    // On every request: a raw read, sent with the tenant binding and the other access gates' reads.
    const rows = await this.uow.rows<{ status: Tenant['status'] }>('select status from tenants where id = ?', [id]);
    return rows[0]?.status ?? null;
  }

  bySlug(slug: string): Promise<Tenant | null> {
    return this.uow.em().findOne(Tenant, { slug });
  }

  list(query: { page: number; pageSize: number; status?: 'active' | 'suspended' }): Promise<Page<Tenant>> {
    return this.page(query.status ? { status: query.status } : {}, query, { orderBy: { name: 'asc', id: 'asc' } });
  }

  async ids(): Promise<string[]> {
    return (await this.uow.em().find(Tenant, {}, { fields: ['id'], orderBy: { id: 'asc' }, disableIdentityMap: true })).map((t) => t.id);
  }

  async remove(id: string): Promise<void> {
    await this.uow.em().nativeDelete(Tenant, { id });
  }
}

interface TenantRow {
  id: string;
  slug: string;
  name: string;
  locale: Tenant['locale'];
  time_zone: string;
  dpo_contact: string | null;
  second_factor_policy: Tenant['secondFactorPolicy'];
  primary_color: string | null;
  accent_color: string | null;
  logo_media_id: string | null;
  status: Tenant['status'];
  suspension_reason: string | null;
  /** Times as the connection gives them: PostgreSQL's text. */
  suspended_at: string | null;
  created_at: string;
  updated_at: string;
}
