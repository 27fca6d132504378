import { randomUUID } from 'node:crypto';

export type DevicePlatform = 'ios' | 'android' | 'web' | 'other';

export interface Device {
  name: string | null;
  platform: DevicePlatform | null;
  appVersion: string | null;
}

/** A signed-in device. Its access tokens die with it: every request checks it is not revoked. */
export class DeviceSession {
  id!: string;
  tenantId!: string;
  userId!: string;
  deviceName!: string | null;
  platform!: DevicePlatform | null;
  appVersion!: string | null;
  createdAt!: Date;
  lastSeenAt!: Date;
  revokedAt!: Date | null;
  revokeReason!: string | null;

  private constructor() {}

  static start(props: { tenantId: string; userId: string; device: Device }, now: Date): DeviceSession {
    const session = new DeviceSession();
    Object.assign(session, {
      id: randomUUID(),
      tenantId: props.tenantId,
      userId: props.userId,
      deviceName: props.device.name,
      platform: props.device.platform,
      appVersion: props.device.appVersion,
      createdAt: now,
      lastSeenAt: now,
      revokedAt: null,
      revokeReason: null,
    });
    return session;
  }

  isActive(): boolean {
    return this.revokedAt === null;
  }

  seen(now: Date, appVersion?: string | null): void {
    this.lastSeenAt = now;
    if (appVersion) this.appVersion = appVersion;
  }

  revoke(reason: string, now: Date): void {
    if (this.revokedAt) return;
    this.revokedAt = now;
    this.revokeReason = reason;
  }
}

/**
 * One refresh token of a session. Tokens rotate: each is exchanged once. A token that comes
 * back after its exchange was stolen or leaked, so the session it belongs to is ended.
 */
export class RefreshToken {
  id!: string;
  tenantId!: string;
  sessionId!: string;
  tokenHash!: string;
  createdAt!: Date;
  rotatedAt!: Date | null;

  private constructor() {}

  static issue(props: { tenantId: string; sessionId: string; tokenHash: string }, now: Date): RefreshToken {
    const token = new RefreshToken();
    Object.assign(token, { id: randomUUID(), ...props, createdAt: now, rotatedAt: null });
    return token;
  }

  /** Marks the token exchanged; false when it had been exchanged before (reuse). */
  rotate(now: Date): boolean {
    if (this.rotatedAt) return false;
    this.rotatedAt = now;
    return true;
  }
}
