import { Alert, Badge, Button, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states';
import { formatDateTime } from '../../../lib/format';
import { applyProblem } from '../../../lib/form';
import { ProblemError } from '../../../lib/problem';
import { useActions, useCreateAction, useUpdateAction, type ActionFilter, type ActionStatus, type IncidentDetail } from '../api/use-incidents';

const STATUSES: ActionStatus[] = ['open', 'in_progress', 'done'];

/** The incident's actions: create, assign to a person or team, due time, status; overdue stands out. */
export function ActionBoard({ incident, language, timeZone }: { incident: IncidentDetail; language: string; timeZone: string }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<'all' | ActionFilter>('all');
  const actions = useActions(incident.id, filter === 'all' ? undefined : filter);
  const create = useCreateAction(incident.id);
  const update = useUpdateAction(incident.id);
  const [message, setMessage] = useState<string | null>(null);
  const open = incident.status === 'active';
  const assignees = [
    ...incident.teams.map((team) => ({ value: `team:${team.groupId}`, label: `${team.name} (${t('incidents.actions.team')})` })),
    ...incident.members.filter((member) => !member.removedAt).map((member) => ({ value: `user:${member.userId}`, label: member.name })),
  ].filter((option, index, all) => all.findIndex((other) => other.value === option.value) === index);
  const form = useForm({
    initialValues: { title: '', assignee: '', dueAt: '' },
    validate: { title: (value) => (value.trim() ? null : t('incidents.required')) },
  });

  const submit = form.onSubmit(async (values) => {
    setMessage(null);
    const [kind, id] = (values.assignee ?? '').split(':');
    try {
      await create.mutateAsync({
        title: values.title.trim(),
        dueAt: values.dueAt ? new Date(values.dueAt).toISOString() : null,
        assignee: kind === 'team' ? { teamId: id! } : kind === 'user' ? { userId: id! } : null,
      });
      form.reset();
    } catch (error) {
      if (error instanceof ProblemError) setMessage(applyProblem(form, error.problem, t));
      else throw error;
    }
  });

  return (
    <Stack gap="md">
      {open && (
        <Paper withBorder p="sm" radius="md">
          <form onSubmit={submit} noValidate aria-label={t('incidents.actions.new')}>
            <Stack gap="xs">
              <TextInput label={t('incidents.actions.titleField')} required {...form.getInputProps('title')} />
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <Select label={t('incidents.actions.assignee')} clearable data={assignees} {...form.getInputProps('assignee')} />
                <TextInput type="datetime-local" label={t('incidents.actions.due')} {...form.getInputProps('dueAt')} />
              </SimpleGrid>
              {message && (
                <Alert color="red" role="alert">
                  {message}
                </Alert>
              )}
              <Group>
                <Button type="submit" loading={create.isPending}>
                  {t('incidents.actions.create')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      )}
      <SegmentedControl
        aria-label={t('incidents.actions.filter')}
        value={filter}
        onChange={(value) => setFilter(value)}
        data={(['all', 'mine', 'my_team', 'overdue'] as const).map((value) => ({ value, label: t(`incidents.actions.filters.${value}`) }))}
        style={{ alignSelf: 'flex-start' }}
        fullWidth={false}
      />
      {actions.isPending ? (
        <LoadingState />
      ) : actions.isError ? (
        <ErrorState error={actions.error} onRetry={() => void actions.refetch()} />
      ) : actions.data.items.length === 0 ? (
        <EmptyState message={t('incidents.actions.empty')} />
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {actions.data.items.map((action) => (
            <Paper key={action.id} component="li" withBorder p="sm" radius="md" aria-label={action.title}>
              <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
                <Stack gap={2}>
                  <Group gap="xs">
                    <Text fw={600}>{action.title}</Text>
                    {action.overdue && (
                      <Badge color="red" radius="sm">
                        {t('incidents.actions.overdue')}
                      </Badge>
                    )}
                  </Group>
                  <Text size="sm" c="dark.4">
                    {action.assignee ? t('incidents.actions.assignedTo', { name: action.assignee.name }) : t('incidents.actions.unassigned')}
                    {action.dueAt ? ` · ${t('incidents.actions.dueAt', { time: formatDateTime(action.dueAt, { language, timeZone }) })}` : ''}
                  </Text>
                </Stack>
                <Select
                  aria-label={t('incidents.actions.statusOf', { title: action.title })}
                  allowDeselect={false}
                  disabled={!open}
                  w={170}
                  value={action.status}
                  data={STATUSES.map((status) => ({ value: status, label: t(`incidents.actions.status.${status}`) }))}
                  onChange={(status) => status && update.mutate({ actionId: action.id, status: status })}
                />
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
