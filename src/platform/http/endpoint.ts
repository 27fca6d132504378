import type { Request, RequestHandler } from 'express';
import type { Permission } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import { DomainError } from '../domain/errors.js';
import type { Result } from '../domain/result.js';
import type { UnitOfWork } from '../database/unit-of-work.js';

export class Unauthenticated extends DomainError {
  readonly code = 'UNAUTHENTICATED';
  readonly kind = 'unauthenticated' as const;
  constructor(detail = 'Send a valid access token in the Authorization header.') {
    super('Authentication required', detail);
  }
}

export class PermissionDenied extends DomainError {
  readonly code = 'FORBIDDEN';
  readonly kind = 'forbidden' as const;
  constructor(permission: Permission) {
    super('Not allowed', `Your role does not allow this (needs ${permission}).`);
  }
}

/** Checked on every tenant request, inside its transaction; the tenants module answers it. */
export interface TenantAccessGate {
  assertActive(tenantId: string): Promise<void>;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Access = { permission: Permission } | { public: true };

export type TenantActor = { tenantId: string; userId: string; roles: string[] };

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal | null;
  }
}

/**
 * Builds route handlers that are thin by construction: check the permission, open the unit of
 * work in the caller's tenant, run one use case, and reply only after the transaction commits.
 * A thrown or returned failure rolls everything back, so a failed request changes nothing.
 */
export class Endpoints {
  constructor(private readonly uow: UnitOfWork, private readonly gate: TenantAccessGate) {}

  /** A public endpoint, or an operator endpoint: no tenant is bound. */
  platform(access: Access, handler: (req: Request, principal: Principal | null) => Promise<Reply>): RequestHandler {
    return async (req, res, next) => {
      try {
        const principal = this.authorise(req, access);
        const reply = await this.uow.run(null, () => handler(req, principal));
        send(res, reply);
      } catch (error) {
        next(error);
      }
    };
  }

  /** An endpoint of a tenant user: the tenant comes from the token, and only from there. */
  tenant(access: { permission: Permission }, handler: (req: Request, actor: TenantActor) => Promise<Reply>): RequestHandler {
    return async (req, res, next) => {
      try {
        const principal = this.authorise(req, access);
        if (principal?.kind !== 'user') throw new PermissionDenied(access.permission);
        const actor: TenantActor = { tenantId: principal.tenantId, userId: principal.userId, roles: principal.roles };
        const reply = await this.uow.run(actor.tenantId, async () => {
          await this.gate.assertActive(actor.tenantId);
          return handler(req, actor);
        });
        send(res, reply);
      } catch (error) {
        next(error);
      }
    };
  }

  private authorise(req: Request, access: Access): Principal | null {
    if ('public' in access) return req.principal ?? null;
    const principal = req.principal;
    if (!principal) throw new Unauthenticated();
    if (!principal.permissions.has(access.permission)) throw new PermissionDenied(access.permission);
    return principal;
  }
}

function send(res: Parameters<RequestHandler>[1], reply: Reply): void {
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  if (reply.body === undefined) res.status(reply.status).end();
  else res.status(reply.status).json(reply.body);
}

/** The value of a use case's result, or its failure thrown to roll back the unit of work. */
export function unwrap<T, E extends DomainError>(result: Result<T, E>): T {
  if (!result.ok) throw result.error;
  return result.value;
}
