import type { FeatureRoute, PublicRoute } from '../lib/feature';
import { accountRoutes } from '../features/account/routes';
import { incidentRoutes } from '../features/incidents/routes';
import { messagingRoutes } from '../features/messaging/routes';
import { peoplePublicRoutes, peopleRoutes } from '../features/people/routes';

/** Every feature's routes, composed here: add a feature's list to these two arrays. */
export const featureRoutes: FeatureRoute[] = [...peopleRoutes, ...accountRoutes, ...incidentRoutes, ...messagingRoutes];
export const publicRoutes: PublicRoute[] = [...peoplePublicRoutes];
