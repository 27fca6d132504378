import { lazyPage, type PublicRoute } from '../../lib/feature';

/** The operator's console: routes under /platform, inside the platform frame (web/src/app/platform-shell.tsx). */
export const platformRoutes: PublicRoute[] = [
  { path: '/platform', page: lazyPage(() => import('./pages/tenants-page')) },
  { path: '/platform/tenants/:tenantId', page: lazyPage(() => import('./pages/tenant-page')) },
];

export const platformSignInRoute: PublicRoute = { path: '/platform/sign-in', page: lazyPage(() => import('./pages/sign-in-page')) };
