import { lazyPage, type FeatureRoute } from '../../lib/feature';

export const incidentRoutes: FeatureRoute[] = [
  { path: '/incidents', page: lazyPage(() => import('./pages/incidents-page')), permissions: ['incidents.read'], nav: 'incidents.nav', section: 'crisis' },
  { path: '/incident-setup', page: lazyPage(() => import('./pages/incident-setup-page')), permissions: ['incidents.setup'], nav: 'incidents.setup.nav', section: 'organisation' },
  { path: '/incidents/new', page: lazyPage(() => import('./pages/new-incident-page')), permissions: ['incidents.activate'] },
  { path: '/incidents/:incidentId', page: lazyPage(() => import('./pages/incident-room-page')), permissions: ['incidents.read'] },
];
