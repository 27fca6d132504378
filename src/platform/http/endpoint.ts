import type { Request, RequestHandler } from 'express';
import { pipeline, type Readable } from 'node:stream';
import type { Actor, UserActor } from '../auth/actor.js';
import type { Permission } from '../auth/permissions.js';
import type { Principal, TenantPrincipal } from '../auth/principal.js';
import { DomainError } from '../domain/errors.js';
import type { Result } from '../domain/result.js';
import type { UnitOfWork } from '../database/unit-of-work.js';
import type { IdempotencyKeys } from '../idempotency/idempotency.js';
import { OpenStreams } from './open-streams.js';
import { OperationRoutes } from './operation-dispatch.js';

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

export class SecondFactorEnrolmentRequired extends DomainError {
  readonly code = 'SECOND_FACTOR.ENROLMENT_REQUIRED';
  readonly kind = 'forbidden' as const;
  constructor() {
    super('Second factor required', 'Your organisation requires a second factor. Set one up first: POST /v1/me/second-factor.');
  }
}

/**
 * Checked on every tenant request, inside its transaction, before the permission check: the
 * tenants module refuses suspended tenants, the users module revoked sessions and API keys (and
 * fills in a user's roles and an API key's permissions as they are now). A gate returns the
 * principal it admits: the one it was given when it changes nothing. The gates run together, so
 * their reads (UnitOfWork.rows()) go out in one round trip with the tenant binding; at most one
 * gate may refine the principal.
 */
export interface AccessGate {
  admit(principal: TenantPrincipal): Promise<TenantPrincipal>;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Access = { permission: Permission } | { public: true };

/**
 * A tenant endpoint's access, and whether its use case reads and writes through
 * UnitOfWork.rows() alone (`rawStatements`): then a signed-in user's request runs without the
 * ORM's transaction machinery (UnitOfWork.runRawReads()), for the reads of every screen. An API
 * key's check loads the key through the ORM, so its requests run as any other.
 */
export interface TenantAccess {
  permission: Permission;
  rawStatements?: true;
}

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
  /** The route of every operation these endpoints serve, recorded by the operation tables (operationsRouter). */
  readonly routes = new OperationRoutes();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly gates: () => AccessGate[],
    /** Told of a file stream that broke after its headers went out: the client only sees a cut-off transfer. */
    private readonly onBrokenStream: (error: Error, req: Request) => void = () => undefined,
    private readonly streams: OpenStreams = new OpenStreams(),
    /** The Idempotency-Key header of tenant POSTs; without it, the header is ignored. */
    private readonly keys: IdempotencyKeys | null = null,
  ) {}

  /** A public endpoint, or an operator endpoint: no tenant is bound. */
  platform(access: Access, handler: (req: Request, principal: Principal | null) => Promise<Reply>): RequestHandler {
    return failuresToNext(async (req, res) => {
      const principal = this.authorise(req, access);
      send(res, await this.uow.run(null, () => handler(req, principal)));
    });
  }

  /** An operator endpoint that answers with a file, sent once the transaction has ended. */
  platformStream(
    access: { permission: Permission },
    handler: (req: Request, principal: Principal) => Promise<{ stream: Readable; headers: Record<string, string> }>,
  ): RequestHandler {
    return failuresToNext(async (req, res, next) => {
      const principal = this.authorise(req, access);
      const file = await this.uow.run(null, async () => held(await handler(req, principal)));
      this.pipeFile(req, res, file, next);
    });
  }

  /** An endpoint of a tenant user: the tenant comes from the token, and only from there. */
  tenant(access: TenantAccess, handler: (req: Request, actor: Actor) => Promise<Reply>): RequestHandler {
    return failuresToNext(async (req, res) => {
      const keys = this.keys;
      send(res, await this.inTenant(req, access, keys ? (r, actor) => keys.around(r, actor, () => handler(r, actor)) : handler));
    });
  }

  /**
   * An endpoint of the signed-in person (their inbox, devices, content): its permissions are
   * never granted to an API key, so a key is refused by the permission check like any other.
   */
  person(access: TenantAccess, handler: (req: Request, actor: UserActor) => Promise<Reply>): RequestHandler {
    return this.tenant(access, (req, actor) => {
      if (actor.actorType !== 'user') throw new PermissionDenied(access.permission);
      return handler(req, actor);
    });
  }

  /** A tenant endpoint that answers with a file: the stream is sent once the transaction has ended. */
  tenantStream(
    access: { permission: Permission },
    handler: (req: Request, actor: Actor) => Promise<{ stream: Readable; headers: Record<string, string> }>,
  ): RequestHandler {
    return failuresToNext(async (req, res, next) => {
      this.pipeFile(req, res, await this.inTenant(req, access, async (r, actor) => held(await handler(r, actor))), next);
    });
  }

  /**
   * The checks of `tenant()` (signed in, key or session valid, tenant active, permission held)
   * without a use case: for work that must not even start for a refused caller, such as
   * receiving an upload's bytes.
   */
  async admit(req: Request, access: { permission: Permission }): Promise<void> {
    await this.inTenant(req, access, () => Promise.resolve());
  }

  private async inTenant<T>(req: Request, access: TenantAccess, handler: (req: Request, actor: Actor) => Promise<T>): Promise<T> {
    const claimed = req.principal;
    if (!claimed) throw new Unauthenticated();
    if (claimed.kind === 'operator') throw new PermissionDenied(access.permission);
    const raw = access.rawStatements && claimed.kind === 'user';
    return (raw ? this.uow.runRawReads.bind(this.uow) : this.uow.runBindingWithFirstRead.bind(this.uow))(claimed.tenantId, async () => {
      const principal = refined(claimed, await Promise.all(this.gates().map((gate) => gate.admit(claimed))));
      await this.uow.bound();
      if (!principal.permissions.has(access.permission)) {
        if (principal.kind === 'user' && principal.enrolmentOnly) throw new SecondFactorEnrolmentRequired();
        throw new PermissionDenied(access.permission);
      }
      return handler(req, deriveActor(principal, req));
    });
  }

  /**
   * Sends a file stream with stream.pipeline, so an error of the source (a refused query, a
   * broken workbook) or of the sink (a client gone) destroys both ends instead of surfacing as
   * an unhandled 'error' event. A source that failed before anything was sent gets a problem
   * response; once bytes are out the response is destroyed, so the client sees a truncated
   * transfer rather than a file that looks complete.
   */
  private pipeFile(req: Request, res: Parameters<RequestHandler>[1], file: HeldFile, next: Parameters<RequestHandler>[2]): void {
    // An event stream must open at once; a file waits for its first bytes, so a source that fails
    // on its first read still gets a proper problem response instead of a cut-off one.
    const eventStream = /^text\/event-stream/.test(file.headers['content-type'] ?? '');
    const start = (): void => {
      const early = file.failure();
      if (early) {
        file.stream.destroy();
        next(early);
        return;
      }
      for (const [name, value] of Object.entries(file.headers)) res.setHeader(name, value);
      if (eventStream) res.flushHeaders();
      // The pipeline alone listens for the response's end (seven 'close' listeners of its own, on
      // top of the request's middleware): an open stream is forgotten in its callback.
      pipeline(file.stream, res, (error) => {
        file.release();
        if (eventStream) this.streams.untrack(res);
        // A stream ended on purpose (a shutdown's retry hint) finished its response.
        if (!error || res.writableFinished) return;
        // A client that went away is not a fault of ours; anything else is.
        if (error.code === 'ERR_STREAM_PREMATURE_CLOSE' && req.socket.destroyed) return;
        this.onBrokenStream(error, req);
      });
      if (eventStream) this.streams.track(res, file.stream);
    };
    if (eventStream || file.failure() || file.stream.readableLength > 0 || file.stream.readableEnded) {
      start();
      return;
    }
    const ready = (): void => {
      file.stream.off('readable', ready).off('error', ready).off('end', ready);
      start();
    };
    file.stream.once('readable', ready).once('error', ready).once('end', ready);
  }

  /** A permission is only held by someone signed in, so asking for one gives a principal. */
  private authorise(req: Request, access: { permission: Permission }): Principal;
  private authorise(req: Request, access: Access): Principal | null;
  private authorise(req: Request, access: Access): Principal | null {
    if ('public' in access) return req.principal ?? null;
    const principal = req.principal;
    if (!principal) throw new Unauthenticated();
    if (!principal.permissions.has(access.permission)) throw new PermissionDenied(access.permission);
    return principal;
  }
}

