import { Card, Group, Pagination, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProtectedFileLink, ProtectedImage } from '../../../components/protected-file';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states';
import { MEDIA_PAGE_SIZE, useBranding, useMediaList, type MediaEntry } from '../api/use-content';
import { UploadButton } from '../components/upload-button';

const KINDS = ['image', 'document', 'video'] as const;

function MediaCard({ media, isLogo }: { media: MediaEntry; isLogo: boolean }) {
  const { t } = useTranslation();
  const name = media.originalName ?? media.id;
  const uses = [...(isLogo ? [t('content.media.logo')] : []), ...media.usedIn.map((use) => t('content.media.usedBy', { title: use.title }))];
  return (
    <Card withBorder padding="sm" component="li">
      <Stack gap={6}>
        {media.kind === 'image' && media.urls.thumb ? (
          <ProtectedImage src={media.urls.thumb} fallbackSrc={media.urls.original} alt={t('content.media.thumbOf', { name })} h={120} fit="contain" />
        ) : (
          <Text size="sm" fw={600}>
            {t(`content.media.kind.${media.kind}`)}
          </Text>
        )}
        <ProtectedFileLink href={media.urls.original} label={name} ariaLabel={t('content.media.open', { name })} />
        <Text size="xs">{t('content.media.details', { type: media.mimeType, size: Math.ceil(media.size / 1024) })}</Text>
        {uses.length === 0 ? (
          <Text size="xs" c="gray.8">
            {t('content.media.unused')}
          </Text>
        ) : (
          uses.map((use) => (
            <Text key={use} size="xs">
              {use}
            </Text>
          ))
        )}
      </Stack>
    </Card>
  );
}

/** The media library: every uploaded file, newest first, paged, with where each is used. */
export default function MediaPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [kind, setKind] = useState<MediaEntry['kind'] | null>(null);
  const [search, setSearch] = useState('');
  const [term] = useDebouncedValue(search.trim(), 250);
  const media = useMediaList({ page, kind, search: term });
  const branding = useBranding();

  return (
    <Stack gap="md">
      <Title order={1}>{t('content.media.title')}</Title>
      <Text>{t('content.media.intro')}</Text>
      <UploadButton
        label={t('content.media.upload')}
        onUploaded={() => {
          setPage(1);
          void queryClient.invalidateQueries({ queryKey: ['content', 'media-list'] });
        }}
      />
      <Group align="flex-end" gap="md">
        <TextInput
          type="search"
          label={t('content.media.search')}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            setPage(1);
          }}
        />
        <Select
          label={t('content.media.kindFilter')}
          data={[{ value: '', label: t('content.media.allKinds') }, ...KINDS.map((value) => ({ value, label: t(`content.media.kind.${value}`) }))]}
          value={kind ?? ''}
          allowDeselect={false}
          onChange={(value) => {
            setKind(value ? (value) : null);
            setPage(1);
          }}
        />
      </Group>
      {media.isPending ? (
        <LoadingState />
      ) : media.isError ? (
        <ErrorState error={media.error} onRetry={() => void media.refetch()} />
      ) : media.data.total === 0 ? (
        <EmptyState message={term || kind ? t('content.media.noneFound') : t('content.media.empty')} />
      ) : (
        <>
          <Text size="sm" role="status">
            {t('content.media.count', { count: media.data.total })}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} component="ul" aria-label={t('content.media.title')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {media.data.items.map((entry) => (
              <MediaCard key={entry.id} media={entry} isLogo={branding.data?.logoMediaId === entry.id} />
            ))}
          </SimpleGrid>
          {media.data.total > MEDIA_PAGE_SIZE && (
            <Pagination
              total={Math.ceil(media.data.total / MEDIA_PAGE_SIZE)}
              value={page}
              onChange={setPage}
              getControlProps={(control) => ({ 'aria-label': t(`common.pagination.${control}`) })}
              getItemProps={(value) => ({ 'aria-label': t('common.pagination.page', { page: value }) })}
            />
          )}
        </>
      )}
    </Stack>
  );
}
