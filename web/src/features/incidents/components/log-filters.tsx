import { Badge, Button, Grid, Group, Paper, Select, Text, TextInput } from '@mantine/core';
import { memo, useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { IncidentDetail, IncidentSetup, LogEntry } from '../api/use-incidents';

/** The log's filters as the URL holds them (a shared link opens the log filtered alike). */
export const FILTER_PARAMS = ['team', 'author', 'classification', 'label', 'kind', 'important', 'from', 'to'] as const;
export type LogFilterParam = (typeof FILTER_PARAMS)[number];
export type LogFilterValues = Partial<Record<LogFilterParam, string>>;

export function useLogFilter(): [LogFilterValues, (name: LogFilterParam, value: string | null) => void, () => void] {
  const [params, setParams] = useSearchParams();
  const values = useMemo(() => {
    const found: LogFilterValues = {};
    for (const name of FILTER_PARAMS) {
      const value = params.get(name);
      if (value) found[name] = value;
    }
    return found;
  }, [params]);
  // Replacing, not pushing: a filter change is no page to go back to.
  const set = useCallback(
    (name: LogFilterParam, value: string | null) =>
      setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
      ),
    [setParams],
  );
  const clear = () =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const name of FILTER_PARAMS) next.delete(name);
        return next;
      },
      { replace: true },
    );
  return [values, set, clear];
}

/**
 * Whether an entry passes the filter, by the same rules as the API's log filters (GET /entries):
 * the author's team, the author, classification, one label, with or without media, marked
 * important or not, created within the time range. Applied in the page to the one live stream, so
 * a filter change is instant and keeps the stream (and the reader's place), and every entry that
 * arrives or is marked meanwhile is judged by it as it comes.
 */
export function entryMatches(entry: LogEntry, filter: LogFilterValues): boolean {
  if (filter.team && entry.author.teamId !== filter.team) return false;
  if (filter.author && entry.author.id !== filter.author) return false;
  if (filter.classification && entry.classification !== filter.classification) return false;
  if (filter.label && !entry.labels.includes(filter.label)) return false;
  if (filter.kind && entry.media.length > 0 !== (filter.kind === 'media')) return false;
  if (filter.important && entry.important !== (filter.important === 'yes')) return false;
  const created = Date.parse(entry.createdAt);
  if (filter.from && created < Date.parse(filter.from)) return false;
  if (filter.to && created > Date.parse(filter.to)) return false;
  return true;
}

/** An instant as a datetime-local field shows it (the browser's time), and back. */
function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
function fromLocalInput(value: string, endOfMinute = false): string | null {
  const date = new Date(value);
  if (!value || Number.isNaN(date.getTime())) return null;
  // The field has minutes only: "until 09:00" takes in what was written during 09:00.
  return new Date(date.getTime() + (endOfMinute ? 59_999 : 0)).toISOString();
}

type Option = { value: string; label: string };

/** The same array while its options stay the same, so the fields do not render again per arriving entry. */
function useStableOptions(options: Option[]): Option[] {
  const last = useRef<{ key: string; options: Option[] }>({ key: '', options: [] });
  const key = options.map((option) => `${option.value}=${option.label}`).join('\n');
  if (key !== last.current.key) last.current = { key, options };
  return last.current.options;
}

