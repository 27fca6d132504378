import { preparePhonePhotos } from './phone-photo.js';
import { startTestEnv, stopTestEnv } from './test-env.js';

export const mochaHooks = {
  async beforeAll(this: Mocha.Context): Promise<void> {
    this.timeout(120_000);
    await Promise.all([startTestEnv(), preparePhonePhotos()]);
  },
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(60_000);
    await stopTestEnv();
  },
};
