import { lazyPage, type FeatureRoute } from '../../lib/feature';

export const privacyRoutes: FeatureRoute[] = [
  { path: '/privacy/requests', page: lazyPage(() => import('./pages/requests-page')), permissions: ['privacy.manage'], nav: 'privacy.nav.requests', section: 'privacy' },
  { path: '/privacy/retention', page: lazyPage(() => import('./pages/retention-page')), permissions: ['privacy.manage'], nav: 'privacy.nav.retention', section: 'privacy' },
  { path: '/privacy/exports', page: lazyPage(() => import('./pages/exports-page')), permissions: ['privacy.manage'], nav: 'privacy.nav.exports', section: 'privacy' },
  { path: '/privacy/people/:type/:id', page: lazyPage(() => import('./pages/person-page')), permissions: ['privacy.manage'] },
  { path: '/privacy/breaches', page: lazyPage(() => import('./pages/breaches-page')), permissions: ['privacy.manage'], nav: 'privacy.nav.breaches', section: 'privacy' },
  { path: '/privacy/processing', page: lazyPage(() => import('./pages/processing-page')), permissions: ['privacy.manage'], nav: 'privacy.nav.processing', section: 'privacy' },
  { path: '/privacy/audit', page: lazyPage(() => import('./pages/audit-page')), permissions: ['audit.read'], nav: 'privacy.nav.audit', section: 'privacy' },
  { path: '/privacy/erasures', page: lazyPage(() => import('./pages/erasures-page')), permissions: ['privacy.manage'], nav: 'privacy.nav.erasures', section: 'privacy' },
];
