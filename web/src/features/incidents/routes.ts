import { lazy } from 'react';
import type { FeatureRoute } from '../../lib/feature';

export const incidentRoutes: FeatureRoute[] = [
  { path: '/incidents', page: lazy(() => import('./pages/incidents-page')), permissions: ['incidents.read'], nav: 'incidents.nav' },
  { path: '/incident-setup', page: lazy(() => import('./pages/incident-setup-page')), permissions: ['incidents.setup'], nav: 'incidents.setup.nav' },
  { path: '/incidents/new', page: lazy(() => import('./pages/new-incident-page')), permissions: ['incidents.activate'] },
  { path: '/incidents/:incidentId', page: lazy(() => import('./pages/incident-room-page')), permissions: ['incidents.read'] },
];
