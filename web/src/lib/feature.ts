import type { QueryClient } from '@tanstack/react-query';
import type { ComponentType, LazyExoticComponent } from 'react';

/**
 * What a feature hands the shell: its routes, each with the permission it needs (from GET
 * /v1/me's permissions) and, when it belongs in the navigation, its label key. The shell
 * (web/src/app/routes.tsx) composes the features; features never import each other.
 */
export interface FeatureRoute {
  path: string;
  page: LazyExoticComponent<ComponentType>;
  /** Any of these permissions opens the page; absent: every signed-in user. */
  permissions?: string[];
  /** i18n key of the navigation entry; absent: not in the navigation. */
  nav?: string;
  /** Fetches the page's code ahead, once the session is known (the same import as `page`'s). */
  preload?: () => Promise<unknown>;
  /** Starts the page's first requests once the caller is known to be allowed to open it, beside the code's download. */
  prefetch?: (client: QueryClient, search: URLSearchParams) => void;
}

export interface PublicRoute {
  path: string;
  page: LazyExoticComponent<ComponentType>;
}
