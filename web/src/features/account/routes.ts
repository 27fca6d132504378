import { lazy } from 'react';
import type { FeatureRoute } from '../../lib/feature';

export const accountRoutes: FeatureRoute[] = [{ path: '/account', page: lazy(() => import('./pages/account-page')), permissions: ['me.read'], nav: 'account.nav', section: 'personal' }];
