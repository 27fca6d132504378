import { AppShell, Burger, Button, Group, NavLink, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { ProtectedImage } from '../components/protected-file';
import { ErrorState, LoadingState } from '../components/states';
import { LanguageSwitch } from '../components/language-switch';
import { NAV_SECTIONS } from '../lib/feature';
import { hasAnyPermission, useMe } from '../lib/session';
import { featureRoutes } from './routes-registry';
import { useSession } from './session';
import { useTenant } from './tenant';

/** The signed-in frame: navigation from the caller's permissions, branding, language, sign-out. */
export function Shell() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const me = useMe();
  const { tenant, logo } = useTenant();
  const [opened, { toggle, close }] = useDisclosure();
  const queryClient = useQueryClient();

  // The page's first data beside its code (which routes.tsx fetches at load), not after it: its
  // requests start once /v1/me says the caller may open it, before the page has rendered.
  const route = featureRoutes.find((candidate) => location.pathname === candidate.path || location.pathname.startsWith(`${candidate.path}/`));
  const permissions = me.data?.permissions;
  useEffect(() => {
    if (permissions && route?.prefetch && hasAnyPermission(permissions, route.permissions)) route.prefetch(queryClient, new URLSearchParams(location.search));
    // Once per page and set of permissions: from there the page's own queries take over.
  }, [permissions, route, queryClient]);

  if (session.status === 'signedOut') return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  if (session.status === 'checking' || me.isPending) return <LoadingState />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;

  const entries = featureRoutes.filter((route) => route.nav && hasAnyPermission(me.data.permissions, route.permissions));
  // Grouped, so the eye finds a page among twenty: a section shows only when one of its pages may be opened.
  const sections = NAV_SECTIONS.map((section) => ({ section, routes: entries.filter((route) => (route.section ?? 'organisation') === section) })).filter((group) => group.routes.length > 0);
  const logoUrl = logo?.urls.display ?? logo?.urls.original;

  return (
    <AppShell header={{ height: 64 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('shell.menu')} />
            {logoUrl && <ProtectedImage src={logoUrl} fallbackSrc={logo?.urls.original} alt={tenant?.name ?? ''} h={36} w="auto" />}
            <Text fw={700} truncate>
              {tenant?.name ?? t('shell.product')}
            </Text>
          </Group>
          {/* At phone width the switch and sign-out live in the burger menu: the header has no room. */}
          <Group gap="sm" wrap="nowrap" visibleFrom="sm">
            <LanguageSwitch />
            <Button variant="default" size="xs" onClick={() => void session.signOut()}>
              {t('shell.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      {/* An admin's list is longer than a short window: it scrolls rather than hiding its last entries. */}
      <AppShell.Navbar p="sm" aria-label={t('shell.navigation')} style={{ overflowY: 'auto' }}>
        <div>
          <NavLink component={Link} to="/" variant="filled" label={t('shell.nav.home')} active={location.pathname === '/'} onClick={close} />
          {sections.map(({ section, routes }) => (
            <div key={section} role="group" aria-labelledby={`nav-section-${section}`}>
              <Text id={`nav-section-${section}`} size="xs" fw={700} tt="uppercase" c="dimmed" px="sm" pt="md" pb={4}>
                {t(`shell.sections.${section}`)}
              </Text>
              {routes.map((route) => (
                <NavLink key={route.path} component={Link} to={route.path} variant="filled" label={t(route.nav!)} active={location.pathname.startsWith(route.path)} onClick={close} />
              ))}
            </div>
          ))}
        </div>
        <Stack gap="sm" mt="lg" hiddenFrom="sm" align="flex-start">
          <LanguageSwitch />
          <Button variant="default" size="xs" onClick={() => void session.signOut()}>
            {t('shell.signOut')}
          </Button>
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<LoadingState />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
