import { Anchor, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ListView, Pager } from '../../../components/list-view';
import { formatDateTime } from '../../../lib/format';
import { TENANT_PAGE_SIZE, useTenants, type TenantStatus } from '../api/use-tenants';
import { CreateTenant } from '../components/create-tenant';
import { StatusBadge } from '../components/status-badge';

const STATUSES: TenantStatus[] = ['active', 'suspended'];

export default function TenantsPage() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<TenantStatus | null>(null);
  const [page, setPage] = useState(1);
  const tenants = useTenants({ status, page });
  const [creating, create] = useDisclosure();
  // An operator's dates are not any one tenant's: the operator's own zone.
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1}>{t('platform.tenants.title')}</Title>
        <Button onClick={create.open}>{t('platform.create.open')}</Button>
      </Group>
      <Select
        label={t('platform.tenants.filterStatus')}
        clearable
        placeholder={t('platform.tenants.all')}
        value={status}
        onChange={(value) => {
          setStatus(value);
          setPage(1);
        }}
        data={STATUSES.map((value) => ({ value, label: t(`platform.status.${value}`) }))}
        w={{ base: '100%', sm: 220 }}
      />
      <ListView query={tenants} empty={t('platform.tenants.empty')}>
        {(data) => (
          <>
            <Table.ScrollContainer minWidth={640}>
              <Table striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('platform.fields.name')}</Table.Th>
                    <Table.Th>{t('platform.fields.slug')}</Table.Th>
                    <Table.Th>{t('platform.fields.status')}</Table.Th>
                    <Table.Th>{t('platform.fields.createdAt')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((tenant) => (
                    <Table.Tr key={tenant.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/platform/tenants/${tenant.id}`}>
                          {tenant.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{tenant.slug}</Table.Td>
                      <Table.Td>
                        <StatusBadge status={tenant.status} />
                      </Table.Td>
                      <Table.Td>{formatDateTime(tenant.createdAt, { language: i18n.language, timeZone })}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Group justify="space-between">
              <Text size="sm" c="dimmed">
                {t('platform.tenants.total', { count: data.total })}
              </Text>
              <Pager total={data.total} pageSize={TENANT_PAGE_SIZE} page={page} onChange={setPage} />
            </Group>
          </>
        )}
      </ListView>
      <CreateTenant opened={creating} onClose={create.close} />
    </Stack>
  );
}
