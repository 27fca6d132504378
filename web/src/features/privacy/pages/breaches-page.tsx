import { Alert, Badge, Button, Card, Checkbox, Group, NumberInput, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useInterval } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states';
import { formatDateTime } from '../../../lib/format';
import { applyProblem } from '../../../lib/form';
import { ProblemError } from '../../../lib/problem';
import type { components } from '../../../lib/api-schema';
import { downloadRegister } from '../api/download';
import { useBreaches, useCreateBreach, useMarkBreachReported, useTimeZone } from '../api/use-privacy';

type Breach = components['schemas']['Breach'];

/** Now, ticking every half minute: the 72-hour countdown must move while the page is open. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  const interval = useInterval(() => setNow(Date.now()), 30_000);
  useEffect(() => {
    interval.start();
    return interval.stop;
  }, [interval]);
  return now;
}

function Countdown({ breach, now }: { breach: Breach; now: number }) {
  const { t } = useTranslation();
  if (!breach.reportable) return <Badge color="gray" c="dark" variant="light">{t('privacy.breaches.notReportable')}</Badge>;
  if (breach.reportedToAuthorityAt) return <Badge color="green" c="dark" variant="light">{t('privacy.breaches.reported')}</Badge>;
  const left = Date.parse(breach.reportingDeadline) - now;
  const hours = Math.floor(Math.abs(left) / 3_600_000);
  const minutes = Math.floor((Math.abs(left) % 3_600_000) / 60_000);
  if (breach.overdue || left <= 0) {
    return (
      <Badge color="red" variant="filled" size="lg">
        {t('privacy.breaches.overdue', { hours, minutes })}
      </Badge>
    );
  }
  return (
    <Badge color={hours < 24 ? 'orange' : 'blue'} variant="light" c="dark" size="lg" role="timer">
      {t('privacy.breaches.left', { hours, minutes })}
    </Badge>
  );
}

function ReportForm({ breach }: { breach: Breach }) {
  const { t } = useTranslation();
  const mark = useMarkBreachReported();
  const [reference, setReference] = useState('');
  return (
    <Group align="flex-end">
      <TextInput label={t('privacy.breaches.reference')} value={reference} onChange={(event) => setReference(event.currentTarget.value)} />
      <Button
        loading={mark.isPending}
        onClick={() => mark.mutate({ breachId: breach.id, reportedToAuthorityAt: new Date().toISOString(), authorityReference: reference.trim() || null })}
      >
        {t('privacy.breaches.markReported')}
      </Button>
      {mark.isError && <ErrorState error={mark.error} />}
    </Group>
  );
}

function NewBreach({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateBreach();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm({
    initialValues: { title: '', description: '', foundAt: '', dataCategories: '', peopleAffected: '' as number | string, reportable: true },
    validate: { title: (value) => (value.trim() ? null : t('privacy.breaches.required')), description: (value) => (value.trim() ? null : t('privacy.breaches.required')) },
  });
  return (
    <Card withBorder component="form" onSubmit={form.onSubmit((values) => {
      setMessage(null);
      create.mutate(
        {
          title: values.title.trim(),
          description: values.description.trim(),
          foundAt: values.foundAt ? new Date(values.foundAt).toISOString() : new Date().toISOString(),
          dataCategories: values.dataCategories.split(',').map((item) => item.trim()).filter(Boolean),
          peopleAffected: typeof values.peopleAffected === 'number' ? values.peopleAffected : null,
          reportable: values.reportable,
        },
        {
          onSuccess: onDone,
          onError: (error) => setMessage(error instanceof ProblemError ? applyProblem(form, error.problem, t) : t('problems.unknown')),
        },
      );
    })}>
      <Stack gap="sm" maw={640}>
        <Title order={2}>{t('privacy.breaches.new')}</Title>
        {message && <Alert color="red" role="alert">{message}</Alert>}
        <TextInput label={t('privacy.breaches.titleField')} withAsterisk {...form.getInputProps('title')} />
        <Textarea label={t('privacy.breaches.description')} withAsterisk autosize minRows={3} {...form.getInputProps('description')} />
        <TextInput type="datetime-local" label={t('privacy.breaches.foundAt')} description={t('privacy.breaches.foundAtHint')} {...form.getInputProps('foundAt')} />
        <TextInput label={t('privacy.breaches.categories')} description={t('privacy.breaches.categoriesHint')} {...form.getInputProps('dataCategories')} />
        <NumberInput label={t('privacy.breaches.peopleAffected')} min={0} allowDecimal={false} {...form.getInputProps('peopleAffected')} />
        <Checkbox label={t('privacy.breaches.reportable')} {...form.getInputProps('reportable', { type: 'checkbox' })} />
        <Group>
          <Button type="submit" loading={create.isPending}>{t('privacy.breaches.save')}</Button>
          <Button variant="default" onClick={onDone}>{t('common.cancel')}</Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** The breach register: every breach, with the 72-hour reporting deadline (GDPR art. 33) counting down. */
