import { Anchor, Button, Group, Pagination, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states';
import { formatDateTime } from '../../../lib/format';
import { hasAnyPermission, useMe, useTimeZone } from '../../../lib/session';
import { MESSAGES_PAGE_SIZE, useCancelMessage, useMessages, type Message } from '../api/use-messages';
import { MessageBadges } from '../components/message-status';

export default function MessagesPage() {
  const { t, i18n } = useTranslation();
  const timeZone = useTimeZone();
  const me = useMe();
  const [page, setPage] = useState(1);
  const messages = useMessages(page);
  const cancel = useCancelMessage();
  const [cancelling, setCancelling] = useState<Message | null>(null);
  const maySend = hasAnyPermission(me.data?.permissions, ['messages.send']);
  const when = (value: string | null) => (value ? formatDateTime(value, { language: i18n.language, timeZone }) : '—');

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1}>{t('messages.title')}</Title>
        {maySend && (
          <Group gap="sm">
            <Button component={Link} to="/messages/templates" variant="default">
              {t('messages.templates.nav')}
            </Button>
            <Button component={Link} to="/messages/new">
              {t('messages.compose')}
            </Button>
          </Group>
        )}
      </Group>
      {messages.isPending ? (
        <LoadingState />
      ) : messages.isError ? (
        <ErrorState error={messages.error} onRetry={() => void messages.refetch()} />
      ) : messages.data.items.length === 0 ? (
        <EmptyState message={t('messages.empty')} />
      ) : (
        <>
          <Table.ScrollContainer minWidth={640}>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('messages.fields.title')}</Table.Th>
                  <Table.Th>{t('messages.fields.status')}</Table.Th>
                  <Table.Th>{t('messages.fields.when')}</Table.Th>
                  <Table.Th>{t('messages.fields.recipients')}</Table.Th>
                  {maySend && <Table.Th>{t('messages.fields.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {messages.data.items.map((message) => (
                  <Table.Tr key={message.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/messages/${message.id}`}>
                        {message.title}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <MessageBadges message={message} />
                    </Table.Td>
                    <Table.Td>{when(message.sentAt ?? message.scheduledAt ?? message.cancelledAt)}</Table.Td>
                    <Table.Td>{message.recipientCount}</Table.Td>
                    {maySend && (
                      <Table.Td>
                        {message.status === 'scheduled' && (
                          <Button size="xs" variant="outline" color="red" onClick={() => setCancelling(message)}>
                            {t('messages.cancel')}
                          </Button>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {messages.data.total > MESSAGES_PAGE_SIZE && (
            <Pagination
              value={page}
              onChange={setPage}
              total={Math.ceil(messages.data.total / MESSAGES_PAGE_SIZE)}
              getControlProps={(control) => ({ 'aria-label': t(`common.pagination.${control}`) })}
            />
          )}
          <Text size="sm" c="dimmed">
            {t('messages.total', { count: messages.data.total })}
          </Text>
        </>
      )}
      <ConfirmDialog
        opened={cancelling !== null}
        title={t('messages.cancelTitle')}
        consequence={t('messages.cancelConsequence', { title: cancelling?.title ?? '', when: when(cancelling?.scheduledAt ?? null) })}
        confirmLabel={t('messages.cancel')}
        busy={cancel.isPending}
        onCancel={() => setCancelling(null)}
        onConfirm={() => {
          if (cancelling) void cancel.mutateAsync(cancelling.id).finally(() => setCancelling(null));
        }}
      />
    </Stack>
  );
}
