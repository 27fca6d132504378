import { Router } from 'express';
import { privacyErasureRouter } from './privacy-erasure.router.js';
import { privacyExportsRouter } from './privacy-exports.router.js';
import type { PrivacyHttpDeps } from './privacy-http.js';
import { processorAgreementsRouter } from './privacy-operator.router.js';
import { privacyRegistersRouter } from './privacy-registers.router.js';
import { privacySettingsRouter } from './privacy-settings.router.js';

export type { PrivacyHttpDeps } from './privacy-http.js';

/** Every privacy route, one router per resource. */
export function privacyRouter(deps: PrivacyHttpDeps): Router {
  return Router().use(
    privacySettingsRouter(deps),
    privacyExportsRouter(deps),
    privacyErasureRouter(deps),
    privacyRegistersRouter(deps),
    processorAgreementsRouter(deps),
  );
}
