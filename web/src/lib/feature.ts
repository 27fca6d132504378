import type { QueryClient } from '@tanstack/react-query';
import { createElement, lazy, type ComponentType, type LazyExoticComponent } from 'react';

/** A page loaded on first use whose chunk can also be fetched ahead of it (routes.tsx does so for the page a reload opens). */
export type PageComponent = ComponentType & { preload?: () => Promise<unknown> };

/**
 * A page whose code is fetched on first use or ahead of it. Once the code is in, the page renders
 * at once instead of suspending: React holds back what a Suspense fallback gave way to for up to
 * 300 ms, which a page whose chunk was fetched beside the session would otherwise wait for.
 */
export function lazyPage(load: () => Promise<{ default: ComponentType }>): PageComponent {
  let loaded: ComponentType | null = null;
  const preload = () =>
    load().then((module) => {
      loaded = module.default;
      return module;
    });
  const Lazy: LazyExoticComponent<ComponentType> = lazy(preload);
  const Page = () => createElement(loaded ?? Lazy);
  return Object.assign(Page, { preload });
}

/** The sections of the navigation, in the order they are shown: a crisis first, the organisation's housekeeping last. */
export const NAV_SECTIONS = ['crisis', 'information', 'people', 'privacy', 'organisation', 'personal'] as const;
export type NavSection = (typeof NAV_SECTIONS)[number];

/**
 * What a feature hands the shell: its routes, each with the permission it needs (from GET
 * /v1/me's permissions) and, when it belongs in the navigation, its label key. The shell
 * (web/src/app/routes.tsx) composes the features; features never import each other.
 */
export interface FeatureRoute {
  path: string;
  page: PageComponent;
  /** Any of these permissions opens the page; absent: every signed-in user. */
  permissions?: string[];
  /** i18n key of the navigation entry; absent: not in the navigation. */
  nav?: string;
  /** Where the entry stands in the navigation. */
  section?: NavSection;
  /** Starts the page's first requests once the caller is known to be allowed to open it, beside the code's download. */
  prefetch?: (client: QueryClient, search: URLSearchParams) => void;
}

export interface PublicRoute {
  path: string;
  page: PageComponent;
}
