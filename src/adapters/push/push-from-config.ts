import { readFile } from 'node:fs/promises';
import type { Config } from '../../platform/config/config.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { PushPlatform, PushSender } from '../../platform/push/ports.js';
import { ApnsPushSender } from './apns-push.js';
import { ConsolePushSender } from './console-push.js';
import { FcmPushSender, type ServiceAccount } from './fcm-push.js';
import { RoutingPushSender } from './routing-push.js';
import { SimulatedPushSender } from './simulated-push.js';
import { WebPushSender } from './web-push.js';

/** The push sender the configuration asks for: the console, or each provider whose settings are given. */
export async function pushSender(config: Config, logger: Logger): Promise<PushSender> {
  if (config.PUSH_DRIVER === 'console') return new ConsolePushSender(logger);
  if (config.PUSH_DRIVER === 'simulated') return new SimulatedPushSender(config.PUSH_SIMULATED_LATENCY_MS);
  const senders: Partial<Record<PushPlatform, PushSender>> = {};
  if (config.VAPID_PUBLIC_KEY && config.VAPID_PRIVATE_KEY) {
    senders.web = new WebPushSender({ vapidPublicKey: config.VAPID_PUBLIC_KEY, vapidPrivateKey: config.VAPID_PRIVATE_KEY, subject: config.VAPID_SUBJECT });
  }
  if (config.FCM_SERVICE_ACCOUNT_FILE) {
    const serviceAccount = JSON.parse(await readFile(config.FCM_SERVICE_ACCOUNT_FILE, 'utf8')) as ServiceAccount;
    senders.android = new FcmPushSender({ serviceAccount, endpoint: config.FCM_ENDPOINT, ...(config.FCM_TOKEN_URL ? { tokenUrl: config.FCM_TOKEN_URL } : {}) });
  }
  if (config.APNS_KEY_FILE && config.APNS_KEY_ID && config.APNS_TEAM_ID && config.APNS_TOPIC) {
    senders.ios = new ApnsPushSender({
      privateKey: await readFile(config.APNS_KEY_FILE, 'utf8'),
      keyId: config.APNS_KEY_ID,
      teamId: config.APNS_TEAM_ID,
      topic: config.APNS_TOPIC,
      endpoint: config.APNS_ENDPOINT,
    });
  }
  return new RoutingPushSender(senders);
}
