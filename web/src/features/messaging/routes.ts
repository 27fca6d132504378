import { lazy } from 'react';
import type { FeatureRoute } from '../../lib/feature';

export const messagingRoutes: FeatureRoute[] = [
  { path: '/messages', page: lazy(() => import('./pages/messages-page')), permissions: ['messages.read'], nav: 'messages.nav' },
  { path: '/messages/templates', page: lazy(() => import('./pages/message-templates-page')), permissions: ['messages.send'] },
  { path: '/messages/new', page: lazy(() => import('./pages/compose-message-page')), permissions: ['messages.send'] },
  { path: '/messages/:messageId', page: lazy(() => import('./pages/message-page')), permissions: ['messages.read'] },
];
