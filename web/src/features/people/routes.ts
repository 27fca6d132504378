import { lazyPage, type FeatureRoute, type PublicRoute } from '../../lib/feature';

export const peopleRoutes: FeatureRoute[] = [
  { path: '/people', page: lazyPage(() => import('./pages/users-page')), permissions: ['users.read'], nav: 'people.nav', section: 'people' },
  { path: '/people/:userId', page: lazyPage(() => import('./pages/user-page')), permissions: ['users.read'] },
  { path: '/groups', page: lazyPage(() => import('./pages/groups-page')), permissions: ['groups.read'], nav: 'groups.nav', section: 'people' },
  { path: '/groups/:groupId', page: lazyPage(() => import('./pages/group-page')), permissions: ['groups.read'] },
  { path: '/api-keys', page: lazyPage(() => import('./pages/api-keys-page')), permissions: ['apikeys.manage'], nav: 'apiKeys.nav', section: 'organisation' },
];

/** Opened from mailed links, before anyone is signed in. */
export const peoplePublicRoutes: PublicRoute[] = [
  { path: '/activate', page: lazyPage(() => import('./pages/set-password-page').then((m) => ({ default: m.ActivatePage }))) },
  { path: '/forgot-password', page: lazyPage(() => import('./pages/forgot-password-page')) },
  { path: '/reset-password', page: lazyPage(() => import('./pages/set-password-page').then((m) => ({ default: m.ResetPasswordPage }))) },
];
