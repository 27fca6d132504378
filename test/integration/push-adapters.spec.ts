import { createDecipheriv, createECDH, generateKeyPairSync, hkdfSync, randomBytes, type ECDH } from 'node:crypto';
import https from 'node:https';
import { expect } from 'chai';
import webpush from 'web-push';
import { ApnsPushSender } from '../../src/adapters/push/apns-push.js';
import { FcmPushSender } from '../../src/adapters/push/fcm-push.js';
import { WebPushSender } from '../../src/adapters/push/web-push.js';
import type { PushNotification } from '../../src/platform/push/ports.js';
import { fakeApns, fakeFcm, fakeWebPush, localCertificate } from '../helpers/fake-push-providers.js';

const note = (platform: PushNotification['platform'], token: string): PushNotification => ({
  platform,
  token,
  title: 'Opkomst crisisteam',
  body: 'Kom naar de crisiskamer.',
  priority: 'urgent',
  deliveryKey: '5b1e2c3d-4f5a-4b6c-8d7e-9f0a1b2c3d4e:1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  tag: '5b1e2c3d-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
  data: { messageId: '5b1e2c3d-4f5a-4b6c-8d7e-9f0a1b2c3d4e' },
});

/** What the browser does with a Web Push body (RFC 8291, aes128gcm of RFC 8188, one record). */
function decryptWebPush(body: Buffer, receiver: ECDH, authSecret: Buffer): string {
  const salt = body.subarray(0, 16);
  const idLength = body.readUInt8(20);
  const senderKey = body.subarray(21, 21 + idLength);
  const record = body.subarray(21 + idLength);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), receiver.getPublicKey(), senderKey]);
  const ikm = Buffer.from(hkdfSync('sha256', receiver.computeSecret(senderKey), authSecret, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  let end = padded.length - 1;
  while (end > 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error('not the last record');
  return padded.subarray(0, end).toString('utf8');
}

describe('push adapters against local servers that play the providers', () => {
  it('FCM HTTP v1: service-account OAuth grant, then success with collapse key and notification tag, unregistered token and throttling', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const fcm = await fakeFcm(publicKey);
    try {
      const sender = new FcmPushSender({
        serviceAccount: { project_id: 'crisis-demo', client_email: 'push@crisis-demo.iam.gserviceaccount.com', private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), token_uri: 'https://oauth2.googleapis.com/token' },
        tokenUrl: fcm.tokenUrl,
        endpoint: fcm.url,
      });
      expect(await sender.send(note('android', 'ok-device-1'))).to.deep.equal({ status: 'sent' });
      expect(await sender.send(note('android', 'ok-device-2'))).to.deep.equal({ status: 'sent' });
      expect(fcm.grants, 'the access token is reused').to.equal(1);
      expect(fcm.delivered.map((d) => d.token)).to.deep.equal(['ok-device-1', 'ok-device-2']);
      expect(fcm.delivered[0]!.collapseKey).to.be.a('string').and.have.length.within(1, 64);
      expect(JSON.parse(fcm.delivered[0]!.body).message.android.priority).to.equal('HIGH');
      // collapse_key only merges undelivered messages; the tag makes a repeat replace the shown one.
      expect(JSON.parse(fcm.delivered[0]!.body).message.android.notification).to.deep.equal({ tag: note('android', '').tag });
      expect(await sender.send(note('android', 'gone-device'))).to.include({ status: 'invalid_token' });
      expect(await sender.send(note('android', 'busy-device'))).to.deep.include({ status: 'retry', retryAfterSeconds: 1 });
      // A key the provider does not know is refused at the grant.
      const stranger = new FcmPushSender({
        serviceAccount: { project_id: 'x', client_email: 'x@x', private_key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), token_uri: fcm.tokenUrl },
        endpoint: fcm.url,
      });
      let refused = false;
      await stranger.send(note('android', 'ok-device-3')).catch(() => (refused = true));
      expect(refused).to.equal(true);
      expect(fcm.delivered).to.have.length(2);
    } finally {
      await fcm.close();
    }
  });

  it('APNs over HTTP/2 with an ES256 provider token: success, bad and unregistered tokens, throttling', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const expected = { keyId: 'ABC123DEFG', teamId: 'DEF123GHIJ', topic: 'nl.crisisplatform.app' };
    const apns = await fakeApns(publicKey, expected);
    const sender = new ApnsPushSender({ privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), ...expected, endpoint: apns.url });
    try {
      expect(await sender.send(note('ios', 'a1b2c3'))).to.deep.equal({ status: 'sent' });
      expect(apns.delivered[0]).to.include({ token: 'a1b2c3', collapseKey: note('ios', '').deliveryKey.slice(0, 64) });
      expect(JSON.parse(apns.delivered[0]!.body).aps.alert).to.deep.equal({ title: 'Opkomst crisisteam', body: 'Kom naar de crisiskamer.' });
      expect(await sender.send(note('ios', 'bad-1'))).to.deep.equal({ status: 'invalid_token', reason: 'apns BadDeviceToken' });
      expect(await sender.send(note('ios', 'gone-1'))).to.deep.equal({ status: 'invalid_token', reason: 'apns Unregistered' });
      expect(await sender.send(note('ios', 'busy-1'))).to.include({ status: 'retry' });
      const wrongTeam = new ApnsPushSender({ privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), ...expected, teamId: 'OTHER', endpoint: apns.url });
      expect(await wrongTeam.send(note('ios', 'a1b2c3'))).to.include({ status: 'failed' });
      wrongTeam.close();
      expect(apns.delivered).to.have.length(1);
    } finally {
      sender.close();
      await apns.close();
    }
  });

  it('Web Push with VAPID: encrypted payload carrying the notification tag, success, expired subscription and throttling', async () => {
    const vapid = webpush.generateVAPIDKeys();
    const tls = localCertificate();
    const provider = await fakeWebPush(vapid.publicKey, tls);
    const sender = new WebPushSender({ vapidPublicKey: vapid.publicKey, vapidPrivateKey: vapid.privateKey, subject: 'mailto:beheer@zorggroep.example', agent: new https.Agent({ ca: tls.cert }) });
    const browsers = new Map<string, { ecdh: ECDH; auth: Buffer }>();
    const subscription = (id: string): string => {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16);
      browsers.set(id, { ecdh, auth });
      return JSON.stringify({ endpoint: `${provider.url}/push/${id}`, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') } });
    };
    try {
      expect(await sender.send(note('web', subscription('ok-1')))).to.deep.equal({ status: 'sent' });
      expect(provider.delivered[0]).to.include({ token: 'ok-1' });
      expect(provider.delivered[0]!.collapseKey).to.match(/^[A-Za-z0-9_-]{1,32}$/);
      // The browser decrypts the payload; its service worker shows it with this tag, so a repeat replaces it.
      const shown = JSON.parse(decryptWebPush(Buffer.from(provider.delivered[0]!.body, 'base64'), browsers.get('ok-1')!.ecdh, browsers.get('ok-1')!.auth));
      expect(shown).to.deep.equal({ title: 'Opkomst crisisteam', body: 'Kom naar de crisiskamer.', tag: note('web', '').tag, data: { messageId: note('web', '').tag } });
      expect(await sender.send(note('web', subscription('gone-1')))).to.include({ status: 'invalid_token' });
      expect(await sender.send(note('web', subscription('busy-1')))).to.include({ status: 'retry' });
      expect(await sender.send(note('web', 'not json'))).to.include({ status: 'invalid_token' });
      const otherKeys = webpush.generateVAPIDKeys();
      const stranger = new WebPushSender({ vapidPublicKey: otherKeys.publicKey, vapidPrivateKey: otherKeys.privateKey, subject: 'mailto:x@example.org', agent: new https.Agent({ ca: tls.cert }) });
      expect(await stranger.send(note('web', subscription('ok-2')))).to.include({ status: 'failed' });
      expect(provider.delivered).to.have.length(1);
    } finally {
      await provider.close();
    }
  });
});
