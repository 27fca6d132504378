import { Alert, Badge, Box, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states';
import { usePreview, useUserSearch, useUsersByIds, type MemberItem } from '../api/use-content';
import { KindIcon } from '../components/kind-icon';

interface Node {
  item: MemberItem;
  children: Node[];
}

function nest(items: readonly MemberItem[]): Node[] {
  const nodes = new Map(items.map((item) => [item.id, { item, children: [] as Node[] }]));
  const top: Node[] = [];
  for (const node of [...nodes.values()].sort((a, b) => a.item.position - b.item.position)) {
    const parent = node.item.parentId ? nodes.get(node.item.parentId) : undefined;
    (parent ? parent.children : top).push(node);
  }
  return top;
}

function Branch({ nodes, level }: { nodes: Node[]; level: number }) {
  const { t } = useTranslation();
  return (
    <Box component="ul" role={level === 1 ? 'tree' : 'group'} aria-label={level === 1 ? t('content.preview.treeLabel') : undefined} style={{ listStyle: 'none', margin: 0, paddingLeft: level === 1 ? 0 : 20 }}>
      {nodes.map((node) => (
        <li key={node.item.id} role="treeitem" aria-level={level} aria-expanded={node.children.length > 0 ? true : undefined} aria-selected={false}>
          <Group gap={6} py={3} wrap="nowrap">
            <KindIcon kind={node.item.kind} />
            <Text size="sm">{node.item.title}</Text>
            <Badge size="xs" variant="outline" color="gray.8">
              {t(`content.kind.${node.item.kind}`)}
            </Badge>
          </Group>
          {node.children.length > 0 && <Branch nodes={node.children} level={level + 1} />}
        </li>
      ))}
    </Box>
  );
}

/** "Preview as": a user's tree exactly as their app shows it (GET /v1/content/preview/{userId}). */
export default function PreviewPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const userId = params.get('user');
  const [search, setSearch] = useState('');
  const [term] = useDebouncedValue(search, 200);
  const users = useUserSearch(term);
  const chosen = useUsersByIds(userId ? [userId] : []);
  const preview = usePreview(userId);
  const tree = useMemo(() => nest(preview.data ?? []), [preview.data]);
  const options = new Map((users.data?.items ?? []).map((user) => [user.id, `${user.name} (${user.email})`]));
  const current = chosen.data?.[0];
  if (current) options.set(current.id, `${current.name} (${current.email})`);

  return (
    <Stack gap="md">
      <Title order={1}>{t('content.preview.title')}</Title>
      <Text>{t('content.preview.intro')}</Text>
      <Select
        label={t('content.preview.user')}
        placeholder={t('content.editor.searchHint')}
        searchable
        searchValue={search}
        onSearchChange={setSearch}
        filter={({ options: shown }) => shown}
        data={[...options].map(([value, label]) => ({ value, label }))}
        value={userId}
        onChange={(value) => setParams(value ? { user: value } : {})}
        nothingFoundMessage={t('content.editor.nothingFound')}
        maw={480}
      />
      {!userId ? (
        <EmptyState message={t('content.preview.pick')} />
      ) : preview.isPending ? (
        <LoadingState />
      ) : preview.isError ? (
        <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />
      ) : tree.length === 0 ? (
        <Alert color="yellow" role="status">
          {t('content.preview.nothing', { name: current?.name ?? '' })}
        </Alert>
      ) : (
        <Stack gap="xs">
          <Text size="sm" role="status">
            {t('content.preview.count', { count: preview.data.length, name: current?.name ?? '' })}
          </Text>
          <Branch nodes={tree} level={1} />
        </Stack>
      )}
    </Stack>
  );
}
