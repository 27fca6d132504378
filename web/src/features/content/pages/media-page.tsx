import { Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProtectedFileLink, ProtectedImage } from '../../../components/protected-file';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states';
import { useBranding, useContentItems, useMedia, type Media } from '../api/use-content';
import { UploadButton } from '../components/upload-button';

function MediaCard({ mediaId, usedBy, fresh }: { mediaId: string; usedBy: string; fresh?: Media }) {
  const { t } = useTranslation();
  const query = useMedia(fresh ? null : mediaId);
  const media = fresh ?? query.data;
  if (!media) return <Card withBorder>{query.isError ? t('content.media.gone') : t('common.loading')}</Card>;
  return (
    <Card withBorder padding="sm">
      <Stack gap={6}>
        {media.kind === 'image' && media.urls.thumb ? (
          <ProtectedImage src={media.urls.thumb} fallbackSrc={media.urls.original} alt={t('content.media.thumbOf', { name: media.originalName ?? '' })} h={120} fit="contain" />
        ) : (
          <Text size="sm" fw={600}>
            {t(`content.media.kind.${media.kind}`)}
          </Text>
        )}
        <ProtectedFileLink href={media.urls.original} label={media.originalName ?? media.id} />
        <Text size="xs">{t('content.media.details', { type: media.mimeType, size: Math.ceil(media.size / 1024) })}</Text>
        <Text size="xs">{usedBy}</Text>
      </Stack>
    </Card>
  );
}

/**
 * The files the content uses (documents, the logo) and what was uploaded now. The API has no
 * list of all uploads, so a file no item uses shows only in the visit that uploaded it.
 */
export default function MediaPage() {
  const { t } = useTranslation();
  const items = useContentItems();
  const branding = useBranding();
  const [uploaded, setUploaded] = useState<Media[]>([]);

  if (items.isPending) return <LoadingState />;
  if (items.isError) return <ErrorState error={items.error} onRetry={() => void items.refetch()} />;
  const used = new Map<string, string>();
  for (const item of items.data) {
    const mediaId = item.kind === 'document' ? item.body.mediaId : undefined;
    if (typeof mediaId === 'string') used.set(mediaId, t('content.media.usedBy', { title: item.title }));
  }
  if (branding.data?.logoMediaId) used.set(branding.data.logoMediaId, t('content.media.logo'));

  return (
    <Stack gap="md">
      <Title order={1}>{t('content.media.title')}</Title>
      <Text>{t('content.media.intro')}</Text>
      <UploadButton label={t('content.media.upload')} onUploaded={(media) => setUploaded((previous) => [media, ...previous])} />
      {uploaded.length === 0 && used.size === 0 ? (
        <EmptyState message={t('content.media.empty')} />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          {uploaded.map((media) => (
            <MediaCard key={media.id} mediaId={media.id} fresh={media} usedBy={used.get(media.id) ?? t('content.media.new')} />
          ))}
          {[...used].filter(([id]) => !uploaded.some((media) => media.id === id)).map(([id, usedBy]) => (
            <MediaCard key={id} mediaId={id} usedBy={usedBy} />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
