import { Alert, Badge, Button, Checkbox, Code, CopyButton, Group, Modal, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states';
import { applyProblem } from '../../../lib/form';
import { formatDateTime } from '../../../lib/format';
import { ProblemError } from '../../../lib/problem';
import { useTimeZone } from '../../../lib/session';
import { API_SCOPES, useApiKeys, useCreateApiKey, useRevokeApiKey, type ApiScope } from '../api/use-api-keys';

function CreateKey({ onCreated, onCancel }: { onCreated: (key: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const create = useCreateApiKey();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: '', scopes: [] as ApiScope[] },
    validate: { scopes: (value) => (value.length === 0 ? t('apiKeys.scopesRequired') : null) },
  });
  const submit = form.onSubmit(async (values) => {
    setMessage(null);
    try {
      const created = await create.mutateAsync({ name: values.name.trim(), scopes: values.scopes });
      onCreated(created.key);
    } catch (error) {
      if (error instanceof ProblemError) setMessage(applyProblem(form, error.problem, t));
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {message && (
          <Alert color="red" role="alert">
            {message}
          </Alert>
        )}
        <TextInput label={t('apiKeys.name')} required {...form.getInputProps('name')} />
        <Checkbox.Group label={t('apiKeys.scopes')} required {...form.getInputProps('scopes')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
            {API_SCOPES.map((scope) => (
              <Checkbox key={scope} value={scope} label={t(`apiKeys.scope.${scope.replace(':', '_')}`)} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('apiKeys.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export default function ApiKeysPage() {
  const { t, i18n } = useTranslation();
  const timeZone = useTimeZone();
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const [creating, creation] = useDisclosure();
  const [secret, setSecret] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<{ id: string; name: string } | null>(null);
  const when = (value: string | null) => (value ? formatDateTime(value, { language: i18n.language, timeZone }) : t('apiKeys.never'));

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1}>{t('apiKeys.title')}</Title>
        <Button
          onClick={() => {
            setSecret(null);
            creation.open();
          }}
        >
          {t('apiKeys.create')}
        </Button>
      </Group>
      <Text c="dimmed">{t('apiKeys.intro')}</Text>
      {keys.isPending ? (
        <LoadingState />
      ) : keys.isError ? (
        <ErrorState error={keys.error} onRetry={() => void keys.refetch()} />
      ) : keys.data.items.length === 0 ? (
        <EmptyState message={t('apiKeys.empty')} />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('apiKeys.name')}</Table.Th>
                <Table.Th>{t('apiKeys.prefix')}</Table.Th>
                <Table.Th>{t('apiKeys.scopes')}</Table.Th>
                <Table.Th>{t('apiKeys.lastUsed')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {keys.data.items.map((key) => (
                <Table.Tr key={key.id}>
                  <Table.Td>{key.name}</Table.Td>
                  <Table.Td>
                    <Code>{key.prefix}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {key.scopes.map((scope) => (
                        <Badge key={scope} variant="light" color="dark" tt="none">
                          {scope}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>{when(key.lastUsedAt)}</Table.Td>
                  <Table.Td>
                    {key.revokedAt ? (
                      <Text size="sm">{t('apiKeys.revokedAt', { when: when(key.revokedAt) })}</Text>
                    ) : (
                      <Button size="xs" variant="default" color="red" onClick={() => setRevoking({ id: key.id, name: key.name })} aria-label={t('apiKeys.revokeOf', { name: key.name })}>
                        {t('apiKeys.revoke')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={creating} onClose={creation.close} title={t(secret ? 'apiKeys.createdTitle' : 'apiKeys.create')} size="lg">
        {secret ? (
          <Stack gap="sm">
            <Alert color="yellow" role="status">
              {t('apiKeys.shownOnce')}
            </Alert>
            <Code block aria-label={t('apiKeys.secret')} style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
              {secret}
            </Code>
            <Group justify="flex-end">
              <CopyButton value={secret}>{({ copied, copy }) => <Button onClick={copy}>{t(copied ? 'apiKeys.copied' : 'apiKeys.copy')}</Button>}</CopyButton>
              <Button
                variant="default"
                onClick={() => {
                  setSecret(null);
                  creation.close();
                }}
              >
                {t('apiKeys.done')}
              </Button>
            </Group>
          </Stack>
        ) : (
          creating && <CreateKey onCreated={setSecret} onCancel={creation.close} />
        )}
      </Modal>
      <ConfirmDialog
        opened={revoking !== null}
        title={t('apiKeys.revoke')}
        consequence={t('apiKeys.revokeConsequence', { name: revoking?.name ?? '' })}
        confirmLabel={t('apiKeys.revoke')}
        busy={revoke.isPending}
        onCancel={() => setRevoking(null)}
        onConfirm={() => {
          const target = revoking;
          setRevoking(null);
          if (target) void revoke.mutateAsync(target.id);
        }}
      />
    </Stack>
  );
}