export default function BreachesPage() {
  const { t, i18n } = useTranslation();
  const timeZone = useTimeZone();
  const breaches = useBreaches();
  const now = useNow();
  const [adding, setAdding] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);
  const when = (value: string) => formatDateTime(value, { language: i18n.language, timeZone });
  const exportAs = (format: 'csv' | 'xlsx') => {
    setExportError(null);
    downloadRegister('/v1/privacy/exports/breaches', format).catch(setExportError);
  };
  return (
    <Stack gap="md">
      <Title order={1}>{t('privacy.breaches.title')}</Title>
      <Text maw={720}>{t('privacy.breaches.intro')}</Text>
      <Group>
        {!adding && <Button onClick={() => setAdding(true)}>{t('privacy.breaches.add')}</Button>}
        <Button variant="default" onClick={() => exportAs('xlsx')}>{t('privacy.exportXlsx')}</Button>
        <Button variant="default" onClick={() => exportAs('csv')}>{t('privacy.exportCsv')}</Button>
      </Group>
      {exportError !== null && <ErrorState error={exportError} />}
      {adding && <NewBreach onDone={() => setAdding(false)} />}
      {breaches.isPending ? (
        <LoadingState />
      ) : breaches.isError ? (
        <ErrorState error={breaches.error} onRetry={() => void breaches.refetch()} />
      ) : breaches.data.items.length === 0 ? (
        <EmptyState message={t('privacy.breaches.empty')} />
      ) : (
        breaches.data.items.map((breach) => (
          <Card key={breach.id} withBorder component="article" aria-label={breach.title}>
            <Stack gap="xs">
              <Group justify="space-between" align="flex-start">
                <Title order={2} size="h3">{breach.title}</Title>
                <Countdown breach={breach} now={now} />
              </Group>
              <Text>{breach.description}</Text>
              <Text size="sm">
                {t('privacy.breaches.foundAtShown', { when: when(breach.foundAt) })} · {t('privacy.breaches.deadline', { when: when(breach.reportingDeadline) })}
              </Text>
              {breach.dataCategories.length > 0 && <Text size="sm">{t('privacy.breaches.categoriesShown', { list: breach.dataCategories.join(', ') })}</Text>}
              {breach.peopleAffected !== null && <Text size="sm">{t('privacy.breaches.peopleAffectedShown', { count: breach.peopleAffected })}</Text>}
              {breach.reportedToAuthorityAt ? (
                <Text size="sm" fw={600}>
                  {t('privacy.breaches.reportedAt', { when: when(breach.reportedToAuthorityAt), reference: breach.authorityReference ?? '—' })}
                </Text>
              ) : (
                breach.reportable && <ReportForm breach={breach} />
              )}
            </Stack>
          </Card>
        ))
      )}
    </Stack>
  );
}
