import { lazyPage, type FeatureRoute } from '../../lib/feature';

export const settingsRoutes: FeatureRoute[] = [
  { path: '/settings', page: lazyPage(() => import('./pages/organisation-page')), permissions: ['tenant.settings.write'], nav: 'settings.nav', section: 'organisation' },
];
