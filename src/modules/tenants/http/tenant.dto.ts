import type { components } from '../../../platform/http/contract.js';
import type { Tenant } from '../domain/tenant.js';

export function toTenantDto(tenant: Tenant): components['schemas']['Tenant'] {
  return {
    id: tenant.id,
    slug: tenant.slug,
    name: tenant.name,
    locale: tenant.locale,
    timeZone: tenant.timeZone,
    dpoContact: tenant.dpoContact,
    secondFactorPolicy: tenant.secondFactorPolicy,
    status: tenant.status,
    suspensionReason: tenant.suspensionReason,
    suspendedAt: tenant.suspendedAt?.toISOString() ?? null,
    createdAt: tenant.createdAt.toISOString(),
    updatedAt: tenant.updatedAt.toISOString(),
  };
}

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
