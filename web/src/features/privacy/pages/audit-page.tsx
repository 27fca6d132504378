import { Button, Group, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ListView, Pager } from '../../../components/list-view';
import { ErrorState } from '../../../components/states';
import { formatDateTime } from '../../../lib/format';
import { downloadAuditTrail } from '../api/download';
import { auditQuery, useAuditEvents, useTimeZone, type AuditFilter } from '../api/use-privacy';

const PAGE_SIZE = 50;
const FIELDS = ['subjectId', 'actorId', 'action', 'from', 'to'] as const;

/** Who saw or changed whose data, when: filters live in the address, so a search can be shared and reloaded. */
export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const timeZone = useTimeZone();
  const [params, setParams] = useSearchParams();
  const filter: AuditFilter = {};
  for (const field of FIELDS) {
    const value = params.get(field);
    if (value) filter[field] = value;
  }
  const [draft, setDraft] = useState<AuditFilter>(filter);
  const page = Number(params.get('page') ?? '1') || 1;
  const events = useAuditEvents(filter, page);
  const [exporting, setExporting] = useState<'csv' | 'xlsx' | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);
  const apply = (next: AuditFilter, nextPage = 1) => {
    const entries = Object.entries(next).filter(([, value]) => typeof value === 'string' && value.trim() !== '') as [string, string][];
    setParams(new URLSearchParams([...entries.map(([key, value]) => [key, value.trim()]), ...(nextPage > 1 ? [['page', String(nextPage)]] : [])]));
  };
  const exportAs = async (format: 'csv' | 'xlsx') => {
    setExporting(format);
    setExportError(null);
    try {
      await downloadAuditTrail(auditQuery(filter), format);
    } catch (error) {
      setExportError(error);
    } finally {
      setExporting(null);
    }
  };
  return (
    <Stack gap="md">
      <Title order={1}>{t('privacy.audit.title')}</Title>
      <Text maw={720}>{t('privacy.audit.intro')}</Text>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          apply(draft);
        }}
      >
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} maw={1100}>
          <TextInput label={t('privacy.audit.subject')} description={t('privacy.audit.idHint')} value={draft.subjectId ?? ''} onChange={(event) => setDraft({ ...draft, subjectId: event.currentTarget.value })} />
          <TextInput label={t('privacy.audit.actor')} description={t('privacy.audit.idHint')} value={draft.actorId ?? ''} onChange={(event) => setDraft({ ...draft, actorId: event.currentTarget.value })} />
          <TextInput label={t('privacy.audit.action')} description={t('privacy.audit.actionHint')} value={draft.action ?? ''} onChange={(event) => setDraft({ ...draft, action: event.currentTarget.value })} />
          <TextInput type="date" label={t('privacy.audit.from')} value={draft.from ?? ''} onChange={(event) => setDraft({ ...draft, from: event.currentTarget.value })} />
          <TextInput type="date" label={t('privacy.audit.to')} value={draft.to ?? ''} onChange={(event) => setDraft({ ...draft, to: event.currentTarget.value })} />
        </SimpleGrid>
        <Group mt="md">
          <Button type="submit">{t('privacy.audit.search')}</Button>
          <Button
            variant="default"
            onClick={() => {
              setDraft({});
              apply({});
            }}
          >
            {t('privacy.audit.clear')}
          </Button>
          <Button variant="default" loading={exporting === 'csv'} onClick={() => void exportAs('csv')}>
            {t('privacy.audit.exportCsv')}
          </Button>
          <Button variant="default" loading={exporting === 'xlsx'} onClick={() => void exportAs('xlsx')}>
            {t('privacy.audit.exportXlsx')}
          </Button>
        </Group>
      </form>
      <Text size="sm" c="dimmed">
        {t('privacy.audit.exportAudited')}
      </Text>
      {exportError !== null && <ErrorState error={exportError} />}
      <ListView query={events} empty={t('privacy.audit.empty')}>
        {(data) => (
          <>
            <Table.ScrollContainer type="native" minWidth={900} tabIndex={0} aria-label={t('privacy.audit.title')} role="region">
              <Table striped data-verbatim>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('privacy.audit.when')}</Table.Th>
                    <Table.Th>{t('privacy.audit.action')}</Table.Th>
                    <Table.Th>{t('privacy.audit.actor')}</Table.Th>
                    <Table.Th>{t('privacy.audit.subject')}</Table.Th>
                    <Table.Th>{t('privacy.audit.details')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((event) => (
                    <Table.Tr key={event.id}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(event.occurredAt, { language: i18n.language, timeZone })}</Table.Td>
                      <Table.Td ff="monospace">{event.action}</Table.Td>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>
                        {event.actorType} {event.actorId ?? ''}
                      </Table.Td>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>
                        {event.subjectType ?? ''} {event.subjectId ?? '—'}
                      </Table.Td>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>{Object.keys(event.details).length > 0 ? JSON.stringify(event.details) : '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Group justify="space-between">
              <Text size="sm">{t('privacy.total', { count: data.total })}</Text>
              <Pager total={data.total} pageSize={PAGE_SIZE} page={page} onChange={(next) => apply(filter, next)} />
            </Group>
          </>
        )}
      </ListView>
    </Stack>
  );
}
