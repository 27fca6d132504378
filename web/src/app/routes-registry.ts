import type { FeatureRoute, PublicRoute } from '../lib/feature';
import { accountRoutes } from '../features/account/routes';
import { contentRoutes } from '../features/content/routes';
import { peoplePublicRoutes, peopleRoutes } from '../features/people/routes';

/** Every feature's routes, composed here: add a feature's list to these two arrays. */
export const featureRoutes: FeatureRoute[] = [...peopleRoutes, ...contentRoutes, ...accountRoutes];
export const publicRoutes: PublicRoute[] = [...peoplePublicRoutes];
