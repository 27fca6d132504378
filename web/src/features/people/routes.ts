import { lazy } from 'react';
import type { FeatureRoute, PublicRoute } from '../../lib/feature';

export const peopleRoutes: FeatureRoute[] = [
  { path: '/people', page: lazy(() => import('./pages/users-page')), permissions: ['users.read'], nav: 'people.nav' },
];

/** Opened from mailed links, before anyone is signed in. */
export const peoplePublicRoutes: PublicRoute[] = [
  { path: '/activate', page: lazy(() => import('./pages/set-password-page').then((m) => ({ default: m.ActivatePage }))) },
  { path: '/reset-password', page: lazy(() => import('./pages/set-password-page').then((m) => ({ default: m.ResetPasswordPage }))) },
];
