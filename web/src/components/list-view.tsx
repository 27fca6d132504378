import { Pagination } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingState } from './states';

/** A list's four states: loading, failed (with a retry), empty (with the page's own words), or its items. */
export function ListView<T extends { items: readonly unknown[] }>({ query, empty, children }: { query: UseQueryResult<T>; empty: string; children: (data: T) => ReactNode }) {
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.items.length === 0) return <EmptyState message={empty} />;
  return <>{children(query.data)}</>;
}

/** Page numbers for a list longer than one page, each control named for a screen reader. */
export function Pager({ total, pageSize, page, onChange }: { total: number; pageSize: number; page: number; onChange: (page: number) => void }) {
  const { t } = useTranslation();
  if (total <= pageSize) return null;
  return (
    <Pagination
      total={Math.ceil(total / pageSize)}
      value={page}
      onChange={onChange}
      getControlProps={(control) => ({ 'aria-label': t(`common.pagination.${control}`) })}
      getItemProps={(value) => ({ 'aria-label': t('common.pagination.page', { page: value }) })}
    />
  );
}
