import { Button, Card, Group, Radio, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states';
import type { components } from '../../../lib/api-schema';
import { formatDateTime } from '../../../lib/format';
import { useAppVersions, useOwnTenant, useProcessorAgreements, useSetAppVersions, useUpdateOwnTenant } from '../api/use-settings';

type Policy = components['schemas']['SecondFactorPolicy'];
type Locale = components['schemas']['Locale'];
const PLATFORMS = ['ios', 'android', 'web'] as const;
const VERSION = /^\d{1,5}(\.\d{1,5}){0,3}$/;

function Saved({ shown }: { shown: boolean }) {
  const { t } = useTranslation();
  return shown ? (
    <Text role="status" size="sm">
      {t('common.saved')}
    </Text>
  ) : null;
}

function SecondFactorCard({ policy }: { policy: Policy }) {
  const { t } = useTranslation();
  const update = useUpdateOwnTenant();
  const [value, setValue] = useState<Policy>(policy);
  useEffect(() => setValue(policy), [policy]);
  return (
    <Card withBorder component="section" aria-labelledby="second-factor-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="second-factor-title">
          {t('settings.secondFactor.title')}
        </Title>
        <Radio.Group value={value} onChange={(next) => setValue(next)} label={t('settings.secondFactor.label')}>
          <Stack gap="xs" mt="xs">
            {(['optional', 'admins', 'everyone'] as const).map((option) => (
              <Radio key={option} value={option} label={t(`settings.secondFactor.${option}`)} description={t(`settings.secondFactor.${option}Hint`)} />
            ))}
          </Stack>
        </Radio.Group>
        <Group>
          <Button loading={update.isPending} disabled={value === policy} onClick={() => update.mutate({ secondFactorPolicy: value })}>
            {t('common.save')}
          </Button>
          <Saved shown={update.isSuccess && value === policy} />
        </Group>
        {update.isError && <ErrorState error={update.error} />}
      </Stack>
    </Card>
  );
}

function PlaceCard({ locale, timeZone }: { locale: Locale; timeZone: string }) {
  const { t } = useTranslation();
  const update = useUpdateOwnTenant();
  const [nextLocale, setLocale] = useState<Locale>(locale);
  const [zone, setZone] = useState(timeZone);
  useEffect(() => {
    setLocale(locale);
    setZone(timeZone);
  }, [locale, timeZone]);
  const zones = Intl.supportedValuesOf('timeZone');
  const unchanged = nextLocale === locale && zone === timeZone;
  return (
    <Card withBorder component="section" aria-labelledby="place-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="place-title">
          {t('settings.place.title')}
        </Title>
        <Text size="sm">{t('settings.place.intro')}</Text>
        <Select
          label={t('settings.place.locale')}
          allowDeselect={false}
          value={nextLocale}
          onChange={(value) => value && setLocale(value)}
          data={[
            { value: 'nl-NL', label: t('settings.place.nl') },
            { value: 'en-GB', label: t('settings.place.en') },
          ]}
        />
        <Select
          label={t('settings.place.timeZone')}
          searchable
          allowDeselect={false}
          value={zone}
          onChange={(value) => value && setZone(value)}
          data={zones.includes(zone) ? zones : [zone, ...zones]}
        />
        <Group>
          <Button loading={update.isPending} disabled={unchanged} onClick={() => update.mutate({ locale: nextLocale, timeZone: zone })}>
            {t('common.save')}
          </Button>
          <Saved shown={update.isSuccess && unchanged} />
        </Group>
        {update.isError && <ErrorState error={update.error} />}
      </Stack>
    </Card>
  );
}

function AppVersionsCard() {
  const { t } = useTranslation();
  const minimums = useAppVersions();
  const save = useSetAppVersions();
  const [values, setValues] = useState<Record<(typeof PLATFORMS)[number], string>>({ ios: '', android: '', web: '' });
  useEffect(() => {
    if (minimums.data) setValues({ ios: minimums.data.ios ?? '', android: minimums.data.android ?? '', web: minimums.data.web ?? '' });
  }, [minimums.data]);
  if (minimums.isPending) return <LoadingState />;
  if (minimums.isError) return <ErrorState error={minimums.error} onRetry={() => void minimums.refetch()} />;
  const invalid = PLATFORMS.filter((platform) => values[platform].trim() !== '' && !VERSION.test(values[platform].trim()));
  return (
    <Card withBorder component="section" aria-labelledby="app-versions-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="app-versions-title">
          {t('settings.appVersions.title')}
        </Title>
        <Text size="sm">{t('settings.appVersions.intro')}</Text>
        {PLATFORMS.map((platform) => (
          <TextInput
            key={platform}
            label={t(`settings.appVersions.${platform}`)}
            placeholder={t('settings.appVersions.none')}
            value={values[platform]}
            onChange={(event) => {
              const next = event.currentTarget.value;
              setValues((current) => ({ ...current, [platform]: next }));
            }}
            error={invalid.includes(platform) ? t('settings.appVersions.invalid') : undefined}
          />
        ))}
        <Group>
          <Button
            loading={save.isPending}
            disabled={invalid.length > 0}
            onClick={() =>
              save.mutate(Object.fromEntries(PLATFORMS.filter((platform) => values[platform].trim()).map((platform) => [platform, values[platform].trim()])))
            }
          >
            {t('common.save')}
          </Button>
          <Saved shown={save.isSuccess} />
        </Group>
        {save.isError && <ErrorState error={save.error} />}
      </Stack>
    </Card>
  );
}

function AgreementCard({ timeZone }: { timeZone: string }) {
  const { t, i18n } = useTranslation();
  const agreements = useProcessorAgreements();
  return (
    <Card withBorder component="section" aria-labelledby="agreement-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="agreement-title">
          {t('settings.agreement.title')}
        </Title>
        <Text size="sm">{t('settings.agreement.intro')}</Text>
        {agreements.isPending ? (
          <LoadingState />
        ) : agreements.isError ? (
          <ErrorState error={agreements.error} onRetry={() => void agreements.refetch()} />
        ) : agreements.data.items.length === 0 ? (
          <EmptyState message={t('settings.agreement.none')} />
        ) : (
          <Table.ScrollContainer minWidth={300}>
            <Table striped style={{ overflowWrap: 'anywhere' }}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('settings.agreement.version')}</Table.Th>
                  <Table.Th>{t('settings.agreement.acceptedBy')}</Table.Th>
                  <Table.Th>{t('settings.agreement.acceptedAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {agreements.data.items.map((agreement, index) => (
                  <Table.Tr key={agreement.id}>
                    <Table.Td>
                      {agreement.version}
                      {index === 0 && ` (${t('settings.agreement.current')})`}
                    </Table.Td>
                    <Table.Td>
                      {agreement.acceptedByName}
                      <Text size="sm">{agreement.acceptedByEmail}</Text>
                    </Table.Td>
                    <Table.Td>{formatDateTime(agreement.acceptedAt, { language: i18n.language, timeZone })}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}

/** The organisation's own settings: second factor, minimum app versions, language and time zone, and the processor agreement to read. */
export default function OrganisationPage() {
  const { t } = useTranslation();
  const tenant = useOwnTenant();
  if (tenant.isPending) return <LoadingState />;
  if (tenant.isError) return <ErrorState error={tenant.error} onRetry={() => void tenant.refetch()} />;
  return (
    <Stack gap="lg">
      <Title order={1}>{t('settings.title')}</Title>
      <Text maw={720}>{t('settings.intro', { name: tenant.data.name })}</Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <SecondFactorCard policy={tenant.data.secondFactorPolicy} />
        <PlaceCard locale={tenant.data.locale} timeZone={tenant.data.timeZone} />
        <AppVersionsCard />
        <AgreementCard timeZone={tenant.data.timeZone} />
      </SimpleGrid>
    </Stack>
  );
}
