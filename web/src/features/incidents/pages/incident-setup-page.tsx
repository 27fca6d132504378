import { ActionIcon, Alert, Button, Card, Checkbox, Group, Radio, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, LoadingState } from '../../../components/states';
import { applyProblem, messageText, type FormMessage } from '../../../lib/form';
import { ProblemError, type Problem } from '../../../lib/problem';
import { useIncidentSetup, useUpdateIncidentSetup, type IncidentSetup } from '../api/use-incidents';

const KEY = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const LISTS = ['types', 'roles', 'locations', 'classifications', 'labels'] as const;
type ListName = (typeof LISTS)[number];

interface Row {
  key: string;
  name: string;
  /** Locations only. */
  address: string;
  /** Set while the code follows the name (a row added here whose code nobody typed). */
  derived: boolean;
}
// A type, not an interface: applyProblem takes the values as a record.
type Values = {
  types: Row[];
  roles: Row[];
  defaultRole: string;
  locations: Row[];
  classifications: Row[];
  labels: Row[];
  allowMemberActivation: boolean;
  memberVisibility: 'all' | 'own_team';
};

/** A code from a name: lower case, accents dropped, anything else a dash (Coördinator -> coordinator). */
function codeOf(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[-_]+|-+$/g, '')
    .slice(0, 40);
}

function valuesOf(setup: IncidentSetup): Values {
  const rows = (options: ReadonlyArray<{ key: string; name: string; address?: string | null }>) => options.map((o) => ({ key: o.key, name: o.name, address: o.address ?? '', derived: false }));
  return {
    types: rows(setup.types),
    roles: rows(setup.roles),
    defaultRole: String(Math.max(0, setup.roles.findIndex((role) => role.default))),
    locations: rows(setup.locations),
    classifications: rows(setup.classifications),
    labels: rows(setup.labels),
    allowMemberActivation: setup.allowMemberActivation,
    memberVisibility: setup.memberVisibility,
  };
}

