import { Badge, Button, Card, Group, MultiSelect, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states';
import type { components } from '../../../lib/api-schema';
import { applyProblem } from '../../../lib/form';
import { ProblemError } from '../../../lib/problem';
import { downloadRegister } from '../api/download';
import { useCreateProcessingActivity, useDeleteProcessingActivity, useProcessingActivities } from '../api/use-privacy';

type Activity = components['schemas']['ProcessingActivity'];
type LegalBasis = components['schemas']['ProcessingActivityCreate']['legalBasis'];
type SpecialCategory = components['schemas']['SpecialCategory'];

const LEGAL_BASES: LegalBasis[] = ['consent', 'contract', 'legal_obligation', 'vital_interest', 'public_task', 'legitimate_interest'];
const SPECIAL: SpecialCategory[] = [
  'health',
  'racial_or_ethnic_origin',
  'political_opinions',
  'religious_beliefs',
  'trade_union_membership',
  'genetic',
  'biometric',
  'sex_life_or_orientation',
  'criminal_records',
];

const list = (value: string) =>
  value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

function NewActivity({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateProcessingActivity();
  const [message, setMessage] = useState<string | null>(null);
  const required = (value: string) => (value.trim() ? null : t('privacy.breaches.required'));
  const form = useForm({
    initialValues: {
      activity: '',
      purpose: '',
      dataCategories: '',
      specialCategories: [] as string[],
      legalBasis: 'legitimate_interest',
      retention: '',
      processors: '',
      recipients: '',
      responsible: '',
    },
    validate: { activity: required, purpose: required, retention: required, responsible: required },
  });
  return (
    <Card
      withBorder
      component="form"
      aria-labelledby="new-activity-title"
      onSubmit={form.onSubmit((values) => {
        setMessage(null);
        create.mutate(
          {
            activity: values.activity.trim(),
            purpose: values.purpose.trim(),
            dataCategories: list(values.dataCategories),
            specialCategories: values.specialCategories as SpecialCategory[],
            legalBasis: values.legalBasis as LegalBasis,
            retention: values.retention.trim(),
            processors: list(values.processors),
            recipients: list(values.recipients),
            responsible: values.responsible.trim(),
          },
          {
            onSuccess: onDone,
            onError: (error) => setMessage(error instanceof ProblemError ? applyProblem(form, error.problem, t) : t('problems.unknown')),
          },
        );
      })}
    >
      <Stack gap="sm">
        <Title order={2} size="h3" id="new-activity-title">
          {t('privacy.processing.new')}
        </Title>
        <TextInput label={t('privacy.processing.activity')} withAsterisk {...form.getInputProps('activity')} />
        <Textarea label={t('privacy.processing.purpose')} withAsterisk autosize minRows={2} {...form.getInputProps('purpose')} />
        <TextInput label={t('privacy.processing.dataCategories')} description={t('privacy.breaches.categoriesHint')} {...form.getInputProps('dataCategories')} />
        <MultiSelect
          label={t('privacy.processing.specialCategories')}
          description={t('privacy.processing.specialHint')}
          data={SPECIAL.map((value) => ({ value, label: t(`privacy.special.${value}`) }))}
          {...form.getInputProps('specialCategories')}
        />
        <Select
          label={t('privacy.retention.legalBasis')}
          withAsterisk
          allowDeselect={false}
          data={LEGAL_BASES.map((value) => ({ value, label: t(`privacy.legalBasis.${value}`) }))}
          {...form.getInputProps('legalBasis')}
        />
        <TextInput label={t('privacy.processing.retention')} withAsterisk {...form.getInputProps('retention')} />
        <TextInput label={t('privacy.processing.processors')} description={t('privacy.breaches.categoriesHint')} {...form.getInputProps('processors')} />
        <TextInput label={t('privacy.processing.recipients')} description={t('privacy.breaches.categoriesHint')} {...form.getInputProps('recipients')} />
        <TextInput label={t('privacy.processing.responsible')} withAsterisk {...form.getInputProps('responsible')} />
        {message && <Text c="red.8">{message}</Text>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function ActivityCard({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  const remove = useDeleteProcessingActivity();
  const [confirming, setConfirming] = useState(false);
  const titleId = `activity-${activity.id}`;
  const joined = (values: string[]) => (values.length ? values.join(', ') : t('privacy.retention.none'));
  const fields: Array<[string, string]> = [
    [t('privacy.processing.dataCategories'), joined(activity.dataCategories)],
    [t('privacy.processing.specialCategories'), joined(activity.specialCategories.map((category) => t(`privacy.special.${category}`)))],
    [t('privacy.retention.legalBasis'), t(`privacy.legalBasis.${activity.legalBasis}`)],
    [t('privacy.processing.retention'), activity.retention],
    [t('privacy.processing.processors'), joined(activity.processors)],
    [t('privacy.processing.recipients'), joined(activity.recipients)],
    [t('privacy.processing.responsible'), activity.responsible],
  ];
  return (
    <Card withBorder component="article" aria-labelledby={titleId}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <Title order={2} size="h4" id={titleId}>
            {activity.activity}
          </Title>
          {activity.involvesSpecialCategories && (
            <Badge color="red" variant="filled" size="lg" radius="sm" h="auto" py={4} styles={{ label: { whiteSpace: 'normal', overflow: 'visible' } }}>
              {t('privacy.processing.specialFlag')}
            </Badge>
          )}
        </Group>
        <Text>{activity.purpose}</Text>
        {/* A list of terms, not a table: at phone width each term sits above its value. */}
        <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing={4} maw={900}>
          {fields.map(([term, value]) => (
            <Fragment key={term}>
              <Text component="dt" fw={700}>
                {term}
              </Text>
              <Text component="dd" m={0} mb="xs" style={{ overflowWrap: 'anywhere' }}>
                {value}
              </Text>
            </Fragment>
          ))}
        </SimpleGrid>
        {activity.involvesSpecialCategories && <Text size="sm">{t('privacy.processing.specialExplain')}</Text>}
        <Group justify="flex-end">
          <Button variant="default" color="red" onClick={() => setConfirming(true)}>
            {t('privacy.processing.remove', { name: activity.activity })}
          </Button>
        </Group>
        {remove.isError && <ErrorState error={remove.error} />}
      </Stack>
      <ConfirmDialog
        opened={confirming}
        title={t('privacy.processing.removeTitle', { name: activity.activity })}
        consequence={t('privacy.processing.removeConsequence')}
        confirmLabel={t('privacy.processing.removeConfirm')}
        busy={remove.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => remove.mutate(activity.id, { onSuccess: () => setConfirming(false) })}
      />
    </Card>
  );
}

/** The register of processing activities (GDPR art. 30), special categories (art. 9) flagged. */
export default function ProcessingPage() {
  const { t } = useTranslation();
  const activities = useProcessingActivities();
  const [adding, setAdding] = useState(false);
  const special = activities.data?.items.filter((activity) => activity.involvesSpecialCategories).length ?? 0;
  return (
    <Stack gap="md">
      <Title order={1}>{t('privacy.processing.title')}</Title>
      <Text maw={720}>{t('privacy.processing.intro')}</Text>
      <Group>
        {!adding && <Button onClick={() => setAdding(true)}>{t('privacy.processing.add')}</Button>}
        <Button variant="default" onClick={() => void downloadRegister('/v1/privacy/exports/processing-activities', 'xlsx')}>
          {t('privacy.exportXlsx')}
        </Button>
        <Button variant="default" onClick={() => void downloadRegister('/v1/privacy/exports/processing-activities', 'csv')}>
          {t('privacy.exportCsv')}
        </Button>
      </Group>
      {adding && <NewActivity onDone={() => setAdding(false)} />}
      {activities.isPending ? (
        <LoadingState />
      ) : activities.isError ? (
        <ErrorState error={activities.error} onRetry={() => void activities.refetch()} />
      ) : activities.data.items.length === 0 ? (
        <EmptyState message={t('privacy.processing.empty')} />
      ) : (
        <>
          <Text size="sm">
            {t('privacy.total', { count: activities.data.items.length })} · {t('privacy.processing.specialCount', { count: special })}
          </Text>
          {activities.data.items.map((activity) => (
            <ActivityCard key={activity.id} activity={activity} />
          ))}
        </>
      )}
    </Stack>
  );
}
