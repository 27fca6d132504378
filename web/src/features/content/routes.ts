import { lazyPage, type FeatureRoute } from '../../lib/feature';
import { prefetchPreview, prefetchTree } from './api/use-content';

export const contentRoutes: FeatureRoute[] = [
  { path: '/content', page: lazyPage(() => import('./pages/content-page')), prefetch: prefetchTree, permissions: ['content.read'], nav: 'content.nav', section: 'information' },
  { path: '/preview-as', page: lazyPage(() => import('./pages/preview-page')), prefetch: prefetchPreview, permissions: ['content.read'], nav: 'content.preview.nav', section: 'information' },
  { path: '/contacts', page: lazyPage(() => import('./pages/contacts-page')), permissions: ['content.read'], nav: 'content.contacts.nav', section: 'information' },
  { path: '/media', page: lazyPage(() => import('./pages/media-page')), permissions: ['content.write'], nav: 'content.media.nav', section: 'information' },
  { path: '/branding', page: lazyPage(() => import('./pages/branding-page')), permissions: ['tenant.read'], nav: 'content.branding.nav', section: 'organisation' },
];
