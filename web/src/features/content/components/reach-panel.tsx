import { Alert, Group, List, Pagination, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/states';
import { REACH_PAGE_SIZE, useContentReach, type ContentItem } from '../api/use-content';

/** "Who sees this": how many users the item reaches now, why nobody when so, and a searchable, paged list of them. */
export function ReachPanel({ item }: { item: ContentItem }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [term] = useDebouncedValue(search.trim(), 250);
  const [page, setPage] = useState(1);
  const reach = useContentReach(item.id, item.version, term, page);

  if (reach.isError) return <ErrorState error={reach.error} onRetry={() => void reach.refetch()} />;
  const data = reach.data;
  const notYet = data ? data.reasons.some((reason) => reason === 'draft' || reason === 'draft_folder_above') : false;
  return (
    <Stack gap="xs" component="section" aria-labelledby={`reach-${item.id}`} aria-busy={reach.isFetching}>
      <Title order={3} size="h5" id={`reach-${item.id}`}>
        {t('content.reach.title')}
      </Title>
      {!data ? (
        <Text size="sm">{t('common.loading')}</Text>
      ) : (
        <>
          <Text size="sm" fw={600} role="status">
            {data.people > 0 ? t('content.reach.people', { count: data.people }) : t('content.reach.nobody')}
          </Text>
          {data.reasons.length > 0 && (
            <Alert color="yellow" variant="light" p="xs">
              <List size="sm">
                {data.reasons.map((reason) => (
                  <List.Item key={reason}>{t(`content.reach.reason.${reason}`)}</List.Item>
                ))}
              </List>
              {notYet && data.inAudience > 0 && <Text size="sm" mt={4}>{t('content.reach.oncePublished', { count: data.inAudience })}</Text>}
            </Alert>
          )}
          {data.invited > 0 && <Text size="sm">{t('content.reach.invited', { count: data.invited })}</Text>}
          {data.inAudience > 0 && (
            <>
              <TextInput
                type="search"
                size="sm"
                maw={360}
                label={t('content.reach.search')}
                value={search}
                onChange={(event) => {
                  setSearch(event.currentTarget.value);
                  setPage(1);
                }}
              />
              {data.users.length === 0 ? (
                <Text size="sm">{t('content.reach.noneFound')}</Text>
              ) : (
                <List size="sm" aria-label={notYet ? t('content.reach.listOncePublished') : t('content.reach.list')} spacing={2}>
                  {data.users.map((user) => (
                    <List.Item key={user.id}>
                      {user.name} <Text span size="xs" c="gray.8">({user.email})</Text>
                    </List.Item>
                  ))}
                </List>
              )}
              {data.total > REACH_PAGE_SIZE && (
                <Group>
                  <Pagination
                    size="sm"
                    total={Math.ceil(data.total / REACH_PAGE_SIZE)}
                    value={page}
                    onChange={setPage}
                    getControlProps={(control) => ({ 'aria-label': t(`common.pagination.${control}`) })}
                    getItemProps={(value) => ({ 'aria-label': t('common.pagination.page', { page: value }) })}
                  />
                </Group>
              )}
            </>
          )}
        </>
      )}
    </Stack>
  );
}
