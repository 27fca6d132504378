import { Alert, Button, Grid, Group, Modal, Stack, Tabs, Text, Textarea, Title } from '@mantine/core';
import { memo, useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ExerciseBanner } from '../../../components/exercise-banner';
import { ErrorState, LoadingState } from '../../../components/states';
import { ProblemError, problemKey } from '../../../lib/problem';
import { hasAnyPermission, useMe } from '../../../lib/session';
import { useIncident, useIncidentSetup, useMarkEntry, type IncidentDetail, type IncidentSetup, type LogEntry } from '../api/use-incidents';
import { useLogStream } from '../api/use-log-stream';
import { useTimeZone } from '../api/use-time-zone';
import { ActionBoard } from '../components/action-board';
import { IncidentBadges } from '../components/incident-badges';
import { IncidentControls } from '../components/incident-controls';
import { LiveLog } from '../components/live-log';
import { LogEntryCard } from '../components/log-entry-card';
import { entryMatches, FILTER_PARAMS, LogFilters, useLogFilter } from '../components/log-filters';
import { ParticipantsPanel } from '../components/participants-panel';
import { PostEntryForm } from '../components/post-entry-form';

function MarkDialog({ incidentId, entry, onClose }: { incidentId: string; entry: LogEntry; onClose: () => void }) {
  const { t } = useTranslation();
  const mark = useMarkEntry(incidentId);
  const [summary, setSummary] = useState(entry.summary ?? '');
  const [message, setMessage] = useState<string | null>(null);
  const save = async (important: boolean) => {
    try {
      await mark.mutateAsync({ entryId: entry.id, important, summary: important ? summary.trim() || null : null });
      onClose();
    } catch (error) {
      if (error instanceof ProblemError) setMessage(t([problemKey(error.problem), `problems.status.${error.problem.status}`, 'problems.unknown']));
      else throw error;
    }
  };
  return (
    <Modal opened onClose={onClose} title={t('incidents.mark.title', { seq: entry.seq })}>
      <Stack gap="sm">
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {entry.text}
        </Text>
        <Textarea label={t('incidents.mark.summary')} autosize minRows={2} value={summary} onChange={(event) => setSummary(event.currentTarget.value)} />
        {message && (
          <Alert color="red" role="alert">
            {message}
          </Alert>
        )}
        <Group justify="flex-end">
          {entry.important && (
            <Button variant="default" onClick={() => void save(false)} loading={mark.isPending}>
              {t('incidents.log.unmark')}
            </Button>
          )}
          <Button onClick={() => void save(true)} loading={mark.isPending}>
            {t('incidents.mark.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

type Feed = ReturnType<typeof useLogStream>;

// Renders again only when what it is given changes, not with every entry the log beside it receives.
const PostArea = memo(PostEntryForm);

/**
 * The live log with its filters: the only part of the room that renders again as entries arrive
 * (the post form and the dialogs beside it do not), so a busy log costs one list update per frame.
 */
function FeedView({
  incident,
  feed,
  setup,
  onMark,
  onCorrect,
}: {
  incident: IncidentDetail;
  feed: Feed;
  setup: IncidentSetup | undefined;
  onMark: ((entry: LogEntry) => void) | undefined;
  onCorrect: ((entry: LogEntry) => void) | undefined;
}) {
  const { t, i18n } = useTranslation();
  const timeZone = useTimeZone();
  const [filter, setFilter, clearFilter] = useLogFilter();
  const filterKey = FILTER_PARAMS.map((name) => filter[name] ?? '').join('|');
  const filtering = filterKey.replace(/\|/g, '') !== '';
  const shown = useMemo(() => (filtering ? feed.entries.filter((entry) => entryMatches(entry, filter)) : feed.entries), [feed.entries, filter, filtering]);
  return (
    <>
      <LogFilters incident={incident} setup={setup} entries={feed.entries} filter={filter} onChange={setFilter} onClear={clearFilter} shown={shown.length} />
      <LiveLog
        {...feed}
        entries={shown}
        filterKey={filterKey}
        label={t('incidents.tabs.log')}
        empty={filtering && feed.entries.length > 0 ? t('incidents.filters.none') : t('incidents.log.empty')}
        language={i18n.language}
        timeZone={timeZone}
        render={(entry, index) => (
          <LogEntryCard entry={entry} setup={setup} language={i18n.language} timeZone={timeZone} index={index} onMark={onMark} onCorrect={onCorrect} />
        )}
      />
    </>
  );
}

function LogPanel({ incident, feed, setup, coordinator }: { incident: IncidentDetail; feed: Feed; setup: IncidentSetup | undefined; coordinator: boolean }) {
  const [marking, setMarking] = useState<LogEntry | null>(null);
  const [correcting, setCorrecting] = useState<LogEntry | null>(null);
  const cancelCorrection = useCallback(() => setCorrecting(null), []);
  const open = incident.status === 'active';
  return (
    <Stack gap="sm">
      <FeedView incident={incident} feed={feed} setup={setup} onMark={coordinator && open ? setMarking : undefined} onCorrect={open ? setCorrecting : undefined} />
      {open && <PostArea incidentId={incident.id} setup={setup} correcting={correcting} onCancelCorrection={cancelCorrection} />}
      {marking && <MarkDialog incidentId={incident.id} entry={marking} onClose={() => setMarking(null)} />}
    </Stack>
  );
}

/** The feed's important entries, the same array while they stay the same (entries keep their objects until changed). */
function useImportant(entries: LogEntry[]): LogEntry[] {
  const last = useRef<LogEntry[]>([]);
  return useMemo(() => {
    const next = entries.filter((entry) => entry.important);
    if (next.length !== last.current.length || next.some((entry, index) => entry !== last.current[index])) last.current = next;
    return last.current;
  }, [entries]);
}

const OverviewList = memo(function OverviewList({ feed, setup }: { feed: Feed; setup: IncidentSetup | undefined }) {
  const { t, i18n } = useTranslation();
  const timeZone = useTimeZone();
  return (
    <LiveLog
      {...feed}
      label={t('incidents.tabs.overview')}
      empty={t('incidents.overview.empty')}
      language={i18n.language}
      timeZone={timeZone}
      render={(entry, index) => <LogEntryCard entry={entry} setup={setup} language={i18n.language} timeZone={timeZone} index={index} />}
    />
  );
});

/**
 * The log tab: the feed, and beside it on a wide screen the situation overview taken from the same
 * stream (the feed carries every marking), so the room holds one stream open, not two.
 */
function LogTab({ incident, setup, coordinator }: { incident: IncidentDetail; setup: IncidentSetup | undefined; coordinator: boolean }) {
  const { t } = useTranslation();
  const feed = useLogStream(incident.id, 'feed');
  const important = useImportant(feed.entries);
  const { state, reconnectedAt, failed } = feed;
  const overview = useMemo(() => ({ entries: important, state, reconnectedAt, failed }), [important, state, reconnectedAt, failed]);
  return (
    <Grid>
      <Grid.Col span={{ base: 12, lg: 8 }}>
        <LogPanel incident={incident} feed={feed} setup={setup} coordinator={coordinator} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 4 }} visibleFrom="lg">
        <Title order={2} size="h4" mb="xs">
          {t('incidents.tabs.overview')}
        </Title>
        <OverviewList feed={overview} setup={setup} />
      </Grid.Col>
    </Grid>
  );
}

function OverviewPanel({ incidentId, setup }: { incidentId: string; setup: IncidentSetup | undefined }) {
  const overview = useLogStream(incidentId, 'overview');
  return <OverviewList feed={overview} setup={setup} />;
}

export default function IncidentRoomPage() {
  const { t, i18n } = useTranslation();
  const { incidentId = '' } = useParams();
  const me = useMe();
  const timeZone = useTimeZone();
  const incident = useIncident(incidentId);
  const setup = useIncidentSetup();
  const [tab, setTab] = useState<string | null>('log');

  if (incident.isPending) return <LoadingState />;
  if (incident.isError) return <ErrorState error={incident.error} onRetry={() => void incident.refetch()} />;
  const coordinator = hasAnyPermission(me.data?.permissions, ['incidents.coordinate']);
  const admin = hasAnyPermission(me.data?.permissions, ['incidents.admin']);

  return (
    <Stack gap="md">
      {incident.data.exercise && <ExerciseBanner />}
      <Stack gap={4}>
        <Title order={1}>{incident.data.title}</Title>
        <IncidentBadges incident={incident.data} />
        {incident.data.location && (
          <Text size="sm" c="dark.4">
            {incident.data.location.name ?? incident.data.location.address}
          </Text>
        )}
      </Stack>
      <IncidentControls incident={incident.data} coordinator={coordinator} admin={admin} language={i18n.language} timeZone={timeZone} />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="log">{t('incidents.tabs.log')}</Tabs.Tab>
          <Tabs.Tab value="overview">{t('incidents.tabs.overview')}</Tabs.Tab>
          <Tabs.Tab value="actions">{t('incidents.tabs.actions')}</Tabs.Tab>
          <Tabs.Tab value="participants">{t('incidents.tabs.participants')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="log" pt="md">
          <LogTab incident={incident.data} setup={setup.data} coordinator={coordinator} />
        </Tabs.Panel>
        <Tabs.Panel value="overview" pt="md">
          <OverviewPanel incidentId={incidentId} setup={setup.data} />
        </Tabs.Panel>
        <Tabs.Panel value="actions" pt="md">
          <ActionBoard incident={incident.data} language={i18n.language} timeZone={timeZone} />
        </Tabs.Panel>
        <Tabs.Panel value="participants" pt="md">
          <ParticipantsPanel incident={incident.data} setup={setup.data} coordinator={coordinator} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
