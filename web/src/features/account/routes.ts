import { lazyPage, type FeatureRoute } from '../../lib/feature';

export const accountRoutes: FeatureRoute[] = [{ path: '/account', page: lazyPage(() => import('./pages/account-page')), permissions: ['me.read'], nav: 'account.nav', section: 'personal' }];
