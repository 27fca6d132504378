import { Anchor, Button, Group, Stack, Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states';
import { formatDateTime } from '../../../lib/format';
import { hasAnyPermission, useMe } from '../../../lib/session';
import { useIncidentSetup, useIncidents } from '../api/use-incidents';
import { useTimeZone } from '../api/use-time-zone';
import { IncidentBadges } from '../components/incident-badges';

export default function IncidentsPage() {
  const { t, i18n } = useTranslation();
  const timeZone = useTimeZone();
  const me = useMe();
  const incidents = useIncidents();
  const setup = useIncidentSetup();
  const typeName = (key: string) => setup.data?.types.find((type) => type.key === key)?.name ?? key;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1}>{t('incidents.title')}</Title>
        <Group gap="sm">
          {hasAnyPermission(me.data?.permissions, ['incidents.setup']) && (
            <Button component={Link} to="/incident-setup" variant="default">
              {t('incidents.setup.nav')}
            </Button>
          )}
          {hasAnyPermission(me.data?.permissions, ['incidents.activate']) && (
            <Button component={Link} to="/incidents/new">
              {t('incidents.start')}
            </Button>
          )}
        </Group>
      </Group>
      {incidents.isPending ? (
        <LoadingState />
      ) : incidents.isError ? (
        <ErrorState error={incidents.error} onRetry={() => void incidents.refetch()} />
      ) : incidents.data.items.length === 0 ? (
        <EmptyState message={t('incidents.empty')} />
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('incidents.fields.title')}</Table.Th>
                <Table.Th>{t('incidents.fields.type')}</Table.Th>
                <Table.Th>{t('incidents.fields.state')}</Table.Th>
                <Table.Th>{t('incidents.fields.activatedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {incidents.data.items.map((incident) => (
                <Table.Tr key={incident.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/incidents/${incident.id}`}>
                      {incident.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{typeName(incident.type)}</Table.Td>
                  <Table.Td>
                    <IncidentBadges incident={incident} />
                  </Table.Td>
                  <Table.Td>{formatDateTime(incident.activatedAt, { language: i18n.language, timeZone })}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