function ListCard({ form, list }: { form: UseFormReturnType<Values>; list: ListName }) {
  const { t } = useTranslation();
  const rows = form.values[list];
  const headingId = `setup-${list}-title`;
  const error = form.errors[list];
  const add = () => form.insertListItem(list, { key: '', name: '', address: '', derived: true });
  const remove = (index: number) => {
    form.removeListItem(list, index);
    // The default role follows its row; removing it makes the first role the default.
    if (list === 'roles') {
      const current = Number(form.values.defaultRole);
      form.setFieldValue('defaultRole', String(current === index ? 0 : current > index ? current - 1 : current));
    }
  };
  const rowsView = rows.map((row, index) => {
    const nameProps = form.getInputProps(`${list}.${index}.name`);
    const label = row.name || t('incidents.setup.unnamed', { number: index + 1 });
    return (
      <Card key={index} withBorder padding="sm" radius="sm">
        <Group align="flex-end" gap="sm" wrap="nowrap">
          <SimpleGrid cols={{ base: 1, sm: list === 'locations' ? 3 : 2 }} spacing="sm" style={{ flex: 1 }}>
            <TextInput
              label={t('incidents.setup.name')}
              maxLength={100}
              required
              {...nameProps}
              onChange={(event) => {
                const name = event.currentTarget.value;
                form.setFieldValue(`${list}.${index}.name`, name);
                if (row.derived) form.setFieldValue(`${list}.${index}.key`, codeOf(name));
              }}
            />
            <TextInput
              label={t('incidents.setup.code')}
              maxLength={40}
              required
              {...form.getInputProps(`${list}.${index}.key`)}
              onChange={(event) => {
                form.setFieldValue(`${list}.${index}.key`, event.currentTarget.value);
                form.setFieldValue(`${list}.${index}.derived`, false);
              }}
            />
            {list === 'locations' && <TextInput label={t('incidents.setup.address')} maxLength={300} {...form.getInputProps(`${list}.${index}.address`)} />}
          </SimpleGrid>
          <ActionIcon variant="subtle" color="red" size="lg" mb={4} aria-label={t('incidents.setup.remove', { name: label })} onClick={() => remove(index)}>
            <span aria-hidden>✕</span>
          </ActionIcon>
        </Group>
        {list === 'roles' && <Radio mt="sm" value={String(index)} label={t('incidents.setup.defaultRoleOf', { name: label })} />}
      </Card>
    );
  });
  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <div>
          <Title order={2} size="h3" id={headingId}>
            {t(`incidents.setup.${list}.title`)}
          </Title>
          <Text size="sm" c="dimmed">
            {t(`incidents.setup.${list}.hint`)} {t('incidents.setup.codeHint')}
          </Text>
        </div>
        {rows.length === 0 && <Text c="dimmed">{t(`incidents.setup.${list}.empty`)}</Text>}
        {list === 'roles' ? (
          <Radio.Group {...form.getInputProps('defaultRole')} label={t('incidents.setup.defaultRole')} description={t('incidents.setup.defaultRoleHint')}>
            <Stack gap="sm" mt="xs">
              {rowsView}
            </Stack>
          </Radio.Group>
        ) : (
          rowsView
        )}
        {typeof error === 'string' || typeof error === 'number' ? (
          <Text c="red.8" size="sm" role="alert">
            {error}
          </Text>
        ) : null}
        <Group>
          <Button variant="default" onClick={add}>
            {t(`incidents.setup.${list}.add`)}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** The organisation's set-up of incidents: what a coordinator picks from when starting one and when logging. */
export default function IncidentSetupPage() {
  const { t, i18n } = useTranslation();
  const setup = useIncidentSetup();
  const update = useUpdateIncidentSetup();
  const [message, setMessage] = useState<FormMessage | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const form = useForm<Values>({
    initialValues: { types: [], roles: [], defaultRole: '0', locations: [], classifications: [], labels: [], allowMemberActivation: false, memberVisibility: 'all' },
    validate: Object.fromEntries(
      LISTS.map((list) => [
        list,
        {
          name: (value: string) => (value.trim() ? null : t('incidents.required')),
          key: (value: string) => (KEY.test(value) ? null : t('incidents.setup.codeInvalid')),
        },
      ]),
    ),
  });
  const loaded = setup.data;
  useEffect(() => {
    if (loaded) {
      form.setValues(valuesOf(loaded));
      form.resetDirty();
    }
    // The form takes the saved set-up when it (re)loads, not on every render.
  }, [loaded]);

  // Field errors are text in the language of the moment: a language switch says them again.
  useEffect(() => {
    if (problem) setMessage({ ok: false, text: applyProblem(form, problem, t) });
    else if (Object.keys(form.errors).length > 0) form.validate();
  }, [i18n.language]);

  if (setup.isPending) return <LoadingState />;
  if (setup.isError) return <ErrorState error={setup.error} onRetry={() => void setup.refetch()} />;

  const submit = form.onSubmit(async (values) => {
    setMessage(null);
    setProblem(null);
    const option = (row: Row) => ({ key: row.key, name: row.name.trim() });
    try {
      await update.mutateAsync({
        types: values.types.map(option),
        roles: values.roles.map((row, index) => ({ ...option(row), default: String(index) === values.defaultRole })),
        locations: values.locations.map((row) => ({ ...option(row), address: row.address.trim() || null })),
        classifications: values.classifications.map(option),
        labels: values.labels.map(option),
        allowMemberActivation: values.allowMemberActivation,
        memberVisibility: values.memberVisibility,
      });
      setMessage({ ok: true, key: 'common.saved' });
    } catch (error) {
      if (error instanceof ProblemError) {
        setProblem(error.problem);
        setMessage({ ok: false, text: applyProblem(form, error.problem, t) });
      }
      else throw error;
    }
  });

  return (
    <Stack gap="md" maw={880}>
      <div>
        <Title order={1}>{t('incidents.setup.title')}</Title>
        <Text c="dimmed">{t('incidents.setup.intro')}</Text>
      </div>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {LISTS.map((list) => (
            <ListCard key={list} form={form} list={list} />
          ))}
          <Card withBorder component="section" aria-labelledby="setup-members-title">
            <Stack gap="sm">
              <Title order={2} size="h3" id="setup-members-title">
                {t('incidents.setup.members.title')}
              </Title>
              <Checkbox
                label={t('incidents.setup.members.allowActivation')}
                description={t('incidents.setup.members.allowActivationHint')}
                {...form.getInputProps('allowMemberActivation', { type: 'checkbox' })}
              />
              <Select
                label={t('incidents.setup.members.visibility')}
                allowDeselect={false}
                data={(['all', 'own_team'] as const).map((value) => ({ value, label: t(`incidents.setup.members.visibilityOptions.${value}`) }))}
                {...form.getInputProps('memberVisibility')}
              />
            </Stack>
          </Card>
          {message && (
            <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'}>
              {messageText(message, t)}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={update.isPending}>
              {t('incidents.setup.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
