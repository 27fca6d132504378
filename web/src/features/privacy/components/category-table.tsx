import { Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import { useTimeZone } from '../api/use-privacy';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function useCell() {
  const { i18n } = useTranslation();
  const timeZone = useTimeZone();
  return (value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—';
    if (typeof value === 'string') return INSTANT.test(value) ? formatDateTime(value, { language: i18n.language, timeZone }) : value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(', ') || '—';
    return JSON.stringify(value);
  };
}

/** One category of a person's export (profile, groups, devices, …) as a table a person can read. */
export function CategoryTable({ category, rows }: { category: string; rows: Record<string, unknown>[] }) {
  const { t, i18n } = useTranslation();
  const cell = useCell();
  const label = i18n.exists(`privacy.category.${category}`) ? t(`privacy.category.${category}`) : category;
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const single = rows.length === 1 ? rows[0] : undefined;
  return (
    <Stack gap="xs">
      <Title order={3}>
        {label}{' '}
        <Text span c="dimmed" size="sm">
          ({rows.length})
        </Text>
      </Title>
      {rows.length === 0 ? (
        <Text c="dimmed">{t('privacy.person.nothingHeld')}</Text>
      ) : single ? (
        // One record (the profile): field and value under each other, readable at any width.
        <Table withTableBorder maw={900} aria-label={label} data-verbatim>
          <Table.Tbody>
            {columns.map((column) => (
              <Table.Tr key={column}>
                <Table.Th w="35%" scope="row">
                  {column}
                </Table.Th>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{cell(single[column])}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Table.ScrollContainer type="native" minWidth={columns.length * 170} tabIndex={0} aria-label={label} role="region">
          <Table striped withTableBorder data-verbatim>
            <Table.Thead>
              <Table.Tr>
                {columns.map((column) => (
                  <Table.Th key={column}>{column}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row, index) => (
                <Table.Tr key={index}>
                  {columns.map((column) => (
                    <Table.Td key={column} style={{ overflowWrap: 'anywhere' }}>
                      {cell(row[column])}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
