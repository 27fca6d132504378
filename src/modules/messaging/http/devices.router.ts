import { Router } from 'express';
import type { PathOf, RequestBody } from '../../../platform/http/contract.js';
import { unwrap } from '../../../platform/http/endpoint.js';
import { toDeviceDto } from './messaging.dto.js';
import type { MessagingHttpDeps } from './messaging-http.js';

/** The signed-in person's push devices, and the app versions the tenant still accepts. */
export function devicesRouter(deps: MessagingHttpDeps): Router {
  const router = Router();
  const { endpoints } = deps;
  const devices = { permission: 'me.devices' } as const;
  router.get(
    '/v1/me/devices',
    endpoints.person(devices, async (_req, actor) => ({
      status: 200,
      body: { items: (await deps.listDevices.execute({ actor })).map(toDeviceDto) },
    })),
  );
  router.post(
    '/v1/me/devices',
    endpoints.person(devices, async (req, actor) => {
      const body = req.body as RequestBody<'registerDevice'>;
      const device = unwrap(
        await deps.registerDevice.execute({ actor, platform: body.platform, token: body.token, appVersion: body.appVersion }),
      );
      return { status: 201, body: toDeviceDto(device), headers: { location: `/v1/me/devices/${device.id}` } };
    }),
  );
  router.delete(
    '/v1/me/devices/:deviceId',
    endpoints.person(devices, async (req, actor) => {
      const { deviceId } = req.params as PathOf<'unregisterDevice'>;
      unwrap(await deps.unregisterDevice.execute({ actor, deviceId }));
      return { status: 204 };
    }),
  );
  router.get(
    '/v1/settings/app-versions',
    endpoints.tenant({ permission: 'tenant.read' }, async (_req, actor) => ({
      status: 200,
      body: await deps.getMinimums.execute({ tenantId: actor.tenantId }),
    })),
  );
  router.put(
    '/v1/settings/app-versions',
    endpoints.tenant({ permission: 'tenant.settings.write' }, async (req, actor) => {
      const body = req.body as RequestBody<'setAppVersionMinimums'>;
      const minimums = unwrap(await deps.setMinimums.execute({ tenantId: actor.tenantId, minimums: body }));
      deps.checkVersion.forget(actor.tenantId);
      return { status: 200, body: minimums };
    }),
  );
  return router;
}
