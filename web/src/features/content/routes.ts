import { lazy } from 'react';
import type { FeatureRoute } from '../../lib/feature';

export const contentRoutes: FeatureRoute[] = [
  { path: '/content', page: lazy(() => import('./pages/content-page')), permissions: ['content.read'], nav: 'content.nav', section: 'information' },
  { path: '/preview-as', page: lazy(() => import('./pages/preview-page')), permissions: ['content.read'], nav: 'content.preview.nav', section: 'information' },
  { path: '/contacts', page: lazy(() => import('./pages/contacts-page')), permissions: ['content.read'], nav: 'content.contacts.nav', section: 'information' },
  { path: '/media', page: lazy(() => import('./pages/media-page')), permissions: ['content.write'], nav: 'content.media.nav', section: 'information' },
  { path: '/branding', page: lazy(() => import('./pages/branding-page')), permissions: ['tenant.read'], nav: 'content.branding.nav', section: 'organisation' },
];
