import { Alert, Badge, Group, Pagination, Paper, Progress, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states';
import { formatDateTime } from '../../../lib/format';
import { useTimeZone } from '../../../lib/session';
import { RESPONSES_PAGE_SIZE, useLiveStats, useResponses, type MessageStats, type ResponseFilter, type ResponseRow } from '../api/use-messages';
import { MessageBadges } from '../components/message-status';

const ALL = '__all__';
const PLATFORMS: Record<string, string> = { ios: 'iOS', android: 'Android', web: 'Web' };
const UNANSWERED = '__unanswered__';

function Counter({ label, value, of }: { label: string; value: number; of: number }) {
  return (
    <Paper withBorder p="sm" role="group" aria-label={label}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={28} fw={700}>
        {value}
      </Text>
      <Progress value={of > 0 ? (value / of) * 100 : 0} aria-hidden />
    </Paper>
  );
}

function Statistics({ stats }: { stats: MessageStats }) {
  const { t } = useTranslation();
  const { counts, message } = stats;
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Counter label={t('messages.stats.recipients')} value={counts.recipients} of={counts.recipients} />
        <Counter label={t('messages.stats.delivered')} value={counts.delivered} of={counts.recipients} />
        <Counter label={t('messages.stats.read')} value={counts.read} of={counts.recipients} />
        {message.kind === 'call_up' && <Counter label={t('messages.stats.answered')} value={counts.answered} of={counts.recipients} />}
      </SimpleGrid>
      {message.kind === 'call_up' && (
        <Table aria-label={t('messages.stats.perOption')} withTableBorder maw={520}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('messages.stats.option')}</Table.Th>
              <Table.Th>{t('messages.stats.count')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {message.answerOptions.map((option) => (
              <Table.Tr key={option}>
                <Table.Td>{option}</Table.Td>
                <Table.Td>{counts.answers[option] ?? 0}</Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Td>{t('messages.noAnswerYet')}</Table.Td>
              <Table.Td>{counts.recipients - counts.answered}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      )}
      <Text size="sm" c="dimmed">
        {t('messages.stats.devices', counts.devices)}
      </Text>
    </Stack>
  );
}

function Devices({ row }: { row: ResponseRow }) {
  const { t } = useTranslation();
  if (row.devices.length === 0) return <Text size="sm">{t('messages.noDevices')}</Text>;
  return (
    <Stack gap={2}>
      {row.devices.map((device, index) => (
        <Text size="sm" key={index}>
          <Badge size="sm" variant="dot" color={device.status === 'failed' ? 'red' : device.status === 'sent' ? 'green' : 'gray'} mr={4}>
            {t(`messages.delivery.${device.status}`)}
          </Badge>
          {device.platform ? (PLATFORMS[device.platform] ?? device.platform) : t('messages.unknownDevice')}
          {device.reason ? ` — ${device.reason}` : ''}
        </Text>
      ))}
    </Stack>
  );
}

export default function MessagePage() {
  const { messageId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const timeZone = useTimeZone();
  const live = useLiveStats(messageId);
  const [filterValue, setFilterValue] = useState(ALL);
  const [page, setPage] = useState(1);
  const filter: ResponseFilter = filterValue === ALL ? { kind: 'all' } : filterValue === UNANSWERED ? { kind: 'unanswered' } : { kind: 'answer', answer: filterValue };
  const version = live.stats ? JSON.stringify(live.stats.counts) : '';
  const responses = useResponses(messageId, filter, page, version);
  const when = (value: string | null) => (value ? formatDateTime(value, { language: i18n.language, timeZone }) : '—');

  if (live.failed !== null)
    return (
      <Alert color="red" role="alert" title={t('common.errorTitle')}>
        {t([`problems.status.${live.failed}`, 'problems.unknown'])}
      </Alert>
    );
  if (!live.stats) return <LoadingState />;
  const { message } = live.stats;

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={1}>{message.title}</Title>
        <MessageBadges message={message} />
        <Text size="sm" c="dimmed">
          {message.status === 'scheduled'
            ? t('messages.scheduledFor', { when: when(message.scheduledAt) })
            : message.status === 'cancelled'
              ? t('messages.cancelledAt', { when: when(message.cancelledAt) })
              : t('messages.sentAt', { when: when(message.sentAt) })}
        </Text>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{message.body}</Text>
      </Stack>
      <Group gap="xs">
        <Title order={2}>{t('messages.statistics')}</Title>
        <Badge variant="dot" color={live.live ? 'green' : 'orange'}>
          {live.live ? t('messages.live') : t('messages.reconnecting')}
        </Badge>
      </Group>
      <Statistics stats={live.stats} />
      {message.status === 'sent' && (
        <>
          <Title order={2}>{t('messages.responses')}</Title>
          <Select
            label={t('messages.filterResponses')}
            allowDeselect={false}
            maw={320}
            value={filterValue}
            onChange={(value) => {
              setFilterValue(value ?? ALL);
              setPage(1);
            }}
            data={[
              { value: ALL, label: t('messages.everyone') },
              ...(message.kind === 'call_up' ? [{ value: UNANSWERED, label: t('messages.noAnswerYet') }, ...message.answerOptions.map((option) => ({ value: option, label: option }))] : []),
            ]}
          />
          {responses.isPending ? (
            <LoadingState />
          ) : responses.isError ? (
            <ErrorState error={responses.error} onRetry={() => void responses.refetch()} />
          ) : responses.data.items.length === 0 ? (
            <EmptyState message={t('messages.noResponses')} />
          ) : (
            <>
              <Table.ScrollContainer minWidth={720}>
                <Table striped aria-label={t('messages.responses')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('messages.fields.person')}</Table.Th>
                      {message.kind === 'call_up' && <Table.Th>{t('messages.fields.answer')}</Table.Th>}
                      <Table.Th>{t('messages.fields.read')}</Table.Th>
                      <Table.Th>{t('messages.fields.devices')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {responses.data.items.map((row) => (
                      <Table.Tr key={row.userId}>
                        <Table.Td>{row.name}</Table.Td>
                        {message.kind === 'call_up' && (
                          <Table.Td>
                            {row.answer ? (
                              <>
                                <Text fw={600}>{row.answer}</Text>
                                <Text size="xs" c="dimmed">
                                  {when(row.answeredAt)}
                                </Text>
                              </>
                            ) : (
                              t('messages.noAnswerYet')
                            )}
                          </Table.Td>
                        )}
                        <Table.Td>{row.readAt ? when(row.readAt) : t('messages.notRead')}</Table.Td>
                        <Table.Td>
                          <Devices row={row} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Group justify="space-between">
                <Text size="sm" c="dimmed">
                  {t('messages.responsesTotal', { count: responses.data.total })}
                </Text>
                {responses.data.total > RESPONSES_PAGE_SIZE && (
                  <Pagination
                    value={page}
                    onChange={setPage}
                    total={Math.ceil(responses.data.total / RESPONSES_PAGE_SIZE)}
                    getControlProps={(control) => ({ 'aria-label': t(`common.pagination.${control}`) })}
                    getItemProps={(item) => ({ 'aria-label': t('common.pagination.page', { page: item }) })}
                  />
                )}
              </Group>
            </>
          )}
        </>
      )}
      {message.status !== 'sent' && (
        <Alert color="blue">{message.status === 'scheduled' ? t('messages.notYetSent') : t('messages.wasCancelled')}</Alert>
      )}
    </Stack>
  );
}
