import { Alert, Anchor, Badge, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states';
import { useContactSearch, useUserSearch } from '../api/use-privacy';

interface Found {
  type: 'user' | 'contact';
  id: string;
  name: string;
  email: string | null;
  detail: string | null;
}

function normalise(value: string | null): string {
  return (value ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Records that share a name or an e-mail address: an access request must cover all of the person's. */
function duplicates(found: Found[]): Set<string> {
  const seen = new Map<string, string[]>();
  for (const record of found) {
    for (const key of [`n:${normalise(record.name)}`, record.email ? `e:${normalise(record.email)}` : '']) {
      if (key) seen.set(key, [...(seen.get(key) ?? []), record.id]);
    }
  }
  return new Set([...seen.values()].filter((ids) => ids.length > 1).flat());
}

export default function RequestsPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const users = useUserSearch(debounced);
  const contacts = useContactSearch(debounced);
  const found: Found[] = [
    ...(users.data?.items ?? []).map((user) => ({ type: 'user' as const, id: user.id, name: user.name, email: user.email, detail: user.jobTitle })),
    ...(contacts.data?.items ?? []).map((contact) => ({ type: 'contact' as const, id: contact.id, name: contact.name, email: contact.email, detail: contact.organisation })),
  ];
  const doubles = duplicates(found);
  const error = users.error ?? contacts.error;
  return (
    <Stack gap="md">
      <Title order={1}>{t('privacy.requests.title')}</Title>
      <Text maw={720}>{t('privacy.requests.intro')}</Text>
      <TextInput label={t('privacy.requests.search')} value={search} onChange={(event) => setSearch(event.currentTarget.value)} maw={420} />
      {debounced === '' ? (
        <EmptyState message={t('privacy.requests.typeToSearch')} />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void Promise.all([users.refetch(), contacts.refetch()])} />
      ) : users.isPending || contacts.isPending ? (
        <LoadingState />
      ) : found.length === 0 ? (
        <EmptyState message={t('privacy.requests.none')} />
      ) : (
        <>
          {doubles.size > 0 && (
            <Alert color="yellow" title={t('privacy.requests.duplicatesTitle')} styles={{ title: { color: 'var(--mantine-color-dark-8)' } }}>
              {t('privacy.requests.duplicatesText')}
            </Alert>
          )}
          <Table.ScrollContainer minWidth={560}>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('privacy.person.name')}</Table.Th>
                  <Table.Th>{t('privacy.person.email')}</Table.Th>
                  <Table.Th>{t('privacy.person.kind')}</Table.Th>
                  <Table.Th>{t('privacy.person.detail')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {found.map((record) => (
                  <Table.Tr key={`${record.type}:${record.id}`}>
                    <Table.Td>
                      <Anchor component={Link} to={`/privacy/people/${record.type}/${record.id}`}>
                        {record.name}
                      </Anchor>
                      {doubles.has(record.id) && (
                        <Badge ml="xs" color="yellow" variant="light" c="dark">
                          {t('privacy.requests.likelyDuplicate')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{record.email ?? '—'}</Table.Td>
                    <Table.Td>{t(`privacy.person.kinds.${record.type}`)}</Table.Td>
                    <Table.Td>{record.detail ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}
