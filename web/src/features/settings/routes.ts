import { lazy } from 'react';
import type { FeatureRoute } from '../../lib/feature';

export const settingsRoutes: FeatureRoute[] = [
  { path: '/settings', page: lazy(() => import('./pages/organisation-page')), permissions: ['tenant.settings.write'], nav: 'settings.nav', section: 'organisation' },
];
