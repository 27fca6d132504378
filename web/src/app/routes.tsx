import { Suspense, type ReactNode } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ForbiddenPage, NotFoundPage } from '../components/forbidden-page';
import { LoadingState } from '../components/states';
import { lazyPage, type FeatureRoute, type PageComponent } from '../lib/feature';
import { hasAnyPermission, useMe } from '../lib/session';
import { PlatformShell } from './platform-shell';
import { featureRoutes, platformRoutes, platformSignInRoute, publicRoutes } from './routes-registry';
import { Shell } from './shell';

const SignInPage = lazyPage(() => import('./pages/sign-in'));
const HomePage = lazyPage(() => import('./pages/home'));

function Guarded({ route }: { route: FeatureRoute }) {
  const me = useMe();
  if (!hasAnyPermission(me.data?.permissions, route.permissions)) return <ForbiddenPage />;
  const Page = route.page;
  return <Page />;
}

function Loading({ children }: { children: ReactNode }) {
  return <Suspense fallback={<LoadingState />}>{children}</Suspense>;
}

const router = createBrowserRouter([
  { path: '/sign-in', element: <Loading><SignInPage /></Loading>, handle: { page: SignInPage } },
  ...publicRoutes.map((route) => {
    const Page = route.page;
    return { path: route.path, element: <Loading><Page /></Loading>, handle: { page: Page } };
  }),
  (() => {
    const Page = platformSignInRoute.page;
    return { path: platformSignInRoute.path, element: <Loading><Page /></Loading>, handle: { page: Page } };
  })(),
  {
    element: <PlatformShell />,
    children: platformRoutes.map((route) => {
      const Page = route.page;
      return { path: route.path, element: <Page />, handle: { page: Page } };
    }),
  },
  {
    element: <Shell />,
    children: [
      { index: true, element: <HomePage />, handle: { page: HomePage } },
      ...featureRoutes.map((route) => ({ path: `${route.path}/*`, element: <Guarded route={route} />, handle: { page: route.page } })),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

// A page's chunk loads when it first renders, which on a reload is after the session's renewal
// and GET /v1/me: fetch the opened page's chunk now, beside them.
for (const match of router.state.matches) void (match.route.handle as { page?: PageComponent } | undefined)?.page?.preload?.().catch(() => undefined);

export function AppRoutes() {
  return <RouterProvider router={router} />;
}
