import { Router, type Request, type RequestHandler } from 'express';
import type { Readable } from 'node:stream';
import type { Actor, UserActor } from '../auth/actor.js';
import type { Permission } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import { loadSpec, type OpenApiDocument, type operations, type PathOf, type QueryOf, type RequestBody } from './contract.js';
import type { Access, Endpoints, Reply, TenantAccess } from './endpoint.js';
import type { DomainError } from '../domain/errors.js';
import type { Result } from '../domain/result.js';
import { unwrap } from './endpoint.js';

export type OperationId = keyof operations;

/** An operation of the contract: its id, method and express path (`/v1/users/:userId`). */
export interface ContractOperation {
  operationId: string;
  method: string;
  path: string;
}

/**
 * What a handler reads of its request, typed by the contract: the validator has checked (and
 * coerced) path, query and body against this very operation before the handler runs.
 */
export interface Input<Op extends OperationId> {
  path: PathOf<Op>;
  query: QueryOf<Op>;
  body: RequestBody<Op>;
  /** For what the contract does not type: headers, the streamed upload, the client's address. */
  req: Request;
}

export interface FileReply {
  stream: Readable;
  headers: Record<string, string>;
}

/**
 * The kinds of endpoint of `Endpoints`, for one operation: each passes the handler its input
 * typed from the contract, so no handler casts `req.query` or `req.params` itself.
 */
export interface OperationBuilder<Op extends OperationId> {
  tenant(access: TenantAccess, handle: (input: Input<Op>, actor: Actor) => Promise<Reply>): RequestHandler;
  person(access: TenantAccess, handle: (input: Input<Op>, actor: UserActor) => Promise<Reply>): RequestHandler;
  platform(access: Access, handle: (input: Input<Op>, principal: Principal | null) => Promise<Reply>): RequestHandler;
  tenantFile(access: { permission: Permission }, handle: (input: Input<Op>, actor: Actor) => Promise<FileReply>): RequestHandler;
  platformFile(access: { permission: Permission }, handle: (input: Input<Op>, principal: Principal) => Promise<FileReply>): RequestHandler;
}

/**
 * A resource's operations keyed by operationId; method and path come from the contract, so a
 * route cannot be served under another path than the one documented. Entries register in the
 * order written: a fixed path (`/v1/users/me`) goes before a parameter (`/v1/users/{userId}`).
 */
export type OperationTable = { [Op in OperationId]?: (op: OperationBuilder<Op>) => RequestHandler | RequestHandler[] };

/**
 * The express router serving a table of operations. Each route is also recorded by its
 * operationId with the endpoints, for the kernel to send a matched request straight to it.
 */
export function operationsRouter(endpoints: Endpoints, table: OperationTable): Router {
  const router = Router();
  const routes = contractRoutes();
  const builder = builderOf(endpoints);
  for (const [operationId, build] of Object.entries(table) as Array<[OperationId, (op: OperationBuilder<OperationId>) => RequestHandler | RequestHandler[]]>) {
    const route = routes.get(operationId);
    if (!route) throw new Error(`operation ${operationId} is not in the contract`);
    const handlers = [build(builder)].flat();
    router[route.method](route.path, ...handlers);
    endpoints.routes.record(operationId, Router()[route.method](route.path, ...handlers));
  }
  return router;
}

export const ok = (body: unknown, headers?: Record<string, string>): Reply => ({ status: 200, body, ...(headers ? { headers } : {}) });
export const created = (body: unknown, location: string): Reply => ({ status: 201, body, headers: { location } });
export const noContent = (): Reply => ({ status: 204 });

/** 204 once a command without an answer has succeeded; its failure is thrown, to roll the unit of work back. */
export async function noContentAfter(command: Promise<Result<unknown, DomainError>>): Promise<Reply> {
  unwrap(await command);
  return noContent();
}

function inputOf<Op extends OperationId>(req: Request): Input<Op> {
  // The one place the validated request meets its contract type; express types it as strings.
  return { path: req.params as PathOf<Op>, query: req.query as QueryOf<Op>, body: req.body as RequestBody<Op>, req };
}

function builderOf(endpoints: Endpoints): OperationBuilder<OperationId> {
  return {
    tenant: (access, handle) => endpoints.tenant(access, (req, actor) => handle(inputOf(req), actor)),
    person: (access, handle) => endpoints.person(access, (req, actor) => handle(inputOf(req), actor)),
    platform: (access, handle) => endpoints.platform(access, (req, principal) => handle(inputOf(req), principal)),
    tenantFile: (access, handle) => endpoints.tenantStream(access, (req, actor) => handle(inputOf(req), actor)),
    platformFile: (access, handle) => endpoints.platformStream(access, (req, principal) => handle(inputOf(req), principal)),
  };
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
const METHODS: readonly Method[] = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation of a contract: its id, method and express path (`/v1/users/:userId`). */
export function contractOperations(spec: OpenApiDocument): Array<ContractOperation & { method: Method }> {
  const found: Array<ContractOperation & { method: Method }> = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of METHODS) {
      const operationId = (item[method] as { operationId?: string } | undefined)?.operationId;
      if (operationId) found.push({ operationId, method, path: path.replace(/\{([^}]+)\}/g, ':$1') });
    }
  }
  return found;
}

let routes: Map<string, { method: Method; path: string }> | undefined;

/** operationId → method and express path, read from the contract once. */
function contractRoutes(): Map<string, { method: Method; path: string }> {
  routes ??= new Map(contractOperations(loadSpec()).map(({ operationId, method, path }) => [operationId, { method, path }]));
  return routes;
}
