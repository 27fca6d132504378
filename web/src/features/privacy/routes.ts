import { lazy } from 'react';
import type { FeatureRoute } from '../../lib/feature';

export const privacyRoutes: FeatureRoute[] = [
  { path: '/privacy/requests', page: lazy(() => import('./pages/requests-page')), permissions: ['privacy.manage'], nav: 'privacy.nav.requests', section: 'privacy' },
  { path: '/privacy/retention', page: lazy(() => import('./pages/retention-page')), permissions: ['privacy.manage'], nav: 'privacy.nav.retention', section: 'privacy' },
  { path: '/privacy/exports', page: lazy(() => import('./pages/exports-page')), permissions: ['privacy.manage'], nav: 'privacy.nav.exports', section: 'privacy' },
  { path: '/privacy/people/:type/:id', page: lazy(() => import('./pages/person-page')), permissions: ['privacy.manage'] },
  { path: '/privacy/breaches', page: lazy(() => import('./pages/breaches-page')), permissions: ['privacy.manage'], nav: 'privacy.nav.breaches', section: 'privacy' },
  { path: '/privacy/processing', page: lazy(() => import('./pages/processing-page')), permissions: ['privacy.manage'], nav: 'privacy.nav.processing', section: 'privacy' },
  { path: '/privacy/audit', page: lazy(() => import('./pages/audit-page')), permissions: ['audit.read'], nav: 'privacy.nav.audit', section: 'privacy' },
  { path: '/privacy/erasures', page: lazy(() => import('./pages/erasures-page')), permissions: ['privacy.manage'], nav: 'privacy.nav.erasures', section: 'privacy' },
];
