import { Alert, Anchor, Button, Group, Modal, Paper, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states';
import { applyProblem, messageText, type FormMessage } from '../../../lib/form';
import { formatDateTime } from '../../../lib/format';
import { ProblemError, problemKey } from '../../../lib/problem';
import {
  useProcessorAgreements,
  useReactivateTenant,
  useRecordProcessorAgreement,
  useSuspendTenant,
  useTenant,
  useUpdateTenant,
  type Tenant,
} from '../api/use-tenants';
import { StatusBadge } from '../components/status-badge';
import { LOCALES, orNull, TIME_ZONES } from '../components/tenant-fields';

const operatorZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

function SettingsForm({ tenant }: { tenant: Tenant }) {
  const { t } = useTranslation();
  const update = useUpdateTenant(tenant.id);
  const [message, setMessage] = useState<FormMessage | null>(null);
  const form = useForm({ initialValues: { name: tenant.name, locale: tenant.locale, timeZone: tenant.timeZone, dpoContact: tenant.dpoContact ?? '' } });
  const submit = form.onSubmit(async (values) => {
    setMessage(null);
    try {
      await update.mutateAsync({ name: values.name.trim(), locale: values.locale, timeZone: values.timeZone, dpoContact: orNull(values.dpoContact) });
      setMessage({ ok: true, key: 'common.saved' });
    } catch (error) {
      if (error instanceof ProblemError) setMessage({ ok: false, text: applyProblem(form, error.problem, t) });
    }
  });
  const zones = TIME_ZONES.includes(tenant.timeZone) ? TIME_ZONES : [tenant.timeZone, ...TIME_ZONES];
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3">
            {t('platform.tenant.settings')}
          </Title>
          {message && (
            <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'}>
              {messageText(message, t)}
            </Alert>
          )}
          <TextInput label={t('platform.fields.name')} required {...form.getInputProps('name')} />
          <TextInput label={t('platform.fields.slug')} description={t('platform.tenant.slugFixed')} value={tenant.slug} readOnly variant="filled" />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label={t('platform.fields.locale')} allowDeselect={false} data={LOCALES.map((locale) => ({ value: locale, label: t(`platform.locale.${locale}`) }))} {...form.getInputProps('locale')} />
            <Select label={t('platform.fields.timeZone')} allowDeselect={false} searchable data={zones} {...form.getInputProps('timeZone')} />
          </SimpleGrid>
          <TextInput label={t('platform.fields.dpoContact')} description={t('platform.fields.dpoContactHint')} {...form.getInputProps('dpoContact')} />
          <Group>
            <Button type="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** Suspending asks for the reason (the tenant's users see that they are suspended, the audit trail why). */
function StatusPanel({ tenant }: { tenant: Tenant }) {
  const { t, i18n } = useTranslation();
  const suspend = useSuspendTenant(tenant.id);
  const reactivate = useReactivateTenant(tenant.id);
  const [asking, setAsking] = useState<'suspend' | 'reactivate' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const form = useForm({ initialValues: { reason: '' }, validate: { reason: (value) => (value.trim() === '' ? t('platform.suspend.reasonRequired') : null) } });
  const fail = (problem: unknown) => {
    if (problem instanceof ProblemError) setError(t([problemKey(problem.problem), `problems.status.${problem.problem.status}`, 'problems.unknown']));
  };
  const confirmSuspend = form.onSubmit(async (values) => {
    setError(null);
    try {
      await suspend.mutateAsync(values.reason.trim());
      form.reset();
      setAsking(null);
    } catch (problem) {
      if (problem instanceof ProblemError) setError(applyProblem(form, problem.problem, t));
    }
  });
  return (
    <Paper withBorder p="md">
      <Stack gap="sm" align="flex-start">
        <Title order={2} size="h3">
          {t('platform.tenant.status')}
        </Title>
        <StatusBadge status={tenant.status} />
        {tenant.status === 'suspended' && (
          <Text>
            {t('platform.tenant.suspendedSince', {
              when: tenant.suspendedAt ? formatDateTime(tenant.suspendedAt, { language: i18n.language, timeZone: operatorZone() }) : '',
              reason: tenant.suspensionReason ?? '',
            })}
          </Text>
        )}
        {error && !asking && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {tenant.status === 'active' ? (
          <Button color="red" variant="outline" onClick={() => setAsking('suspend')}>
            {t('platform.suspend.open')}
          </Button>
        ) : (
          <Button onClick={() => setAsking('reactivate')}>{t('platform.reactivate.open')}</Button>
        )}
      </Stack>
      <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={asking === 'suspend'} onClose={() => setAsking(null)} title={t('platform.suspend.title', { name: tenant.name })} centered>
        <form onSubmit={confirmSuspend} noValidate>
          <Stack gap="sm">
            <Text>{t('platform.suspend.consequence')}</Text>
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <Textarea label={t('platform.suspend.reason')} required autosize minRows={2} {...form.getInputProps('reason')} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setAsking(null)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" color="red" loading={suspend.isPending}>
                {t('platform.suspend.confirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
      <ConfirmDialog
        opened={asking === 'reactivate'}
        title={t('platform.reactivate.title', { name: tenant.name })}
        consequence={t('platform.reactivate.consequence')}
        confirmLabel={t('platform.reactivate.confirm')}
        busy={reactivate.isPending}
        onCancel={() => setAsking(null)}
        onConfirm={() => {
          setError(null);
          reactivate.mutateAsync().then(() => setAsking(null), (problem: unknown) => {
            setAsking(null);
            fail(problem);
          });
        }}
      />
    </Paper>
  );
}

function ProcessorAgreements({ tenantId }: { tenantId: string }) {
  const { t, i18n } = useTranslation();
  const agreements = useProcessorAgreements(tenantId);
  const record = useRecordProcessorAgreement(tenantId);
  const [message, setMessage] = useState<FormMessage | null>(null);
  const form = useForm({ initialValues: { version: '', acceptedByName: '', acceptedByEmail: '' } });
  const submit = form.onSubmit(async (values) => {
    setMessage(null);
    try {
      await record.mutateAsync({ version: values.version.trim(), acceptedByName: values.acceptedByName.trim(), acceptedByEmail: values.acceptedByEmail.trim() });
      form.reset();
      setMessage({ ok: true, key: 'platform.agreements.recorded' });
    } catch (error) {
      if (error instanceof ProblemError) setMessage({ ok: false, text: applyProblem(form, error.problem, t) });
    }
  });
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t('platform.agreements.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('platform.agreements.intro')}
        </Text>
        {agreements.isPending ? (
          <LoadingState />
        ) : agreements.isError ? (
          <ErrorState error={agreements.error} onRetry={() => void agreements.refetch()} />
        ) : agreements.data.items.length === 0 ? (
          <EmptyState message={t('platform.agreements.empty')} />
        ) : (
          <Table.ScrollContainer minWidth={520}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('platform.agreements.version')}</Table.Th>
                  <Table.Th>{t('platform.agreements.acceptedBy')}</Table.Th>
                  <Table.Th>{t('platform.agreements.acceptedAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {agreements.data.items.map((agreement) => (
                  <Table.Tr key={agreement.id}>
                    <Table.Td>{agreement.version}</Table.Td>
                    <Table.Td>
                      {agreement.acceptedByName} ({agreement.acceptedByEmail})
                    </Table.Td>
                    <Table.Td>{formatDateTime(agreement.acceptedAt, { language: i18n.language, timeZone: operatorZone() })}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Text fw={600}>{t('platform.agreements.record')}</Text>
            {message && (
              <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'}>
                {messageText(message, t)}
              </Alert>
            )}
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput label={t('platform.agreements.version')} required {...form.getInputProps('version')} />
              <TextInput label={t('platform.agreements.acceptedByName')} required {...form.getInputProps('acceptedByName')} />
              <TextInput label={t('platform.agreements.acceptedByEmail')} type="email" required {...form.getInputProps('acceptedByEmail')} />
            </SimpleGrid>
            <Group>
              <Button type="submit" loading={record.isPending}>
                {t('platform.agreements.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Paper>
  );
}

export default function TenantPage() {
  const { t } = useTranslation();
  const { tenantId } = useParams() as { tenantId: string };
  const location = useLocation();
  const tenant = useTenant(tenantId);
  const created = (location.state as { created?: boolean } | null)?.created === true;
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/platform">
        {t('platform.tenant.back')}
      </Anchor>
      {tenant.isPending ? (
        <LoadingState />
      ) : tenant.isError ? (
        <ErrorState error={tenant.error} onRetry={() => void tenant.refetch()} />
      ) : (
        <>
          <Group gap="sm">
            <Title order={1}>{tenant.data.name}</Title>
            <StatusBadge status={tenant.data.status} />
          </Group>
          {created && (
            <Alert color="green" role="status">
              {t('platform.create.done')}
            </Alert>
          )}
          <SettingsForm key={tenant.data.id} tenant={tenant.data} />
          <StatusPanel tenant={tenant.data} />
          <ProcessorAgreements tenantId={tenant.data.id} />
        </>
      )}
    </Stack>
  );
}
