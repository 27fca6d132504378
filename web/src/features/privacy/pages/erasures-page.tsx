import { Alert, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { ListView, Pager } from '../../../components/list-view';
import { formatDateTime } from '../../../lib/format';
import { useErasures, useTimeZone } from '../api/use-privacy';

const PAGE_SIZE = 50;

/** The erasure ledger: what was erased, when and why — ids only, by design no personal data. */
export default function ErasuresPage() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const erasedName = (location.state as { erased?: string } | null)?.erased;
  const [page, setPage] = useState(1);
  const erasures = useErasures(page);
  const timeZone = useTimeZone();
  return (
    <Stack gap="md">
      <Title order={1}>{t('privacy.erasures.title')}</Title>
      <Text maw={720}>{t('privacy.erasures.intro')}</Text>
      {erasedName && (
        <Alert color="green" role="status" title={t('privacy.erasures.doneTitle')} styles={{ title: { color: 'var(--mantine-color-dark-8)' } }}>
          {t('privacy.erasures.done', { name: erasedName })}
        </Alert>
      )}
      <ListView query={erasures} empty={t('privacy.erasures.empty')}>
        {(data) => (
          <>
            <Table.ScrollContainer minWidth={760}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('privacy.erasures.erasedAt')}</Table.Th>
                    <Table.Th>{t('privacy.erasures.subject')}</Table.Th>
                    <Table.Th>{t('privacy.erasures.reason')}</Table.Th>
                    <Table.Th>{t('privacy.erasures.requestedBy')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((erasure) => (
                    <Table.Tr key={erasure.id}>
                      <Table.Td>{formatDateTime(erasure.erasedAt, { language: i18n.language, timeZone })}</Table.Td>
                      <Table.Td>
                        {t(`privacy.person.kinds.${erasure.subjectType}`)}{' '}
                        <Text span ff="monospace" size="sm">
                          {erasure.subjectId}
                        </Text>
                      </Table.Td>
                      <Table.Td>{t(`privacy.erasures.reasons.${erasure.reason}`)}</Table.Td>
                      <Table.Td>
                        <Text span ff="monospace" size="sm">
                          {erasure.requestedBy}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Group justify="space-between">
              <Text size="sm">{t('privacy.total', { count: data.total })}</Text>
              <Pager total={data.total} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
            </Group>
          </>
        )}
      </ListView>
    </Stack>
  );
}
