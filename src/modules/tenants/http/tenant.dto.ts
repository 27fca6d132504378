import type { components } from '../../../platform/http/contract.js';
import type { Tenant } from '../domain/tenant.js';

export function toOwnTenantDto(tenant: Tenant): components['schemas']['OwnTenant'] {
  return {
    id: tenant.id,
    slug: tenant.slug,
    name: tenant.name,
    locale: tenant.locale,
    timeZone: tenant.timeZone,
    dpoContact: tenant.dpoContact,
    secondFactorPolicy: tenant.secondFactorPolicy,
  };
}

/** The operator's view: what the organisation sees of itself, and its lifecycle. */
export function toTenantDto(tenant: Tenant): components['schemas']['Tenant'] {
  return {
    ...toOwnTenantDto(tenant),
    status: tenant.status,
    suspensionReason: tenant.suspensionReason,
    suspendedAt: tenant.suspendedAt?.toISOString() ?? null,
    createdAt: tenant.createdAt.toISOString(),
    updatedAt: tenant.updatedAt.toISOString(),
  };
}
