import { Alert, Button, Checkbox, Group, MultiSelect, Select, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorState, LoadingState } from '../../../components/states';
import { applyProblem } from '../../../lib/form';
import { ProblemError } from '../../../lib/problem';
import { hasAnyPermission, useMe } from '../../../lib/session';
import { useActivateIncident, useIncidentSetup, useTeams } from '../api/use-incidents';

const SEVERITIES = ['minor', 'moderate', 'major', 'critical'] as const;
const FREE_LOCATION = '__free__';

export default function NewIncidentPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const setup = useIncidentSetup();
  const teams = useTeams(hasAnyPermission(me.data?.permissions, ['groups.read']));
  const activate = useActivateIncident();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm({
    initialValues: { title: '', type: '', severity: 'moderate', description: '', location: '', address: '', exercise: false, teams: [] as string[] },
    validate: {
      title: (value) => (value.trim() ? null : t('incidents.required')),
      type: (value) => (value ? null : t('incidents.required')),
    },
  });

  if (setup.isPending) return <LoadingState />;
  if (setup.isError) return <ErrorState error={setup.error} onRetry={() => void setup.refetch()} />;

  const submit = form.onSubmit(async (values) => {
    setMessage(null);
    const location =
      values.location === FREE_LOCATION ? (values.address.trim() ? { address: values.address.trim() } : null) : values.location ? { standardKey: values.location } : null;
    try {
      const incident = await activate.mutateAsync({
        title: values.title.trim(),
        type: values.type,
        severity: values.severity as (typeof SEVERITIES)[number],
        description: values.description.trim() || null,
        location,
        exercise: values.exercise,
        teams: values.teams.map((groupId) => ({ groupId })),
      });
      void navigate(`/incidents/${incident.id}`);
    } catch (error) {
      if (error instanceof ProblemError) setMessage(applyProblem(form, error.problem, t));
      else throw error;
    }
  });

  return (
    <Stack gap="md" maw={640}>
      <Title order={1}>{t('incidents.startTitle')}</Title>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label={t('incidents.fields.title')} required {...form.getInputProps('title')} />
          <Select label={t('incidents.fields.type')} required data={setup.data.types.map((type) => ({ value: type.key, label: type.name }))} {...form.getInputProps('type')} />
          <Select
            label={t('incidents.fields.severity')}
            allowDeselect={false}
            data={SEVERITIES.map((severity) => ({ value: severity, label: t(`incidents.severity.${severity}`) }))}
            {...form.getInputProps('severity')}
          />
          <Select
            label={t('incidents.fields.location')}
            clearable
            data={[
              ...setup.data.locations.map((location) => ({ value: location.key, label: location.name })),
              { value: FREE_LOCATION, label: t('incidents.freeLocation') },
            ]}
            {...form.getInputProps('location')}
          />
          {form.values.location === FREE_LOCATION && <TextInput label={t('incidents.fields.address')} {...form.getInputProps('address')} />}
          <Textarea label={t('incidents.fields.description')} autosize minRows={2} {...form.getInputProps('description')} />
          {teams.data && (
            <MultiSelect
              label={t('incidents.fields.teams')}
              searchable
              data={teams.data.items.map((group) => ({ value: group.id, label: group.name }))}
              {...form.getInputProps('teams')}
            />
          )}
          <Checkbox label={t('incidents.fields.exercise')} description={t('incidents.exerciseHint')} {...form.getInputProps('exercise', { type: 'checkbox' })} />
          {message && (
            <Alert color="red" role="alert">
              {message}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={activate.isPending}>
              {t('incidents.startSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
