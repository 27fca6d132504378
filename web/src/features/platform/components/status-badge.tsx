import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TenantStatus } from '../api/use-tenants';

export function StatusBadge({ status }: { status: TenantStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="filled" color={status === 'active' ? '#1e6b2f' : '#a51d1d'}>
      {t(`platform.status.${status}`)}
    </Badge>
  );
}
