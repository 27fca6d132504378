import { Anchor, Button, Group, Modal, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ListView, Pager } from '../../../components/list-view';
import { hasAnyPermission, useMe } from '../../../lib/session';
import { GROUP_PAGE_SIZE, GROUP_TYPES, useCreateGroup, useGroups, type GroupType } from '../api/use-groups';
import { GroupForm } from '../components/group-form';

export default function GroupsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [type, setType] = useState<GroupType | null>(null);
  const [page, setPage] = useState(1);
  const groups = useGroups({ search: debounced, type, page });
  const create = useCreateGroup();
  const [creating, creation] = useDisclosure();
  const canWrite = hasAnyPermission(me.data?.permissions, ['groups.write']);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1}>{t('groups.title')}</Title>
        {canWrite && <Button onClick={creation.open}>{t('groups.create')}</Button>}
      </Group>
      <Group align="flex-end" gap="sm">
        <TextInput
          label={t('groups.search')}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            setPage(1);
          }}
          w={{ base: '100%', sm: 280 }}
        />
        <Select
          label={t('groups.type')}
          clearable
          placeholder={t('people.filter.all')}
          value={type}
          onChange={(value) => {
            setType(value);
            setPage(1);
          }}
          data={GROUP_TYPES.map((value) => ({ value, label: t(`groups.typeValue.${value}`) }))}
          w={{ base: '100%', sm: 200 }}
        />
      </Group>
      <ListView query={groups} empty={t('groups.empty')}>
        {(data) => (
          <>
            <Table.ScrollContainer minWidth={480}>
              <Table striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('groups.name')}</Table.Th>
                    <Table.Th>{t('groups.type')}</Table.Th>
                    <Table.Th>{t('groups.memberCount')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((group) => (
                    <Table.Tr key={group.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/groups/${group.id}`}>
                          {group.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{t(`groups.typeValue.${group.type}`)}</Table.Td>
                      <Table.Td>{group.memberCount}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Group justify="space-between">
              <Text size="sm" c="dimmed">
                {t('groups.total', { count: data.total })}
              </Text>
              <Pager total={data.total} pageSize={GROUP_PAGE_SIZE} page={page} onChange={setPage} />
            </Group>
          </>
        )}
      </ListView>
      <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={creating} onClose={creation.close} title={t('groups.create')}>
        {creating && (
          <GroupForm
            submitLabel={t('groups.create')}
            busy={create.isPending}
            onCancel={creation.close}
            onSubmit={async (body) => {
              const group = await create.mutateAsync(body);
              creation.close();
              void navigate(`/groups/${group.id}`);
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}
