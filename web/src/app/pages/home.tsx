import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { unwrap } from '../../lib/problem';
import { hasAnyPermission, useMe } from '../../lib/session';
import { featureRoutes } from '../routes-registry';
import { useTenant } from '../tenant';

const OPEN_CALL_UPS_SHOWN = 5;

function Tile({ title, to, children }: { title: string; to: string; children: ReactNode }) {
  return (
    <Card withBorder padding="md" component="section" aria-label={title}>
      <Stack gap="xs">
        {/* A page not in the console yet (another part) is no dead link: the title stays plain text. */}
        {featureRoutes.some((route) => route.path === to) ? (
          <Anchor component={Link} to={to} fw={700} size="lg">
            {title}
          </Anchor>
        ) : (
          <Text fw={700} size="lg">
            {title}
          </Text>
        )}
        {children}
      </Stack>
    </Card>
  );
}

function ActiveIncidents() {
  const { t } = useTranslation();
  const incidents = useQuery({ queryKey: ['incidents', 'active'], queryFn: async () => unwrap(await api.GET('/v1/incidents', { params: { query: { status: 'active' } } })) });
  return (
    <Tile title={t('home.tiles.incidents')} to="/incidents">
      {incidents.data?.items.length === 0 && <Text c="dimmed">{t('home.tiles.noIncidents')}</Text>}
      {incidents.data?.items.map((incident) => (
        <Group key={incident.id} gap="xs">
          {incident.exercise && (
            <Badge color="yellow.4" c="black" radius="sm">
              {t('common.exercise')}
            </Badge>
          )}
          <Anchor component={Link} to={`/incidents/${incident.id}`}>
            {incident.title}
          </Anchor>
        </Group>
      ))}
    </Tile>
  );
}

function OpenCallUp({ messageId, title }: { messageId: string; title: string }) {
  const { t } = useTranslation();
  const stats = useQuery({ queryKey: ['messages', messageId, 'home'], refetchInterval: 15_000, queryFn: async () => unwrap(await api.GET('/v1/messages/{messageId}', { params: { path: { messageId } } })) });
  return (
    <Group gap="xs" justify="space-between" wrap="nowrap">
      <Anchor component={Link} to={`/messages/${messageId}`}>
        {title}
      </Anchor>
      {stats.data && <Text size="sm">{t('home.tiles.answered', { answered: stats.data.counts.answered, recipients: stats.data.counts.recipients })}</Text>}
    </Group>
  );
}

function OpenCallUps() {
  const { t } = useTranslation();
  const messages = useQuery({ queryKey: ['messages', 'home'], queryFn: async () => unwrap(await api.GET('/v1/messages', { params: { query: { pageSize: 50 } } })) });
  const now = Date.now();
  const open = (messages.data?.items ?? []).filter((message) => message.kind === 'call_up' && message.status === 'sent' && (!message.closesAt || Date.parse(message.closesAt) > now));
  return (
    <Tile title={t('home.tiles.callUps')} to="/messages">
      {messages.data && open.length === 0 && <Text c="dimmed">{t('home.tiles.noCallUps')}</Text>}
      {open.slice(0, OPEN_CALL_UPS_SHOWN).map((message) => (
        <OpenCallUp key={message.id} messageId={message.id} title={message.title} />
      ))}
    </Tile>
  );
}

function CountTile({ title, to, count, zero, many }: { title: string; to: string; count: number | undefined; zero: string; many: string }) {
  return (
    <Tile title={title} to={to}>
      {count !== undefined && <Text c={count > 0 ? undefined : 'dimmed'} fw={count > 0 ? 700 : undefined}>{count > 0 ? many : zero}</Text>}
    </Tile>
  );
}

function UnreachableItems() {
  const { t } = useTranslation();
  const items = useQuery({ queryKey: ['content', 'items', 'home'], queryFn: async () => unwrap(await api.GET('/v1/content/items')) });
  const count = items.data?.items.filter((item) => item.unreachable).length;
  return <CountTile title={t('home.tiles.unreachable')} to="/content" count={count} zero={t('home.tiles.noneUnreachable')} many={t('home.tiles.unreachableCount', { count: count ?? 0 })} />;
}

function PastRetention({ users, contacts }: { users: boolean; contacts: boolean }) {
  const { t } = useTranslation();
  const pastUsers = useQuery({ queryKey: ['users', 'past-retention'], enabled: users, queryFn: async () => unwrap(await api.GET('/v1/users', { params: { query: { pastRetention: true, pageSize: 1 } } })) });
  const pastContacts = useQuery({
    queryKey: ['contacts', 'past-retention'],
    enabled: contacts,
    queryFn: async () => unwrap(await api.GET('/v1/contacts', { params: { query: { pastRetention: true, pageSize: 1 } } })),
  });
  const ready = (!users || pastUsers.data) && (!contacts || pastContacts.data);
  const count = ready ? (pastUsers.data?.total ?? 0) + (pastContacts.data?.total ?? 0) : undefined;
  return <CountTile title={t('home.tiles.retention')} to="/privacy/retention" count={count} zero={t('home.tiles.noneRetention')} many={t('home.tiles.retentionCount', { count: count ?? 0 })} />;
}

function OverdueBreaches() {
  const { t } = useTranslation();
  const breaches = useQuery({ queryKey: ['breaches', 'home'], queryFn: async () => unwrap(await api.GET('/v1/privacy/breaches')) });
  const count = breaches.data?.items.filter((breach) => breach.overdue).length;
  return <CountTile title={t('home.tiles.breaches')} to="/privacy/breaches" count={count} zero={t('home.tiles.noneBreaches')} many={t('home.tiles.breachesCount', { count: count ?? 0 })} />;
}

/**
 * The crisis at a glance after sign-in: each tile only for those who may act on it (by the
 * permissions of GET /v1/me), each a link to where it is handled.
 */
export default function HomePage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { tenant, timeZone } = useTenant();
  const granted = me.data?.permissions;
  const may = (permission: string) => hasAnyPermission(granted, [permission]);
  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={1}>{t('home.title', { name: me.data?.name ?? '' })}</Title>
        {tenant && <Text>{t('home.organisation', { name: tenant.name })}</Text>}
        <Text c="dimmed">{t('home.now', { when: formatDateTime(new Date(), { language: i18n.language, timeZone }) })}</Text>
      </Stack>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {may('incidents.read') && <ActiveIncidents />}
        {may('messages.read') && <OpenCallUps />}
        {may('content.write') && <UnreachableItems />}
        {may('privacy.manage') && (may('users.read') || may('content.read')) && <PastRetention users={may('users.read')} contacts={may('content.read')} />}
        {may('privacy.manage') && <OverdueBreaches />}
      </SimpleGrid>
    </Stack>
  );
}
