import { Alert, Button, Card, Group, Progress, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/states';
import { type ExportProgress, streamPeopleExport } from '../api/download';
import { usePeopleCount } from '../api/use-privacy';

type Kind = 'users' | 'contacts';
type Format = 'xlsx' | 'csv';

type Run =
  | { state: 'idle' }
  | { state: 'running'; format: Format; progress: ExportProgress; startedAt: number }
  | { state: 'done'; format: Format; bytes: number; seconds: number }
  | { state: 'failed'; error: unknown };

function whole(value: number, language: string): string {
  return new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB').format(value);
}

function megabytes(bytes: number, language: string): string {
  return new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(bytes / 1_048_576);
}

function ExportCard({ kind }: { kind: Kind }) {
  const { t, i18n } = useTranslation();
  const count = usePeopleCount(kind);
  const [format, setFormat] = useState<Format>('xlsx');
  const [run, setRun] = useState<Run>({ state: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const total = count.data ?? null;
  const titleId = `export-${kind}-title`;

  const start = async () => {
    const controller = new AbortController();
    abort.current = controller;
    const startedAt = performance.now();
    setRun({ state: 'running', format, progress: { bytes: 0, rows: format === 'csv' ? 0 : null }, startedAt });
    try {
      const { bytes } = await streamPeopleExport(kind, format, (progress) => setRun({ state: 'running', format, progress, startedAt }), controller.signal);
      setRun({ state: 'done', format, bytes, seconds: Math.max(1, Math.round((performance.now() - startedAt) / 1000)) });
    } catch (error) {
      setRun(controller.signal.aborted ? { state: 'idle' } : { state: 'failed', error });
    } finally {
      abort.current = null;
    }
  };

  let progress: { value: number; label: string } | null = null;
  if (run.state === 'running') {
    const received = megabytes(run.progress.bytes, i18n.language);
    if (run.progress.rows !== null && total) {
      const rows = Math.min(run.progress.rows, total);
      progress = { value: Math.round((rows / total) * 100), label: t('privacy.exports.progressRows', { rows: whole(rows, i18n.language), total: whole(total, i18n.language), received }) };
    } else {
      // A spreadsheet arrives compressed: what has come in is known, not what is still to come.
      progress = { value: 100, label: t('privacy.exports.progressBytes', { received }) };
    }
  } else if (run.state === 'done') {
    progress = { value: 100, label: t('privacy.exports.done', { received: megabytes(run.bytes, i18n.language), seconds: run.seconds }) };
  }

  return (
    <Card withBorder component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Title order={2} size="h3" id={titleId}>
          {t(`privacy.exports.${kind}.title`)}
        </Title>
        <Text>{total === null ? t('common.loading') : t(`privacy.exports.${kind}.count`, { count: total, number: whole(total, i18n.language) })}</Text>
        <SegmentedControl
          aria-label={t('privacy.exports.format')}
          value={format}
          onChange={(value) => setFormat(value)}
          disabled={run.state === 'running'}
          data={[
            { value: 'xlsx', label: t('privacy.exports.xlsx') },
            { value: 'csv', label: t('privacy.exports.csv') },
          ]}
        />
        <Group>
          <Button onClick={() => void start()} loading={run.state === 'running'} disabled={total === 0}>
            {t(`privacy.exports.${kind}.start`)}
          </Button>
          {run.state === 'running' && (
            <Button variant="default" onClick={() => abort.current?.abort()}>
              {t('privacy.exports.cancel')}
            </Button>
          )}
        </Group>
        {progress && (
          <Stack gap={4}>
            <Progress
              value={progress.value}
              size="lg"
              striped={run.state === 'running'}
              animated={run.state === 'running'}
              aria-label={t(`privacy.exports.${kind}.title`)}
            />
            <Text size="sm" role="status">
              {progress.label}
            </Text>
          </Stack>
        )}
        {run.state === 'failed' && <ErrorState error={run.error} onRetry={() => void start()} />}
      </Stack>
    </Card>
  );
}

/** Every user and every contact person as a file, streamed with progress. */
export default function ExportsPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <Title order={1}>{t('privacy.exports.title')}</Title>
      <Text maw={720}>{t('privacy.exports.intro')}</Text>
      <Alert color="blue" title={t('privacy.exports.auditedTitle')} styles={{ title: { color: 'var(--mantine-color-dark-8)' } }}>
        {t('privacy.exports.audited')}
      </Alert>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <ExportCard kind="users" />
        <ExportCard kind="contacts" />
      </SimpleGrid>
    </Stack>
  );
}
