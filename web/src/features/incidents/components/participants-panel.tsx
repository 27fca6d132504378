import { Alert, Button, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { EmptyState } from '../../../components/states';
import { ProblemError, problemKey } from '../../../lib/problem';
import type { IncidentDetail, IncidentSetup } from '../api/use-incidents';
import { useChangeMemberRole, useLinkParticipants, usePeopleSearch, useRemoveMember, useRemoveTeam, useTeamSearch } from '../api/use-incident-room';

type Removal = { kind: 'member'; id: string; name: string } | { kind: 'team'; id: string; name: string };
/** What the last change did, kept as keys so a language switch translates it too. */
type Outcome = { ok: boolean; key: string | string[]; values?: Record<string, string | number> };

function problemOutcome(error: unknown): Outcome {
  if (!(error instanceof ProblemError)) throw error;
  return { ok: false, key: [problemKey(error.problem), `problems.status.${error.problem.status}`, 'problems.unknown'] };
}

/** One picker that searches the API as the coordinator types (the organisation may have thousands). */
function SearchPicker({
  label,
  kind,
  value,
  onChange,
  exclude,
}: {
  label: string;
  kind: 'person' | 'team';
  value: string | null;
  onChange: (value: string | null) => void;
  exclude: Set<string>;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [term] = useDebouncedValue(search, 250);
  const [opened, setOpened] = useState(false);
  const people = usePeopleSearch(term, kind === 'person' && opened);
  const teams = useTeamSearch(term, kind === 'team' && opened);
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null);
  const found =
    kind === 'person'
      ? (people.data?.items ?? []).map((user) => ({ value: user.id, label: `${user.name} (${user.email})` }))
      : (teams.data?.items ?? []).map((group) => ({ value: group.id, label: group.name }));
  // The chosen one stays an option while the search shows others, so the field keeps its label.
  const data = [...(chosen && !found.some((option) => option.value === chosen.value) ? [chosen] : []), ...found.filter((option) => !exclude.has(option.value))];
  return (
    <Select
      label={label}
      placeholder={t('incidents.participants.searchPlaceholder')}
      searchable
      clearable
      data={data}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      onDropdownOpen={() => setOpened(true)}
      onChange={(next, option) => {
        setChosen(next && option ? { value: option.value, label: option.label } : null);
        onChange(next);
      }}
      // The API has searched already; the options are not filtered again here.
      filter={({ options }) => options}
      nothingFoundMessage={(kind === 'person' ? people : teams).isFetching ? t('common.loading') : t('incidents.participants.nothingFound')}
      clearButtonProps={{ 'aria-label': t('incidents.filters.clearOne', { field: label }) }}
    />
  );
}

function AddParticipant({ incident, setup, kind, onOutcome }: { incident: IncidentDetail; setup: IncidentSetup | undefined; kind: 'person' | 'team'; onOutcome: (outcome: Outcome | null) => void }) {
  const { t } = useTranslation();
  const link = useLinkParticipants(incident.id);
  const defaultRole = setup?.roles.find((role) => role.default)?.key ?? null;
  const [who, setWho] = useState<string | null>(null);
  const [role, setRole] = useState<string | null>(defaultRole);
  const linked = new Set(kind === 'person' ? incident.members.filter((member) => !member.removedAt).map((member) => member.userId) : incident.teams.filter((team) => !team.removedAt).map((team) => team.groupId));
  const label = kind === 'person' ? t('incidents.participants.person') : t('incidents.participants.team');

  const add = async () => {
    if (!who) return;
    onOutcome(null);
    const entry = role ? { role } : {};
    try {
      const result = await link.mutateAsync(kind === 'person' ? { users: [{ userId: who, ...entry }] } : { teams: [{ groupId: who, ...entry }] });
      onOutcome({ ok: true, key: 'incidents.participants.linked', values: { count: result.linked.length } });
      setWho(null);
    } catch (error) {
      onOutcome(problemOutcome(error));
    }
  };

  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs" style={{ alignItems: 'end' }}>
        <SearchPicker label={label} kind={kind} value={who} onChange={setWho} exclude={linked} />
        <Select
          label={kind === 'person' ? t('incidents.participants.personRole') : t('incidents.participants.teamRole')}
          data={(setup?.roles ?? []).map((option) => ({ value: option.key, label: option.name }))}
          value={role}
          onChange={setRole}
          allowDeselect={false}
        />
        <Button onClick={() => void add()} loading={link.isPending} disabled={!who}>
          {kind === 'person' ? t('incidents.participants.addPerson') : t('incidents.participants.addTeam')}
        </Button>
    </SimpleGrid>
  );
}

/**
 * Who works on the incident, with their incident roles. Coordinators add people and teams (the
 * newly linked are notified), change a person's role and unlink; a closed incident's team is frozen.
 */
