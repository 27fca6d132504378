import { Alert, Badge, Box, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import type { LogEntry } from '../api/use-incidents';
import type { StreamState } from '../api/use-log-stream';

/**
 * The entries in log order, newest at the bottom. A reader at the bottom follows new entries; a
 * reader scrolled up keeps their place and is told how many arrived below.
 */
export function LiveLog({
  entries,
  state,
  reconnectedAt,
  failed,
  empty,
  label,
  language,
  timeZone,
  render,
}: {
  entries: LogEntry[];
  state: StreamState;
  reconnectedAt: Date | null;
  failed: number | null;
  empty: string;
  label: string;
  language: string;
  timeZone: string;
  render: (entry: LogEntry) => ReactNode;
}) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const seen = useRef(0);
  const [unseen, setUnseen] = useState(0);

  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    if (atBottom.current) {
      element.scrollTop = element.scrollHeight;
      seen.current = entries.length;
      setUnseen(0);
    } else {
      setUnseen(Math.max(0, entries.length - seen.current));
    }
  }, [entries]);

  const onScroll = () => {
    const element = box.current;
    if (!element) return;
    atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
    if (atBottom.current) {
      seen.current = entries.length;
      setUnseen(0);
    }
  };

  return (
    <Stack gap="xs">
      <Group gap="xs" aria-live="polite" role="status">
        {state === 'live' ? (
          <Badge variant="dot" color="green" size="lg">
            {t('incidents.live.live')}
          </Badge>
        ) : state === 'reconnecting' ? (
          <Text size="sm" c="red.9" fw={600}>
            {t('incidents.live.reconnecting')}
          </Text>
        ) : (
          <Group gap={6}>
            <Loader size="xs" aria-hidden />
            <Text size="sm">{t('incidents.live.connecting')}</Text>
          </Group>
        )}
        {reconnectedAt && state === 'live' && (
          <Text size="sm" c="dark.4">
            {t('incidents.live.reconnected', { time: formatDateTime(reconnectedAt, { language, timeZone }) })}
          </Text>
        )}
      </Group>
      {failed !== null && (
        <Alert color="red" role="alert">
          {t([`problems.status.${failed}`, 'problems.unknown'])}
        </Alert>
      )}
      {entries.length === 0 && state === 'live' && (
        <Text c="dark.4" py="md" ta="center">
          {empty}
        </Text>
      )}
      {/* A feed holds articles only, so an empty log shows its message outside it. */}
      <Box
        ref={box}
        onScroll={onScroll}
        tabIndex={entries.length > 0 ? 0 : undefined}
        role={entries.length > 0 ? 'feed' : undefined}
        aria-label={entries.length > 0 ? label : undefined}
        aria-busy={entries.length > 0 ? state !== 'live' : undefined}
        mah="60vh"
        style={{ overflowY: 'auto' }}
        p={2}
      >
        <Stack gap="xs">{entries.map((entry) => <Box key={entry.id}>{render(entry)}</Box>)}</Stack>
      </Box>
      {unseen > 0 && (
        <Button
          variant="light"
          size="compact-sm"
          onClick={() => {
            atBottom.current = true;
            box.current?.scrollTo({ top: box.current.scrollHeight });
            seen.current = entries.length;
            setUnseen(0);
          }}
        >
          {t('incidents.live.newBelow', { count: unseen })}
        </Button>
      )}
    </Stack>
  );
}
