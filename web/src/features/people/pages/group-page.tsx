import { Alert, Anchor, Button, Group, Paper, Select, Stack, Table, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { ListView, Pager } from '../../../components/list-view';
import { ErrorState, LoadingState } from '../../../components/states';
import { ProblemError } from '../../../lib/problem';
import { hasAnyPermission, useMe } from '../../../lib/session';
import { GROUP_PAGE_SIZE, useDeleteGroup, useGroup, useGroupMembers, useMembership, useUpdateGroup, useUserSearch } from '../api/use-groups';
import { GroupForm } from '../components/group-form';

function Members({ groupId, canWrite }: { groupId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const members = useGroupMembers(groupId, page);
  const membership = useMembership(groupId);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 200);
  const candidates = useUserSearch(debounced);
  const [removing, setRemoving] = useState<{ id: string; name: string } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const change = async (userId: string, add: boolean) => {
    setFailure(null);
    try {
      await membership.mutateAsync({ userId, add });
    } catch (error) {
      const problem = error instanceof ProblemError ? error.problem : undefined;
      setFailure(t([`problems.status.${problem?.status ?? 0}`, 'problems.unknown']));
    }
  };

  return (
    <Stack gap="sm">
      {failure && (
        <Alert color="red" role="alert">
          {failure}
        </Alert>
      )}
      {canWrite && (
        <Select
          label={t('groups.addMember')}
          placeholder={t('groups.addMemberHint')}
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          value={null}
          filter={({ options }) => options}
          nothingFoundMessage={debounced ? t('people.empty') : undefined}
          data={(candidates.data?.items ?? []).map((user) => ({ value: user.id, label: `${user.name} (${user.email})` }))}
          onChange={(userId) => {
            if (!userId) return;
            setSearch('');
            void change(userId, true);
          }}
          maw={420}
        />
      )}
      <ListView query={members} empty={t('groups.noMembers')}>
        {(data) => (
          <>
            <Table.ScrollContainer minWidth={420}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('people.name')}</Table.Th>
                    <Table.Th>{t('people.email')}</Table.Th>
                    {canWrite && <Table.Th>{t('common.actions')}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((user) => (
                    <Table.Tr key={user.id}>
                      <Table.Td>{user.name}</Table.Td>
                      <Table.Td>{user.email}</Table.Td>
                      {canWrite && (
                        <Table.Td>
                          <Button size="xs" variant="default" onClick={() => setRemoving({ id: user.id, name: user.name })} aria-label={t('groups.removeMemberOf', { name: user.name })}>
                            {t('groups.removeMember')}
                          </Button>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Pager total={data.total} pageSize={GROUP_PAGE_SIZE} page={page} onChange={setPage} />
          </>
        )}
      </ListView>
      <ConfirmDialog
        opened={removing !== null}
        title={t('groups.removeMember')}
        consequence={t('groups.removeConsequence', { name: removing?.name ?? '' })}
        confirmLabel={t('groups.removeMember')}
        busy={membership.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          const target = removing;
          setRemoving(null);
          if (target) void change(target.id, false);
        }}
      />
    </Stack>
  );
}

export default function GroupPage() {
  const { t } = useTranslation();
  const { groupId = '' } = useParams();
  const navigate = useNavigate();
  const me = useMe();
  const group = useGroup(groupId);
  const update = useUpdateGroup(groupId);
  const remove = useDeleteGroup(groupId);
  const [deleting, setDeleting] = useState(false);
  const [saved, setSaved] = useState(false);
  const canWrite = hasAnyPermission(me.data?.permissions, ['groups.write']);

  if (group.isPending) return <LoadingState />;
  if (group.isError) return <ErrorState error={group.error} onRetry={() => void group.refetch()} />;
  const g = group.data;
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/groups">
        {t('groups.back')}
      </Anchor>
      <Group justify="space-between">
        <Title order={1}>{g.name}</Title>
        {canWrite && (
          <Button color="red.9" variant="outline" onClick={() => setDeleting(true)}>
            {t('groups.delete')}
          </Button>
        )}
      </Group>
      {canWrite && (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={2} size="h3">
              {t('groups.edit')}
            </Title>
            {saved && (
              <Alert color="green" role="status">
                {t('common.saved')}
              </Alert>
            )}
            <GroupForm
              key={g.updatedAt}
              initial={{ name: g.name, type: g.type, description: g.description }}
              submitLabel={t('common.save')}
              busy={update.isPending}
              onSubmit={async (body) => {
                setSaved(false);
                await update.mutateAsync(body);
                setSaved(true);
              }}
            />
          </Stack>
        </Paper>
      )}
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={2} size="h3">
            {t('groups.members')}
          </Title>
          <Members groupId={g.id} canWrite={canWrite} />
        </Stack>
      </Paper>
      <ConfirmDialog
        opened={deleting}
        title={t('groups.delete')}
        consequence={t('groups.deleteConsequence', { name: g.name })}
        confirmLabel={t('groups.delete')}
        busy={remove.isPending}
        onCancel={() => setDeleting(false)}
        onConfirm={() => void remove.mutateAsync().then(() => navigate('/groups'))}
      />
    </Stack>
  );
}
