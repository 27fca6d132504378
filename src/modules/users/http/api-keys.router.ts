import type { Router } from 'express';
import { unwrap } from '../../../platform/http/endpoint.js';
import { created, ok, operationsRouter } from '../../../platform/http/operations.js';
import { toApiKeyDto } from './user.dto.js';
import { noContentAfter } from '../../../platform/http/operations.js';
import type { UsersHttpDeps } from './users-http.js';

/** The tenant's API keys: the secret is shown once, in the answer that creates it. */
export function apiKeysRouter(deps: Pick<UsersHttpDeps, 'endpoints' | 'createApiKey' | 'listApiKeys' | 'revokeApiKey'>): Router {
  const manage = { permission: 'apikeys.manage' } as const;
  return operationsRouter(deps.endpoints, {
    listApiKeys: (op) => op.tenant(manage, async (_input, actor) => ok({ items: (await deps.listApiKeys.execute({ actor })).map(toApiKeyDto) })),
    createApiKey: (op) =>
      op.tenant(manage, async ({ body }, actor) => {
        const { apiKey, key } = unwrap(await deps.createApiKey.execute({ actor, name: body.name, scopes: body.scopes }));
        return created({ ...toApiKeyDto(apiKey), key }, `/v1/api-keys/${apiKey.id}`);
      }),
    revokeApiKey: (op) => op.tenant(manage, ({ path }, actor) => noContentAfter(deps.revokeApiKey.execute({ actor, ...path }))),
  });
}
