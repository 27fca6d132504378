import { lazy } from 'react';
import type { PublicRoute } from '../../lib/feature';

/** The operator's console: routes under /platform, inside the platform frame (web/src/app/platform-shell.tsx). */
export const platformRoutes: PublicRoute[] = [
  { path: '/platform', page: lazy(() => import('./pages/tenants-page')) },
  { path: '/platform/tenants/:tenantId', page: lazy(() => import('./pages/tenant-page')) },
];

export const platformSignInRoute: PublicRoute = { path: '/platform/sign-in', page: lazy(() => import('./pages/sign-in-page')) };
