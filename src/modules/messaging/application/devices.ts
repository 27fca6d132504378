import type { UserActor } from '../../../platform/auth/actor.js';
import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { compareVersions, Device, isVersion, PLATFORMS, type Platform } from '../domain/device.js';
import { AppUpdateRequired, InvalidDevice } from '../domain/messaging.errors.js';
import type { Minimums } from '../ports.js';
import type { MessagingDeps } from './deps.js';

/** The signed-in person whose inbox or devices these are. */
type Member = { actor: UserActor };

/**
 * Registers the app's push token. A token is one device: registered again (an app update, or
 * another user signing in on the same phone) it moves to the caller instead of being doubled.
 */
export class RegisterDevice {
  constructor(private readonly d: Pick<MessagingDeps, 'devices' | 'versions' | 'clock'>) {}

  async execute(command: Member & { platform: Platform; token: string; appVersion: string }): Promise<Result<Device, InvalidDevice | AppUpdateRequired>> {
    const now = this.d.clock.now();
    const minimum = (await this.d.versions.minimums(command.actor.tenantId))[command.platform];
    if (minimum && isVersion(command.appVersion) && compareVersions(command.appVersion, minimum) < 0) {
      return fail(new AppUpdateRequired(command.platform, command.appVersion, minimum));
    }
    const existing = await this.d.devices.byToken(command.actor.tenantId, command.token);
    if (existing) {
      const refreshed = existing.refresh(command.actor.userId, command.appVersion, now);
      return refreshed.ok ? ok(existing) : refreshed;
    }
    const { actor, platform, token, appVersion } = command;
    const created = Device.register({ tenantId: actor.tenantId, userId: actor.userId, platform, token, appVersion }, now);
    if (created.ok) this.d.devices.add(created.value);
    return created;
  }
}

export class ListDevices {
  constructor(private readonly d: Pick<MessagingDeps, 'devices'>) {}

  execute(query: Member): Promise<Device[]> {
    return this.d.devices.ofUser(query.actor.tenantId, query.actor.userId);
  }
}

export class UnregisterDevice {
  constructor(private readonly d: Pick<MessagingDeps, 'devices'>) {}

  async execute(command: Member & { deviceId: string }): Promise<Result<void, NotFound>> {
    const device = await this.d.devices.byId(command.actor.tenantId, command.deviceId);
    if (!device || device.userId !== command.actor.userId) return fail(new NotFound('Device'));
    this.d.devices.remove(device);
    return ok(undefined);
  }
}

export class GetMinimumVersions {
  constructor(private readonly d: Pick<MessagingDeps, 'versions'>) {}

  execute(query: { tenantId: string }): Promise<Minimums> {
    return this.d.versions.minimums(query.tenantId);
  }
}

export class SetMinimumVersions {
  constructor(private readonly d: Pick<MessagingDeps, 'versions' | 'clock'>) {}

  async execute(command: { tenantId: string; minimums: Minimums }): Promise<Result<Minimums, InvalidDevice>> {
    for (const platform of PLATFORMS) {
      const version = command.minimums[platform];
      if (version !== undefined && !isVersion(version)) return fail(new InvalidDevice(platform, 'must look like 2.4.1'));
    }
    await this.d.versions.replace(command.tenantId, command.minimums, this.d.clock.now());
    return ok(command.minimums);
  }
}

/**
 * Refuses a request from an app older than the tenant's minimum for its platform (the app
 * sends X-App-Platform and X-App-Version). Minimums are cached briefly per tenant.
 */
export class CheckAppVersion {
  private readonly cache = new Map<string, { minimums: Minimums; until: number }>();

  constructor(private readonly d: Pick<MessagingDeps, 'versions' | 'transactions'>, private readonly cacheMs = 5_000) {}

  async execute(query: { tenantId: string; platform: string; version: string }): Promise<Result<void, AppUpdateRequired>> {
    if (!(PLATFORMS as readonly string[]).includes(query.platform) || !isVersion(query.version)) return ok(undefined);
    const now = Date.now();
    let cached = this.cache.get(query.tenantId);
    if (!cached || cached.until < now) {
      const minimums = await this.d.transactions.run(query.tenantId, () => this.d.versions.minimums(query.tenantId));
      cached = { minimums, until: now + this.cacheMs };
      this.cache.set(query.tenantId, cached);
    }
    const minimum = cached.minimums[query.platform as Platform];
    if (minimum && compareVersions(query.version, minimum) < 0) return fail(new AppUpdateRequired(query.platform, query.version, minimum));
    return ok(undefined);
  }

  forget(tenantId: string): void {
    this.cache.delete(tenantId);
  }
}
