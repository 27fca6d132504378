import { lazy } from 'react';
import type { FeatureRoute } from '../../lib/feature';
import { prefetchPreview, prefetchTree } from './api/use-content';

const contentPage = () => import('./pages/content-page');
const previewPage = () => import('./pages/preview-page');

export const contentRoutes: FeatureRoute[] = [
  { path: '/content', page: lazy(contentPage), preload: contentPage, prefetch: prefetchTree, permissions: ['content.read'], nav: 'content.nav' },
  { path: '/preview-as', page: lazy(previewPage), preload: previewPage, prefetch: prefetchPreview, permissions: ['content.read'], nav: 'content.preview.nav' },
  { path: '/contacts', page: lazy(() => import('./pages/contacts-page')), permissions: ['content.read'], nav: 'content.contacts.nav' },
  { path: '/media', page: lazy(() => import('./pages/media-page')), permissions: ['content.write'], nav: 'content.media.nav' },
  { path: '/branding', page: lazy(() => import('./pages/branding-page')), permissions: ['tenant.read'], nav: 'content.branding.nav' },
];
