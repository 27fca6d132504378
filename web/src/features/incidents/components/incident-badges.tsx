import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Incident } from '../api/use-incidents';

const SEVERITY_COLOUR = { minor: 'gray', moderate: 'yellow', major: 'orange', critical: 'red' } as const;

/** Severity, status and, for a training incident, OEFENING / EXERCISE. */
export function IncidentBadges({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="wrap">
      {incident.exercise && (
        <Badge color="yellow.4" c="black" radius="sm">
          {t('common.exercise')}
        </Badge>
      )}
      <Badge color={SEVERITY_COLOUR[incident.severity]} variant="dot">
        {t(`incidents.severity.${incident.severity}`)}
      </Badge>
      <Badge color={incident.status === 'active' ? 'green' : 'gray'} variant="dot">
        {t(`incidents.status.${incident.status}`)}
      </Badge>
    </Group>
  );
}
