import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { PhotoWithViewer } from '../../../components/photo-viewer';
import { ProtectedFileLink } from '../../../components/protected-file';
import { formatDateTime } from '../../../lib/format';
import { useMedia, type IncidentSetup, type LogEntry } from '../api/use-incidents';

function Attachment({ media }: { media: LogEntry['media'][number] }) {
  const { t } = useTranslation();
  const details = useMedia(media.id);
  const urls = details.data?.urls;
  if (!urls) return <Text size="sm">{media.name ?? t('incidents.log.attachment')}</Text>;
  if (media.kind === 'image') return <PhotoWithViewer thumb={urls.thumb} display={urls.display} original={urls.original} name={media.name ?? t('incidents.log.photo')} />;
  return <ProtectedFileLink href={urls.original} label={media.name ?? t('incidents.log.attachment')} />;
}

/** One log entry: who, when, what, and for the coordinator the button to mark it important. */
export const LogEntryCard = memo(function LogEntryCard({
  entry,
  setup,
  language,
  timeZone,
  onMark,
  onCorrect,
  index,
}: {
  entry: LogEntry;
  /** Where it stands in the (virtualised) feed, which has only the visible entries in the page. */
  index?: number;
  setup: IncidentSetup | undefined;
  language: string;
  timeZone: string;
  onMark?: (entry: LogEntry) => void;
  onCorrect?: (entry: LogEntry) => void;
}) {
  const { t } = useTranslation();
  const name = (list: IncidentSetup['labels'] | undefined, key: string) => list?.find((option) => option.key === key)?.name ?? key;
  return (
    <Paper withBorder p="sm" radius="md" component="article" aria-label={t('incidents.log.entryLabel', { seq: entry.seq, author: entry.author.name })}
      aria-posinset={index === undefined ? undefined : index + 1}
      // A live log keeps growing: its size is unknown (-1), which also spares every card a render per arrival.
      aria-setsize={index === undefined ? undefined : -1}
      data-seq={entry.seq}
      bg={entry.important ? 'yellow.0' : undefined}>
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text size="sm" fw={600}>
            #{entry.seq} · {entry.author.name}
            {entry.author.teamName ? ` · ${entry.author.teamName}` : ''}
          </Text>
          <Text size="sm" c="dark.4">
            {formatDateTime(entry.createdAt, { language, timeZone })}
          </Text>
        </Group>
        {(entry.important || entry.classification || entry.labels.length > 0 || entry.correctsId) && (
          <Group gap={4}>
            {entry.important && (
              <Badge color="red" radius="sm">
                {t('incidents.log.important')}
              </Badge>
            )}
            {entry.correctsId && (
              <Badge color="gray" variant="outline" c="dark" radius="sm">
                {t('incidents.log.correction')}
              </Badge>
            )}
            {entry.classification && (
              <Badge variant="dot" radius="sm">
                {name(setup?.classifications, entry.classification)}
              </Badge>
            )}
            {entry.labels.map((label) => (
              <Badge key={label} variant="outline" c="dark" radius="sm">
                {name(setup?.labels, label)}
              </Badge>
            ))}
          </Group>
        )}
        {entry.summary && (
          <Text fw={700} size="sm">
            {entry.summary}
          </Text>
        )}
        <Text style={{ whiteSpace: 'pre-wrap' }}>{entry.text}</Text>
        {entry.media.length > 0 && (
          <Group gap="xs">
            {entry.media.map((media) => (
              <Attachment key={media.id} media={media} />
            ))}
          </Group>
        )}
        {(onMark || onCorrect) && (
          <Group gap="xs">
            {onMark && (
              <Button size="compact-sm" variant="outline" onClick={() => onMark(entry)}>
                {entry.important ? t('incidents.log.unmark') : t('incidents.log.mark')}
              </Button>
            )}
            {onCorrect && (
              <Button size="compact-sm" variant="subtle" onClick={() => onCorrect(entry)}>
                {t('incidents.log.correct')}
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Paper>
  );
});
