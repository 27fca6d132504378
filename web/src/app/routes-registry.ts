import type { FeatureRoute, PublicRoute } from '../lib/feature';
import { accountRoutes } from '../features/account/routes';
import { contentRoutes } from '../features/content/routes';
import { incidentRoutes } from '../features/incidents/routes';
import { messagingRoutes } from '../features/messaging/routes';
import { peoplePublicRoutes, peopleRoutes } from '../features/people/routes';
import { privacyRoutes } from '../features/privacy/routes';
import { settingsRoutes } from '../features/settings/routes';

/** Every feature's routes, composed here: add a feature's list to these two arrays. */
export const featureRoutes: FeatureRoute[] = [...peopleRoutes, ...contentRoutes, ...accountRoutes, ...privacyRoutes, ...settingsRoutes, ...incidentRoutes, ...messagingRoutes];
export const publicRoutes: PublicRoute[] = [...peoplePublicRoutes];

/** The operator's console, in its own frame (platform-shell.tsx). */
export { platformRoutes, platformSignInRoute } from '../features/platform/routes';
