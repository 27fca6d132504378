import { Router } from 'express';
import type { PathOf, RequestBody } from '../../../platform/http/contract.js';
import { unwrap, type Endpoints } from '../../../platform/http/endpoint.js';
import type { CreateApiKey, ListApiKeys, RevokeApiKey } from '../application/api-keys.js';
import { toApiKeyDto } from './user.dto.js';

export function apiKeysRouter(deps: { endpoints: Endpoints; createApiKey: CreateApiKey; listApiKeys: ListApiKeys; revokeApiKey: RevokeApiKey }): Router {
  const router = Router();
  const manage = { permission: 'apikeys.manage' } as const;
  router.get(
    '/v1/api-keys',
    deps.endpoints.tenant(manage, async (_req, actor) => ({
      status: 200,
      body: { items: (await deps.listApiKeys.execute({ actor })).map(toApiKeyDto) },
    })),
  );
  router.post(
    '/v1/api-keys',
    deps.endpoints.tenant(manage, async (req, actor) => {
      const body = req.body as RequestBody<'createApiKey'>;
      const { apiKey, key } = unwrap(await deps.createApiKey.execute({ actor, name: body.name, scopes: body.scopes }));
      return { status: 201, body: { ...toApiKeyDto(apiKey), key }, headers: { location: `/v1/api-keys/${apiKey.id}` } };
    }),
  );
  router.delete(
    '/v1/api-keys/:apiKeyId',
    deps.endpoints.tenant(manage, async (req, actor) => {
      const { apiKeyId } = req.params as PathOf<'revokeApiKey'>;
      unwrap(await deps.revokeApiKey.execute({ actor, apiKeyId }));
      return { status: 204 };
    }),
  );
  return router;
}
