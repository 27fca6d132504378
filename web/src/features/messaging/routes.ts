import { lazyPage, type FeatureRoute } from '../../lib/feature';

export const messagingRoutes: FeatureRoute[] = [
  { path: '/messages', page: lazyPage(() => import('./pages/messages-page')), permissions: ['messages.read'], nav: 'messages.nav', section: 'crisis' },
  { path: '/messages/templates', page: lazyPage(() => import('./pages/message-templates-page')), permissions: ['messages.send'] },
  { path: '/messages/new', page: lazyPage(() => import('./pages/compose-message-page')), permissions: ['messages.send'] },
  { path: '/messages/:messageId', page: lazyPage(() => import('./pages/message-page')), permissions: ['messages.read'] },
];
