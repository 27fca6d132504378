import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TenantStatus } from '../api/use-tenants';

export function StatusBadge({ status }: { status: TenantStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="filled" color={status === 'active' ? 'green.9' : 'red.9'}>
      {t(`platform.status.${status}`)}
    </Badge>
  );
}
