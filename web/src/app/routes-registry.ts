import type { FeatureRoute, PublicRoute } from '../lib/feature';
import { incidentRoutes } from '../features/incidents/routes';
import { peoplePublicRoutes, peopleRoutes } from '../features/people/routes';

/** Every feature's routes, composed here: add a feature's list to these two arrays. */
export const featureRoutes: FeatureRoute[] = [...peopleRoutes, ...incidentRoutes];
export const publicRoutes: PublicRoute[] = [...peoplePublicRoutes];