const FilterFields = memo(function FilterFields({
  teams,
  authors,
  setup,
  filter,
  onChange,
}: {
  teams: Option[];
  authors: Option[];
  setup: IncidentSetup | undefined;
  filter: LogFilterValues;
  onChange: (name: LogFilterParam, value: string | null) => void;
}) {
  const { t } = useTranslation();
  // Two fields a row on a phone, four on a wide screen; the time fields need the room of two on a phone.
  const select = (name: LogFilterParam, label: string, data: Option[], searchable = false) => (
    <Grid.Col span={{ base: 6, md: 3 }}>
      <Select
        label={label}
        placeholder={t('incidents.filters.any')}
        data={data}
        value={filter[name] ?? null}
        onChange={(value) => onChange(name, value)}
        clearable
        searchable={searchable}
        clearButtonProps={{ 'aria-label': t('incidents.filters.clearOne', { field: label }) }}
        comboboxProps={{ withinPortal: true }}
      />
    </Grid.Col>
  );
  return (
    <Grid gap="xs" mt="xs" role="group" aria-label={t('incidents.filters.title')}>
      {select('team', t('incidents.filters.team'), teams, true)}
      {select('author', t('incidents.filters.author'), authors, true)}
      {select('classification', t('incidents.post.classification'), (setup?.classifications ?? []).map((option) => ({ value: option.key, label: option.name })))}
      {select('label', t('incidents.filters.label'), (setup?.labels ?? []).map((option) => ({ value: option.key, label: option.name })))}
      {select('kind', t('incidents.filters.kind'), [
        { value: 'text', label: t('incidents.filters.kinds.text') },
        { value: 'media', label: t('incidents.filters.kinds.media') },
      ])}
      {select('important', t('incidents.filters.importance'), [
        { value: 'yes', label: t('incidents.filters.importances.yes') },
        { value: 'no', label: t('incidents.filters.importances.no') },
      ])}
      <Grid.Col span={{ base: 12, xs: 6, md: 3 }}>
        <TextInput type="datetime-local" label={t('incidents.filters.from')} value={toLocalInput(filter.from)} onChange={(event) => onChange('from', fromLocalInput(event.currentTarget.value))} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, xs: 6, md: 3 }}>
        <TextInput type="datetime-local" label={t('incidents.filters.to')} value={toLocalInput(filter.to)} onChange={(event) => onChange('to', fromLocalInput(event.currentTarget.value, true))} />
      </Grid.Col>
    </Grid>
  );
});

export function LogFilters({
  incident,
  setup,
  entries,
  filter,
  onChange,
  onClear,
  shown,
}: {
  incident: IncidentDetail;
  setup: IncidentSetup | undefined;
  entries: LogEntry[];
  filter: LogFilterValues;
  onChange: (name: LogFilterParam, value: string | null) => void;
  onClear: () => void;
  shown: number;
}) {
  const { t } = useTranslation();
  const active = FILTER_PARAMS.filter((name) => filter[name]).length;
  const [opened, setOpened] = useState(active > 0);
  const teams = useStableOptions(
    useMemo(() => {
      const byId = new Map(incident.teams.map((team) => [team.groupId, team.name]));
      for (const entry of entries) if (entry.author.teamId && entry.author.teamName) byId.set(entry.author.teamId, entry.author.teamName);
      return [...byId].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
    }, [incident.teams, entries]),
  );
  // Authors: everyone linked, and whoever wrote in the log (someone unlinked since included).
  const authors = useStableOptions(
    useMemo(() => {
      const byId = new Map(incident.members.map((member) => [member.userId, member.name]));
      for (const entry of entries) byId.set(entry.author.id, entry.author.name);
      return [...byId].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
    }, [incident.members, entries]),
  );

  return (
    <Paper withBorder radius="md" p="xs">
      <Group justify="space-between" gap="xs">
        <Button variant="subtle" size="compact-md" onClick={() => setOpened((value) => !value)} aria-expanded={opened} aria-controls={opened ? 'log-filters' : undefined}>
          {t('incidents.filters.title')}
          {active > 0 && (
            <Badge ml={6} size="sm" circle aria-hidden>
              {active}
            </Badge>
          )}
        </Button>
        {active > 0 && (
          <Group gap="xs">
            <Text size="sm" c="dark.4" role="status">
              {t('incidents.filters.shown', { count: shown, total: entries.length })}
            </Text>
            <Button variant="default" size="compact-sm" onClick={onClear}>
              {t('incidents.filters.clear')}
            </Button>
          </Group>
        )}
      </Group>
      {/* Only while open: closed, its fields are neither in the page nor in the way of a screen reader. */}
      {opened && (
        <div id="log-filters">
          <FilterFields teams={teams} authors={authors} setup={setup} filter={filter} onChange={onChange} />
        </div>
      )}
    </Paper>
  );
}
