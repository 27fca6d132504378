import { Anchor, Badge, Button, Checkbox, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ListView, Pager } from '../../../components/list-view';
import { hasAnyPermission, useMe } from '../../../lib/session';
import { PAGE_SIZE, useGroupChoices, useUsers, type UserFilters, type UserStatus } from '../api/use-users';
import { InviteUser, ROLES } from '../components/invite-user';

const STATUSES: UserStatus[] = ['invited', 'active', 'deactivated'];

export default function UsersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [filters, setFilters] = useState<Omit<UserFilters, 'search'>>({ role: null, status: null, group: null, pastRetention: false, noLegalBasis: false, page: 1 });
  const users = useUsers({ ...filters, search: debounced });
  const groups = useGroupChoices();
  const [inviting, invite] = useDisclosure();
  const canWrite = hasAnyPermission(me.data?.permissions, ['users.write']);
  const filter = (change: Partial<UserFilters>) => setFilters((current) => ({ ...current, page: 1, ...change }));

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1}>{t('people.title')}</Title>
        {canWrite && <Button onClick={invite.open}>{t('people.invite.open')}</Button>}
      </Group>
      <Group align="flex-end" gap="sm">
        <TextInput
          label={t('people.search')}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            filter({});
          }}
          w={{ base: '100%', sm: 280 }}
        />
        <Select
          label={t('people.filter.role')}
          clearable
          placeholder={t('people.filter.all')}
          value={filters.role}
          onChange={(value) => filter({ role: value })}
          data={ROLES.map((role) => ({ value: role, label: t(`people.role.${role}`) }))}
          w={{ base: '100%', sm: 170 }}
        />
        <Select
          label={t('people.filter.status')}
          clearable
          placeholder={t('people.filter.all')}
          value={filters.status}
          onChange={(value) => filter({ status: value })}
          data={STATUSES.map((status) => ({ value: status, label: t(`people.statusValue.${status}`) }))}
          w={{ base: '100%', sm: 170 }}
        />
        <Select
          label={t('people.filter.group')}
          clearable
          searchable
          placeholder={t('people.filter.all')}
          value={filters.group}
          onChange={(value) => filter({ group: value })}
          data={(groups.data?.items ?? []).map((group) => ({ value: group.id, label: group.name }))}
          w={{ base: '100%', sm: 200 }}
        />
      </Group>
      <Group gap="lg">
        <Checkbox label={t('people.filter.pastRetention')} checked={filters.pastRetention} onChange={(event) => filter({ pastRetention: event.currentTarget.checked })} />
        <Checkbox label={t('people.filter.noLegalBasis')} checked={filters.noLegalBasis} onChange={(event) => filter({ noLegalBasis: event.currentTarget.checked })} />
      </Group>
      <ListView query={users} empty={t('people.empty')}>
        {(data) => (
          <>
            <Table.ScrollContainer minWidth={560}>
              <Table striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('people.name')}</Table.Th>
                    <Table.Th>{t('people.email')}</Table.Th>
                    <Table.Th>{t('people.roles')}</Table.Th>
                    <Table.Th>{t('people.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((user) => (
                    <Table.Tr key={user.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/people/${user.id}`}>
                          {user.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{user.email}</Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {user.roles.map((role) => (
                            <Badge key={role} variant="light" color="dark">
                              {t(`people.role.${role}`)}
                            </Badge>
                          ))}
                        </Group>
                      </Table.Td>
                      <Table.Td>{t(`people.statusValue.${user.status}`)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Group justify="space-between">
              <Text size="sm" c="dimmed">
                {t('people.total', { count: data.total })}
              </Text>
              <Pager total={data.total} pageSize={PAGE_SIZE} page={filters.page} onChange={(page) => setFilters((current) => ({ ...current, page }))} />
            </Group>
          </>
        )}
      </ListView>
      <InviteUser opened={inviting} onClose={invite.close} />
    </Stack>
  );
}
