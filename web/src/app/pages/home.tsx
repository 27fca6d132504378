import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { useMe } from '../../lib/session';
import { useTenant } from '../tenant';

export default function HomePage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { tenant, timeZone } = useTenant();
  return (
    <Stack gap="sm">
      <Title order={1}>{t('home.title', { name: me.data?.name ?? '' })}</Title>
      {tenant && <Text>{t('home.organisation', { name: tenant.name })}</Text>}
      <Text c="dimmed">{t('home.now', { when: formatDateTime(new Date(), { language: i18n.language, timeZone }) })}</Text>
    </Stack>
  );
}
