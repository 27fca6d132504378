import { AppShell, Burger, Button, Group, NavLink, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { LanguageSwitch } from '../components/language-switch';
import { LoadingState } from '../components/states';
import { endOperatorSession, useOperatorSession } from '../lib/operator';

/** The operator's frame at /platform: no tenant, no branding; its own sign-in. */
export function PlatformShell() {
  const { t } = useTranslation();
  const session = useOperatorSession();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure();

  if (!session.signedIn) return <Navigate to="/platform/sign-in" replace state={{ from: location.pathname }} />;

  const signOut = () => endOperatorSession('signedOut');
  return (
    <AppShell header={{ height: 64 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('shell.menu')} />
            <Text fw={700} truncate>
              {t('platform.product')}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap" visibleFrom="sm">
            <LanguageSwitch />
            <Button variant="default" size="xs" onClick={signOut}>
              {t('shell.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('shell.navigation')}>
        <NavLink component={Link} to="/platform" variant="filled" label={t('platform.nav.tenants')} active={location.pathname.startsWith('/platform')} onClick={close} />
        <Stack gap="sm" mt="lg" hiddenFrom="sm" align="flex-start">
          <LanguageSwitch />
          <Button variant="default" size="xs" onClick={signOut}>
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
