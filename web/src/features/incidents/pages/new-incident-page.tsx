import { ActionIcon, Alert, Badge, Button, Card, Checkbox, Group, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ExerciseBanner } from '../../../components/exercise-banner';
import { ErrorState, LoadingState } from '../../../components/states';
import { applyProblem } from '../../../lib/form';
import { ProblemError, type Problem } from '../../../lib/problem';
import { hasAnyPermission, useMe } from '../../../lib/session';
import { useActivateIncident, useIncidentReach, useIncidentSetup, usePeopleToLink, useTeams, type IncidentLinks, type IncidentSetup } from '../api/use-incidents';

const SEVERITIES = ['minor', 'moderate', 'major', 'critical'] as const;
const FREE_LOCATION = '__free__';

type Activated = Awaited<ReturnType<ReturnType<typeof useActivateIncident>['mutateAsync']>>;
interface Person {
  name: string;
  role: string;
  team: string | null;
}

/** Who is (or would be) linked and told: name, incident role, and the team they come with. */
function PeopleTable({ people, caption }: { people: Person[]; caption: string }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={320}>
      <Table striped>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('incidents.notify.person')}</Table.Th>
            <Table.Th>{t('incidents.notify.role')}</Table.Th>
            <Table.Th>{t('incidents.notify.via')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {people.map((person, index) => (
            <Table.Tr key={index}>
              <Table.Td>{person.name}</Table.Td>
              <Table.Td>{person.role}</Table.Td>
              <Table.Td>{person.team ?? t('incidents.notify.inPerson')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

const roleName = (setup: IncidentSetup, key: string) => setup.roles.find((role) => role.key === key)?.name ?? key;

/** After starting: what the push message reached, and who is in the team now. */
function Started({ incident, setup }: { incident: Activated; setup: IncidentSetup }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" maw={760}>
      {incident.exercise && <ExerciseBanner />}
      <Title order={1}>{t('incidents.notify.startedTitle', { title: incident.title })}</Title>
      <Alert color="green" role="status">
        <Text fw={700}>{t('incidents.notify.started')}</Text>
        <Text>{t('incidents.notify.reached', { count: incident.notified.people, devices: incident.notified.devices })}</Text>
      </Alert>
      <PeopleTable
        caption={t('incidents.notify.linkedCaption', { count: incident.members.length })}
        people={incident.members.map((member) => ({ name: member.name, role: roleName(setup, member.role), team: member.teamName }))}
      />
      <Group>
        <Button component={Link} to={`/incidents/${incident.id}`}>
          {t('incidents.notify.openRoom')}
        </Button>
      </Group>
    </Stack>
  );
}

export default function NewIncidentPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const setup = useIncidentSetup();
  const teams = useTeams(hasAnyPermission(me.data?.permissions, ['groups.read']));
  const [personSearch, setPersonSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(personSearch, 250);
  const people = usePeopleToLink(debouncedSearch, hasAnyPermission(me.data?.permissions, ['users.read']));
  // Names of chosen people stay known when a later search no longer lists them.
  const [knownPeople, setKnownPeople] = useState<Record<string, string>>({});
  const activate = useActivateIncident();
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [started, setStarted] = useState<Activated | null>(null);
  const form = useForm({
    initialValues: {
      title: '',
      type: '',
      severity: 'moderate',
      description: '',
      location: '',
      address: '',
      exercise: false,
      teams: [] as Array<{ groupId: string; role: string }>,
      users: [] as Array<{ userId: string; role: string }>,
    },
    validate: {
      title: (value) => (value.trim() ? null : t('incidents.required')),
      type: (value) => (value ? null : t('incidents.required')),
      address: (value, values) => (values.location === FREE_LOCATION && !value.trim() ? t('incidents.required') : null),
    },
  });
  const { teams: chosenTeams, users: chosenUsers } = form.values;
  const links: IncidentLinks = useMemo(() => ({ teams: chosenTeams, users: chosenUsers }), [chosenTeams, chosenUsers]);
  const [debouncedLinks] = useDebouncedValue(links, 200);
  const reach = useIncidentReach(debouncedLinks, setup.isSuccess);
  // Field errors are text in the language of the moment: a language switch says them again.
  useEffect(() => {
    if (problem) setMessage(applyProblem(form, problem, t));
    else if (Object.keys(form.errors).length > 0) form.validate();
  }, [i18n.language]);

  if (setup.isPending) return <LoadingState />;
  if (setup.isError) return <ErrorState error={setup.error} onRetry={() => void setup.refetch()} />;
  if (started) return <Started incident={started} setup={setup.data} />;

  const defaultRole = setup.data.roles.find((role) => role.default)?.key ?? setup.data.roles[0]?.key ?? '';
  const roleOptions = setup.data.roles.map((role) => ({ value: role.key, label: role.name }));
  const teamName = (groupId: string) => teams.data?.items.find((group) => group.id === groupId)?.name ?? groupId;
  const teamOptions = (teams.data?.items ?? []).filter((group) => !chosenTeams.some((c) => c.groupId === group.id)).map((group) => ({ value: group.id, label: group.name }));
  const personOptions = (people.data?.items ?? []).filter((user) => !chosenUsers.some((c) => c.userId === user.id)).map((user) => ({ value: user.id, label: `${user.name} (${user.email})` }));

  const submit = form.onSubmit(async (values) => {
    setMessage(null);
    setProblem(null);
    const location =
      values.location === FREE_LOCATION ? { address: values.address.trim() } : values.location ? { standardKey: values.location } : null;
    try {
      setStarted(
        await activate.mutateAsync({
          title: values.title.trim(),
          type: values.type,
          severity: values.severity as (typeof SEVERITIES)[number],
          description: values.description.trim() || null,
          location,
          exercise: values.exercise,
          teams: values.teams,
          users: values.users,
        }),
      );
    } catch (error) {
      if (error instanceof ProblemError) {
        setProblem(error.problem);
        setMessage(applyProblem(form, error.problem, t));
      }
      else throw error;
    }
  });

  return (
    <Stack gap="md" maw={760}>
      {form.values.exercise && <ExerciseBanner />}
      <Title order={1}>{t('incidents.startTitle')}</Title>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label={t('incidents.fields.title')} required maxLength={200} {...form.getInputProps('title')} />
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
              ...setup.data.locations.map((location) => ({ value: location.key, label: location.address ? `${location.name} — ${location.address}` : location.name })),
              { value: FREE_LOCATION, label: t('incidents.freeLocation') },
            ]}
            {...form.getInputProps('location')}
          />
          {form.values.location === FREE_LOCATION && <TextInput label={t('incidents.fields.address')} required maxLength={300} {...form.getInputProps('address')} />}
          <Textarea label={t('incidents.fields.description')} autosize minRows={2} maxLength={5000} {...form.getInputProps('description')} />
          <Checkbox label={t('incidents.fields.exercise')} description={t('incidents.exerciseHint')} {...form.getInputProps('exercise', { type: 'checkbox' })} />

          <Card withBorder component="section" aria-labelledby="incident-team-title">
            <Stack gap="sm">
              <Title order={2} size="h3" id="incident-team-title">
                {t('incidents.team.title')}
              </Title>
              {teams.data && (
                <Select
                  label={t('incidents.team.addTeam')}
                  placeholder={t('incidents.team.search')}
                  searchable
                  value={null}
                  nothingFoundMessage={t('incidents.team.noneFound')}
                  data={teamOptions}
                  onChange={(groupId) => groupId && form.insertListItem('teams', { groupId, role: defaultRole })}
                />
              )}
              {chosenTeams.map((team, index) => (
                <Group key={team.groupId} align="flex-end" wrap="nowrap" gap="sm">
                  <Text fw={600} style={{ flex: 1 }} pb={8}>
                    {t('incidents.team.teamRow', { name: teamName(team.groupId) })}
                  </Text>
                  <Select label={t('incidents.notify.role')} aria-label={t('incidents.team.roleOf', { name: teamName(team.groupId) })} allowDeselect={false} data={roleOptions} w={200} {...form.getInputProps(`teams.${index}.role`)} />
                  <ActionIcon variant="subtle" color="red" size="lg" mb={4} aria-label={t('incidents.team.remove', { name: teamName(team.groupId) })} onClick={() => form.removeListItem('teams', index)}>
                    <span aria-hidden>✕</span>
                  </ActionIcon>
                </Group>
              ))}
              {people.data && (
                <Select
                  label={t('incidents.team.addPerson')}
                  placeholder={t('incidents.team.searchPerson')}
                  searchable
                  value={null}
                  searchValue={personSearch}
                  onSearchChange={setPersonSearch}
                  filter={({ options }) => options}
                  nothingFoundMessage={t('incidents.team.noneFound')}
                  data={personOptions}
                  onChange={(userId) => {
                    if (!userId) return;
                    const name = people.data?.items.find((user) => user.id === userId)?.name ?? userId;
                    setKnownPeople((known) => ({ ...known, [userId]: name }));
                    form.insertListItem('users', { userId, role: defaultRole });
                    setPersonSearch('');
                  }}
                />
              )}
              {chosenUsers.map((user, index) => (
                <Group key={user.userId} align="flex-end" wrap="nowrap" gap="sm">
                  <Text fw={600} style={{ flex: 1 }} pb={8}>
                    {knownPeople[user.userId] ?? user.userId}
                  </Text>
                  <Select label={t('incidents.notify.role')} aria-label={t('incidents.team.roleOf', { name: knownPeople[user.userId] ?? '' })} allowDeselect={false} data={roleOptions} w={200} {...form.getInputProps(`users.${index}.role`)} />
                  <ActionIcon variant="subtle" color="red" size="lg" mb={4} aria-label={t('incidents.team.remove', { name: knownPeople[user.userId] ?? '' })} onClick={() => form.removeListItem('users', index)}>
                    <span aria-hidden>✕</span>
                  </ActionIcon>
                </Group>
              ))}
            </Stack>
          </Card>

          <Card withBorder component="section" aria-labelledby="incident-notify-title">
            <Stack gap="sm">
              <Group gap="sm">
                <Title order={2} size="h3" id="incident-notify-title">
                  {t('incidents.notify.title')}
                </Title>
                {form.values.exercise && (
                  <Badge color="yellow.4" c="black" radius="sm">
                    {t('common.exercise')}
                  </Badge>
                )}
              </Group>
              <Text role="status" aria-live="polite" fw={600}>
                {reach.isError
                  ? t('incidents.notify.unknown')
                  : reach.data
                    ? t('incidents.notify.willReach', { count: reach.data.notified.people, devices: reach.data.notified.devices })
                    : t('incidents.notify.counting')}
              </Text>
              {reach.data && (
                <PeopleTable
                  caption={t('incidents.notify.previewCaption', { count: reach.data.people.length })}
                  people={reach.data.people.map((person) => ({ name: person.name, role: roleName(setup.data, person.role), team: person.teamName }))}
                />
              )}
            </Stack>
          </Card>
          {message && (
            <Alert color="red" role="alert">
              {message}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={activate.isPending}>
              {form.values.exercise ? t('incidents.startExercise') : t('incidents.startSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
