import { randomUUID } from 'node:crypto';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { InvalidDevice } from './messaging.errors.js';

export const PLATFORMS = ['web', 'android', 'ios'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** A member's app installation that receives pushes: its token, platform and app version. */
export class Device {
  id!: string;
  tenantId!: string;
  userId!: string;
  platform!: Platform;
  token!: string;
  appVersion!: string;
  disabledAt!: Date | null;
  disabledReason!: string | null;
  createdAt!: Date;
  updatedAt!: Date;

  private constructor() {}

  static register(props: { tenantId: string; userId: string; platform: Platform; token: string; appVersion: string }, now: Date): Result<Device, InvalidDevice> {
    const checked = checkToken(props.platform, props.token);
    if (!checked.ok) return checked;
    if (!isVersion(props.appVersion)) return fail(new InvalidDevice('appVersion', 'must look like 2.4.1'));
    const device = new Device();
    Object.assign(device, { ...props, id: randomUUID(), disabledAt: null, disabledReason: null, createdAt: now, updatedAt: now });
    return ok(device);
  }

  /** The same token registered again (by this or another user of the tenant): it now belongs to them. */
  refresh(userId: string, appVersion: string, now: Date): Result<void, InvalidDevice> {
    if (!isVersion(appVersion)) return fail(new InvalidDevice('appVersion', 'must look like 2.4.1'));
    Object.assign(this, { userId, appVersion, disabledAt: null, disabledReason: null, updatedAt: now });
    return ok(undefined);
  }
}

function checkToken(platform: Platform, token: string): Result<void, InvalidDevice> {
  if (token.length < 8 || token.length > 2000) return fail(new InvalidDevice('token', 'must be 8 to 2000 characters'));
  if (platform === 'web') {
    try {
      const sub = JSON.parse(token) as { endpoint?: unknown; keys?: { p256dh?: unknown; auth?: unknown } };
      if (typeof sub.endpoint !== 'string' || !/^https:\/\//.test(sub.endpoint) || typeof sub.keys?.p256dh !== 'string' || typeof sub.keys.auth !== 'string') throw new Error();
    } catch {
      return fail(new InvalidDevice('token', 'must be a Web Push subscription as JSON (endpoint and keys)'));
    }
  }
  return ok(undefined);
}

export function isVersion(version: string): boolean {
  return /^\d{1,5}(\.\d{1,5}){0,3}$/.test(version);
}

/** Compares dotted versions numerically: 2.10.0 is newer than 2.9.3. */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const diff = (left[i] ?? 0) - (right[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}