export function ParticipantsPanel({ incident, setup, coordinator }: { incident: IncidentDetail; setup: IncidentSetup | undefined; coordinator: boolean }) {
  const { t } = useTranslation();
  const open = incident.status === 'active';
  const canEdit = coordinator && open;
  const changeRole = useChangeMemberRole(incident.id);
  const removeMember = useRemoveMember(incident.id);
  const removeTeam = useRemoveTeam(incident.id);
  const [removal, setRemoval] = useState<Removal | null>(null);
  const [message, setMessage] = useState<Outcome | null>(null);
  const roleName = (key: string) => setup?.roles.find((role) => role.key === key)?.name ?? key;
  const roles = (setup?.roles ?? []).map((option) => ({ value: option.key, label: option.name }));
  const teams = incident.teams.filter((team) => !team.removedAt);
  const members = incident.members.filter((member) => !member.removedAt).sort((a, b) => a.name.localeCompare(b.name));

  const onRole = async (userId: string, name: string, role: string | null) => {
    if (!role) return;
    setMessage(null);
    try {
      await changeRole.mutateAsync({ userId, role });
      setMessage({ ok: true, key: 'incidents.participants.roleChanged', values: { name, role: roleName(role) } });
    } catch (error) {
      setMessage(problemOutcome(error));
    }
  };
  const onRemove = async () => {
    if (!removal) return;
    setMessage(null);
    try {
      if (removal.kind === 'member') await removeMember.mutateAsync(removal.id);
      else await removeTeam.mutateAsync(removal.id);
      setMessage({ ok: true, key: 'incidents.participants.removed', values: { name: removal.name } });
    } catch (error) {
      setMessage(problemOutcome(error));
    }
    setRemoval(null);
  };

  return (
    <Stack gap="md">
      {!open ? (
        <Text size="sm" c="dark.4">
          {t('incidents.participants.frozen')}
        </Text>
      ) : !coordinator ? (
        <Text size="sm" c="dark.4">
          {t('incidents.participants.coordinatorOnly')}
        </Text>
      ) : (
        <Paper withBorder p="sm" radius="md">
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('incidents.participants.add')}
            </Title>
            <Text size="sm" c="dark.4">
              {t('incidents.participants.addHint')}
            </Text>
            <AddParticipant incident={incident} setup={setup} kind="person" onOutcome={setMessage} />
            <AddParticipant incident={incident} setup={setup} kind="team" onOutcome={setMessage} />
          </Stack>
        </Paper>
      )}
      {message && (
        <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'} py={6}>
          {t(message.key, message.values)}
        </Alert>
      )}

      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('incidents.participants.teams')}
        </Title>
        {teams.length === 0 ? (
          <Text size="sm" c="dark.4">
            {t('incidents.participants.noTeams')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={300}>
            <Table aria-label={t('incidents.participants.teams')} verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('incidents.participants.team')}</Table.Th>
                  <Table.Th>{t('incidents.participants.role')}</Table.Th>
                  {canEdit && <Table.Th>{t('common.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {teams.map((team) => (
                  <Table.Tr key={team.groupId}>
                    <Table.Td>{team.name}</Table.Td>
                    <Table.Td>{roleName(team.role)}</Table.Td>
                    {canEdit && <RemoveCell name={team.name} onRemove={() => setRemoval({ kind: 'team', id: team.groupId, name: team.name })} />}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>

      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('incidents.participants.people')}
        </Title>
        {members.length === 0 ? (
          <EmptyState message={t('incidents.participants.noPeople')} />
        ) : (
          <Table.ScrollContainer minWidth={340}>
            <Table aria-label={t('incidents.participants.people')} verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('incidents.participants.person')}</Table.Th>
                  <Table.Th>{t('incidents.participants.role')}</Table.Th>
                  {canEdit && <Table.Th>{t('common.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {members.map((member) => (
                  <Table.Tr key={member.userId}>
                    <Table.Td>
                      <Text size="sm">{member.name}</Text>
                      <Text size="xs" c="dark.4">
                        {member.teamName ? t('incidents.participants.viaTeam', { team: member.teamName }) : t('incidents.participants.inPerson')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {canEdit ? (
                        <Select
                          aria-label={t('incidents.participants.roleOf', { name: member.name })}
                          data={roles.some((option) => option.value === member.role) ? roles : [...roles, { value: member.role, label: member.role }]}
                          value={member.role}
                          onChange={(role) => void onRole(member.userId, member.name, role)}
                          allowDeselect={false}
                          size="xs"
                          maw={180}
                          miw={120}
                        />
                      ) : (
                        roleName(member.role)
                      )}
                    </Table.Td>
                    {canEdit && <RemoveCell name={member.name} onRemove={() => setRemoval({ kind: 'member', id: member.userId, name: member.name })} />}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>

      <ConfirmDialog
        opened={removal !== null}
        title={t('incidents.participants.removeTitle', { name: removal?.name ?? '' })}
        consequence={removal?.kind === 'team' ? t('incidents.participants.removeTeamConsequence') : t('incidents.participants.removeMemberConsequence')}
        confirmLabel={t('incidents.participants.remove')}
        onConfirm={() => void onRemove()}
        onCancel={() => setRemoval(null)}
        busy={removeMember.isPending || removeTeam.isPending}
      />
    </Stack>
  );
}

/** The remove button of a team's or a person's row, named for the row so a screen reader says whom it removes. */
function RemoveCell({ name, onRemove }: { name: string; onRemove: () => void }) {
  const { t } = useTranslation();
  return (
    <Table.Td>
      <Button size="compact-sm" variant="outline" color="red" aria-label={t('incidents.participants.removeNamed', { name })} onClick={onRemove}>
        {t('incidents.participants.remove')}
      </Button>
    </Table.Td>
  );
}
