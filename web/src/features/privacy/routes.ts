import { lazy } from 'react';
import type { FeatureRoute } from '../../lib/feature';

export const privacyRoutes: FeatureRoute[] = [
  { path: '/privacy/requests', page: lazy(() => import('./pages/requests-page')), permissions: ['privacy.manage'], nav: 'privacy.nav.requests' },
  { path: '/privacy/people/:type/:id', page: lazy(() => import('./pages/person-page')), permissions: ['privacy.manage'] },
  { path: '/privacy/breaches', page: lazy(() => import('./pages/breaches-page')), permissions: ['privacy.manage'], nav: 'privacy.nav.breaches' },
  { path: '/privacy/audit', page: lazy(() => import('./pages/audit-page')), permissions: ['audit.read'], nav: 'privacy.nav.audit' },
  { path: '/privacy/erasures', page: lazy(() => import('./pages/erasures-page')), permissions: ['privacy.manage'], nav: 'privacy.nav.erasures' },
];
