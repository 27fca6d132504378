import { Alert, Badge, Box, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import type { LogEntry } from '../api/use-incidents';
import type { StreamState } from '../api/use-log-stream';

/** How many entries come after `seq` (entries are in log order). */
function countAfter(entries: LogEntry[], seq: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (entries[middle]!.seq <= seq) low = middle + 1;
    else high = middle;
  }
  return entries.length - low;
}

/**
 * The entries in log order, newest at the bottom. A reader at the bottom follows new entries; a
 * reader scrolled up keeps their place and is told how many arrived below. Only the entries in
 * view are in the page (a log of thousands renders as fast as one of ten); a change of filter
 * (`filterKey`) keeps the reader at the entry they were reading, or the next one still shown.
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
  filterKey = '',
}: {
  entries: LogEntry[];
  state: StreamState;
  reconnectedAt: Date | null;
  failed: number | null;
  empty: string;
  label: string;
  language: string;
  timeZone: string;
  render: (entry: LogEntry, index: number) => ReactNode;
  filterKey?: string;
}) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  // The newest entry the reader has had in view, and the one at the top of the view.
  const seenSeq = useRef(0);
  const topSeq = useRef<number | null>(null);
  const shownFilter = useRef(filterKey);
  const [unseen, setUnseen] = useState(0);

  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => box.current,
    estimateSize: () => 110,
    overscan: 6,
    getItemKey: (index) => entries[index]!.id,
  });
  const items = virtualizer.getVirtualItems();

  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    if (shownFilter.current !== filterKey) {
      shownFilter.current = filterKey;
      if (!atBottom.current && topSeq.current !== null) {
        const anchor = topSeq.current;
        const index = entries.findIndex((entry) => entry.seq >= anchor);
        if (index >= 0) {
          virtualizer.scrollToIndex(index, { align: 'start' });
          setUnseen(countAfter(entries, seenSeq.current));
          return;
        }
        atBottom.current = true;
      }
    }
    if (atBottom.current) {
      seenSeq.current = entries.at(-1)?.seq ?? 0;
      setUnseen(0);
    } else {
      setUnseen(countAfter(entries, seenSeq.current));
    }
  }, [entries, filterKey, virtualizer]);

  // Every render (new entries, entries measured at their real height): a follower stays at the end.
  useLayoutEffect(() => {
    const element = box.current;
    if (element && atBottom.current && element.scrollHeight - element.scrollTop - element.clientHeight > 1) element.scrollTop = element.scrollHeight;
  });

  const onScroll = () => {
    const element = box.current;
    if (!element) return;
    atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
    const top = virtualizer.getVirtualItemForOffset(element.scrollTop);
    topSeq.current = top ? (entries[top.index]?.seq ?? null) : null;
    const last = virtualizer.getVirtualItemForOffset(element.scrollTop + element.clientHeight - 1);
    const lastSeq = last ? (entries[last.index]?.seq ?? 0) : 0;
    if (atBottom.current || lastSeq > seenSeq.current) {
      seenSeq.current = atBottom.current ? (entries.at(-1)?.seq ?? 0) : Math.max(seenSeq.current, lastSeq);
      setUnseen(countAfter(entries, seenSeq.current));
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
        style={{ overflowY: 'auto', overflowAnchor: 'none' }}
        p={2}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => (
            <div
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start}px)`, paddingBottom: 'var(--mantine-spacing-xs)' }}
            >
              {render(entries[item.index]!, item.index)}
            </div>
          ))}
        </div>
      </Box>
      {unseen > 0 && (
        <Button
          variant="light"
          size="compact-sm"
          onClick={() => {
            atBottom.current = true;
            virtualizer.scrollToIndex(entries.length - 1, { align: 'end' });
            seenSeq.current = entries.at(-1)?.seq ?? 0;
            setUnseen(0);
          }}
        >
          {t('incidents.live.newBelow', { count: unseen })}
        </Button>
      )}
    </Stack>
  );
}
