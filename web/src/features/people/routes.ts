import { lazy } from 'react';
import type { FeatureRoute, PublicRoute } from '../../lib/feature';

export const peopleRoutes: FeatureRoute[] = [
  { path: '/people', page: lazy(() => import('./pages/users-page')), permissions: ['users.read'], nav: 'people.nav', section: 'people' },
  { path: '/people/:userId', page: lazy(() => import('./pages/user-page')), permissions: ['users.read'] },
  { path: '/groups', page: lazy(() => import('./pages/groups-page')), permissions: ['groups.read'], nav: 'groups.nav', section: 'people' },
  { path: '/groups/:groupId', page: lazy(() => import('./pages/group-page')), permissions: ['groups.read'] },
  { path: '/api-keys', page: lazy(() => import('./pages/api-keys-page')), permissions: ['apikeys.manage'], nav: 'apiKeys.nav', section: 'organisation' },
];

/** Opened from mailed links, before anyone is signed in. */
export const peoplePublicRoutes: PublicRoute[] = [
  { path: '/activate', page: lazy(() => import('./pages/set-password-page').then((m) => ({ default: m.ActivatePage }))) },
  { path: '/forgot-password', page: lazy(() => import('./pages/forgot-password-page')) },
  { path: '/reset-password', page: lazy(() => import('./pages/set-password-page').then((m) => ({ default: m.ResetPasswordPage }))) },
];
