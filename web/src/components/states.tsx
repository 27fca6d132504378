import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemError, problemKey } from '../lib/problem';

export function LoadingState() {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Loader aria-hidden />
      <Text ml="sm">{t('common.loading')}</Text>
    </Center>
  );
}

export function EmptyState({ message }: { message: string }) {
  return (
    <Center py="xl">
      <Text c="dimmed">{message}</Text>
    </Center>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const problem = error instanceof ProblemError ? error.problem : undefined;
  return (
    <Alert color="red" title={t('common.errorTitle')} role="alert">
      <Stack gap="sm" align="flex-start">
        <Text>{t([problemKey(problem), `problems.status.${problem?.status ?? 0}`, 'problems.unknown'])}</Text>
        {onRetry && <Button onClick={onRetry}>{t('common.retry')}</Button>}
      </Stack>
    </Alert>
  );
}
