import type { Router } from 'express';
import { unwrap } from '../../../platform/http/endpoint.js';
import { created, noContent, ok, operationsRouter } from '../../../platform/http/operations.js';
import { toDeviceDto } from './messaging.dto.js';
import type { MessagingHttpDeps } from './messaging-http.js';

/** The signed-in person's push devices, and the app versions the tenant still accepts. */
export function devicesRouter(
  deps: Pick<MessagingHttpDeps, 'endpoints' | 'listDevices' | 'registerDevice' | 'unregisterDevice' | 'getMinimums' | 'setMinimums' | 'checkVersion'>,
): Router {
  const devices = { permission: 'me.devices' } as const;
  return operationsRouter(deps.endpoints, {
    listMyDevices: (op) => op.person(devices, async (_input, actor) => ok({ items: (await deps.listDevices.execute({ actor })).map(toDeviceDto) })),
    registerDevice: (op) =>
      op.person(devices, async ({ body }, actor) => {
        const device = unwrap(await deps.registerDevice.execute({ actor, platform: body.platform, token: body.token, appVersion: body.appVersion }));
        return created(toDeviceDto(device), `/v1/me/devices/${device.id}`);
      }),
    unregisterDevice: (op) =>
      op.person(devices, async ({ path }, actor) => {
        unwrap(await deps.unregisterDevice.execute({ actor, ...path }));
        return noContent();
      }),
    getAppVersionMinimums: (op) => op.tenant({ permission: 'tenant.read' }, async (_input, actor) => ok(await deps.getMinimums.execute({ tenantId: actor.tenantId }))),
    setAppVersionMinimums: (op) =>
      op.tenant({ permission: 'tenant.settings.write' }, async ({ body }, actor) => {
        const minimums = unwrap(await deps.setMinimums.execute({ tenantId: actor.tenantId, minimums: body }));
        // The version gate caches minimums briefly in each process: this one applies the new ones at once.
        deps.checkVersion.forget(actor.tenantId);
        return ok(minimums);
      }),
  });
}
