import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start" gap="md" maw={560}>
      <Title order={1}>{t('common.forbiddenTitle')}</Title>
      <Text>{t('common.forbiddenText')}</Text>
      <Button component={Link} to="/">
        {t('common.toHome')}
      </Button>
    </Stack>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start" gap="md" maw={560}>
      <Title order={1}>{t('common.notFoundTitle')}</Title>
      <Button component={Link} to="/">
        {t('common.toHome')}
      </Button>
    </Stack>
  );
}
