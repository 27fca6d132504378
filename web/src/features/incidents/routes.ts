import { lazy } from 'react';
import type { FeatureRoute } from '../../lib/feature';

export const incidentRoutes: FeatureRoute[] = [
  { path: '/incidents', page: lazy(() => import('./pages/incidents-page')), permissions: ['incidents.read'], nav: 'incidents.nav', section: 'crisis' },
  { path: '/incidents/new', page: lazy(() => import('./pages/new-incident-page')), permissions: ['incidents.activate'] },
  { path: '/incidents/:incidentId', page: lazy(() => import('./pages/incident-room-page')), permissions: ['incidents.read'] },
];
