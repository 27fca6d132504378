import { Alert, Anchor, Button, Card, Group, NumberInput, SimpleGrid, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states';
import { formatDateTime } from '../../../lib/format';
import {
  type PeopleFilter,
  usePeopleOn,
  usePrivacySettings,
  useRetentionFlags,
  useRunRetention,
  useTimeZone,
  useUpdatePrivacySettings,
} from '../api/use-privacy';

/** A calendar day (yyyy-mm-dd) as written in the chosen language: the same day in every time zone. */
function formatDay(day: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

interface Person {
  id: string;
  name: string;
  kind: 'user' | 'contact';
  retentionUntil: string | null;
  legalBasis: string | null;
}

function PeopleTable({ filter }: { filter: PeopleFilter }) {
  const { t, i18n } = useTranslation();
  const people = usePeopleOn(filter);
  if (people.isPending) return <LoadingState />;
  if (people.isError) return <ErrorState error={people.error} onRetry={() => void people.refetch()} />;
  const rows: Person[] = [
    ...people.data.users.items.map((user) => ({ id: user.id, name: user.name, kind: 'user' as const, retentionUntil: user.retentionUntil, legalBasis: user.legalBasis })),
    ...people.data.contacts.items.map((contact) => ({
      id: contact.id,
      name: contact.name,
      kind: 'contact' as const,
      retentionUntil: contact.retentionUntil,
      legalBasis: contact.legalBasis,
    })),
  ];
  const total = people.data.users.total + people.data.contacts.total;
  if (rows.length === 0) return <EmptyState message={t(`privacy.retention.${filter}.empty`)} />;
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={560}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('privacy.person.name')}</Table.Th>
              <Table.Th>{t('privacy.person.kind')}</Table.Th>
              <Table.Th>{t('privacy.retention.until')}</Table.Th>
              <Table.Th>{t('privacy.retention.legalBasis')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((person) => (
              <Table.Tr key={`${person.kind}-${person.id}`}>
                <Table.Td>
                  <Anchor component={Link} to={`/privacy/people/${person.kind}/${person.id}`}>
                    {person.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{t(`privacy.person.kinds.${person.kind}`)}</Table.Td>
                <Table.Td>{person.retentionUntil ? formatDay(person.retentionUntil, i18n.language) : t('privacy.retention.none')}</Table.Td>
                <Table.Td>{person.legalBasis ? t(`privacy.legalBasis.${person.legalBasis}`) : t('privacy.retention.none')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="sm">{t('privacy.total', { count: total })}</Text>
    </Stack>
  );
}

function SettingsCard() {
  const { t } = useTranslation();
  const settings = usePrivacySettings();
  const update = useUpdatePrivacySettings();
  const [erase, setErase] = useState(false);
  const [months, setMonths] = useState<number | string>(6);
  useEffect(() => {
    if (settings.data) {
      setErase(settings.data.erasePastRetention);
      setMonths(settings.data.deactivatedPurgeMonths);
    }
  }, [settings.data]);
  if (settings.isPending) return <LoadingState />;
  if (settings.isError) return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  const monthsValid = typeof months === 'number' && Number.isInteger(months) && months >= 1 && months <= 120;
  return (
    <Card withBorder component="section" aria-labelledby="privacy-settings-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="privacy-settings-title">
          {t('privacy.retention.settingsTitle')}
        </Title>
        <Switch
          checked={erase}
          onChange={(event) => setErase(event.currentTarget.checked)}
          label={t('privacy.retention.erasePastRetention')}
          description={t('privacy.retention.erasePastRetentionHint')}
        />
        <NumberInput
          maw={320}
          min={1}
          max={120}
          allowDecimal={false}
          value={months}
          onChange={setMonths}
          label={t('privacy.retention.purgeMonths')}
          description={t('privacy.retention.purgeMonthsHint')}
          error={monthsValid ? undefined : t('privacy.retention.purgeMonthsInvalid')}
        />
        <Group>
          <Button
            disabled={!monthsValid}
            loading={update.isPending}
            onClick={() => update.mutate({ erasePastRetention: erase, deactivatedPurgeMonths: Number(months) })}
          >
            {t('common.save')}
          </Button>
          {update.isSuccess && (
            <Text role="status" size="sm">
              {t('common.saved')}
            </Text>
          )}
        </Group>
        {update.isError && <ErrorState error={update.error} />}
      </Stack>
    </Card>
  );
}

function RunCard() {
  const { t } = useTranslation();
  const run = useRunRetention();
  return (
    <Card withBorder component="section" aria-labelledby="privacy-run-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="privacy-run-title">
          {t('privacy.retention.runTitle')}
        </Title>
        <Text>{t('privacy.retention.runIntro')}</Text>
        <Group>
          <Button loading={run.isPending} onClick={() => run.mutate()}>
            {t('privacy.retention.run')}
          </Button>
        </Group>
        {run.isError && <ErrorState error={run.error} />}
        {run.data && (
          <Alert color="blue" role="status" title={t('privacy.retention.outcomeTitle')} styles={{ title: { color: 'var(--mantine-color-dark-8)' } }}>
            <SimpleGrid cols={3}>
              {(['flagged', 'erased', 'purged'] as const).map((what) => (
                <Stack key={what} gap={0}>
                  <Text fw={700} size="xl">
                    {run.data[what]}
                  </Text>
                  <Text size="sm">{t(`privacy.retention.outcome.${what}`)}</Text>
                </Stack>
              ))}
            </SimpleGrid>
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

function FlagsTable() {
  const { t, i18n } = useTranslation();
  const flags = useRetentionFlags();
  const timeZone = useTimeZone();
  if (flags.isPending) return <LoadingState />;
  if (flags.isError) return <ErrorState error={flags.error} onRetry={() => void flags.refetch()} />;
  if (flags.data.items.length === 0) return <EmptyState message={t('privacy.retention.flagsEmpty')} />;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('privacy.retention.flaggedAt')}</Table.Th>
            <Table.Th>{t('privacy.person.kind')}</Table.Th>
            <Table.Th>{t('privacy.retention.subject')}</Table.Th>
            <Table.Th>{t('privacy.retention.until')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {flags.data.items.map((flag) => (
            <Table.Tr key={`${flag.subjectType}-${flag.subjectId}`}>
              <Table.Td>{formatDateTime(flag.flaggedAt, { language: i18n.language, timeZone })}</Table.Td>
              <Table.Td>{t(`privacy.person.kinds.${flag.subjectType}`)}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/privacy/people/${flag.subjectType}/${flag.subjectId}`} ff="monospace" size="sm">
                  {flag.subjectId}
                </Anchor>
              </Table.Td>
              <Table.Td>{formatDay(flag.retentionUntil, i18n.language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Retention and legal basis: who is kept too long or without a ground, the job that acts on it, and its settings. */
export default function RetentionPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <Title order={1}>{t('privacy.retention.title')}</Title>
      <Text maw={720}>{t('privacy.retention.intro')}</Text>
      <section aria-labelledby="past-retention-title">
        <Title order={2} size="h3" id="past-retention-title" mb="xs">
          {t('privacy.retention.pastRetention.title')}
        </Title>
        <PeopleTable filter="pastRetention" />
      </section>
      <section aria-labelledby="no-legal-basis-title">
        <Title order={2} size="h3" id="no-legal-basis-title" mb="xs">
          {t('privacy.retention.noLegalBasis.title')}
        </Title>
        <PeopleTable filter="noLegalBasis" />
      </section>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <RunCard />
        <SettingsCard />
      </SimpleGrid>
      <section aria-labelledby="flags-title">
        <Title order={2} size="h3" id="flags-title" mb="xs">
          {t('privacy.retention.flagsTitle')}
        </Title>
        <FlagsTable />
      </section>
    </Stack>
  );
}
