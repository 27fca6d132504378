/**
 * The push port: one notification to one device, whichever provider serves its platform.
 * Adapters (src/adapters/push) speak Web Push, FCM HTTP v1, APNs or the console; no vendor type
 * crosses this line.
 */
export type PushPlatform = 'web' | 'android' | 'ios';

export interface PushNotification {
  platform: PushPlatform;
  /** The device's push token: an FCM/APNs token, or a Web Push subscription as JSON. */
  token: string;
  title: string;
  body: string;
  priority: 'normal' | 'urgent';
  /**
   * Unique per message and device. Sent as the provider's collapse id (APNs apns-collapse-id,
   * FCM collapse key, Web Push Topic): APNs replaces a shown notification with it; FCM and Web Push
   * only merge notifications not yet delivered, hence `tag`.
   */
  deliveryKey: string;
  /**
   * The message's id, the same for every device: the tag of the notification the device shows
   * (FCM android.notification.tag, `tag` in the Web Push payload for the service worker's
   * showNotification), so a repeat replaces the notification already on screen.
   */
  tag: string;
  data: Record<string, string>;
}

export type PushOutcome =
  | { status: 'sent' }
  /** The provider says this token will never work again: the device is disabled. */
  | { status: 'invalid_token'; reason: string }
  /** Try again later (throttled, provider unavailable). */
  | { status: 'retry'; reason: string; retryAfterSeconds?: number }
  /** A permanent failure of this notification that is not the token's fault. */
  | { status: 'failed'; reason: string };

export interface PushSender {
  send(notification: PushNotification): Promise<PushOutcome>;
}