/** The principal the gates admitted: the claim itself, or the one gate's refinement of it. */
function refined(claimed: TenantPrincipal, admitted: TenantPrincipal[]): TenantPrincipal {
  const changed = admitted.filter((principal) => principal !== claimed);
  if (changed.length > 1) throw new Error('more than one access gate refined the principal: their order would decide');
  return changed[0] ?? claimed;
}

/** The one place a principal becomes the actor its request's commands carry. */
function deriveActor(principal: TenantPrincipal, req: Request): Actor {
  const common = { tenantId: principal.tenantId, permissions: principal.permissions, clientAddress: req.ip ?? null, userAgent: req.get('user-agent') ?? null };
  if (principal.kind === 'api_key') return { ...common, actorType: 'api_key', actorId: principal.keyId, userId: null, sessionId: null, roles: [] };
  const { userId, sessionId, roles } = principal;
  return { ...common, actorType: 'user', actorId: userId, userId, sessionId, roles };
}

/** Who is asking, for audit entries of public endpoints such as sign-in. */
export function clientOf(req: Request): { clientAddress: string | null; userAgent: string | null } {
  return { clientAddress: req.ip ?? null, userAgent: req.get('user-agent') ?? null };
}

interface HeldFile {
  stream: Readable;
  headers: Record<string, string>;
  /** The error the stream failed with before it was piped, if it did. */
  failure(): Error | null;
  /** Drops the holding listener once pipeline listens itself. */
  release(): void;
}

/**
 * A handler's stream starts producing at once (its first page query runs while the transaction
 * commits), so it can fail before it is piped anywhere. From the moment the handler returns,
 * a listener holds such an error for pipeFile to answer; none reaches the process.
 */
function held(file: { stream: Readable; headers: Record<string, string> }): HeldFile {
  let failure: Error | null = null;
  const hold = (error: Error): void => {
    failure ??= error;
  };
  file.stream.on('error', hold);
  return { ...file, failure: () => failure, release: () => file.stream.off('error', hold) };
}

/**
 * A handler whose every failure, thrown or rejected, goes to the error handler (problem+json)
 * rather than becoming an unhandled rejection.
 */
function failuresToNext(handle: (...args: Parameters<RequestHandler>) => Promise<void>): RequestHandler {
  return async (req, res, next) => {
    try {
      await handle(req, res, next);
    } catch (error) {
      next(error);
    }
  };
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
