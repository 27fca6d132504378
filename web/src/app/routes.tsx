import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ForbiddenPage, NotFoundPage } from '../components/forbidden-page';
import { LoadingState } from '../components/states';
import type { FeatureRoute } from '../lib/feature';
import { hasAnyPermission, useMe } from '../lib/session';
import { featureRoutes, publicRoutes } from './routes-registry';
import { Shell } from './shell';

const SignInPage = lazy(() => import('./pages/sign-in'));
const HomePage = lazy(() => import('./pages/home'));

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
  { path: '/sign-in', element: <Loading><SignInPage /></Loading> },
  ...publicRoutes.map((route) => {
    const Page = route.page;
    return { path: route.path, element: <Loading><Page /></Loading> };
  }),
  {
    element: <Shell />,
    children: [
      { index: true, element: <HomePage /> },
      ...featureRoutes.map((route) => ({ path: `${route.path}/*`, element: <Guarded route={route} /> })),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function AppRoutes() {
  return <RouterProvider router={router} />;
}
