import { Alert, Badge, Button, Code, CopyButton, Group, Image, List, Paper, PasswordInput, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states';
import type { components } from '../../../lib/api-schema';
import { applyProblem } from '../../../lib/form';
import { formatDateTime } from '../../../lib/format';
import { ProblemError, problemKey } from '../../../lib/problem';
import { useMe, useTimeZone } from '../../../lib/session';
import { downloadMyData, useConfirmEnrolment, useDeleteMyAccount, useMySessions, useRevokeAllMySessions, useRevokeMySession, useStartEnrolment } from '../api/use-account';

type Me = components['schemas']['Me'];

function messageOf(error: unknown, t: (keys: string[]) => string): string {
  const problem = error instanceof ProblemError ? error.problem : undefined;
  return t([problemKey(problem), `problems.status.${problem?.status ?? 0}`, 'problems.unknown']);
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack gap="sm">
        <Title order={2} size="h3">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

function Profile({ me }: { me: Me }) {
  const { t } = useTranslation();
  const row = (label: string, value: string | null) => (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text fw={600} miw={140}>
        {label}
      </Text>
      <Text style={{ overflowWrap: 'anywhere' }}>{value ?? '—'}</Text>
    </Group>
  );
  return (
    <Section title={t('account.profile')}>
      {row(t('account.name'), me.name)}
      {row(t('account.email'), me.email)}
      {row(t('account.phone'), me.phone)}
      {row(t('account.jobTitle'), me.jobTitle)}
      {row(t('account.location'), me.location)}
      {row(t('account.roles'), me.roles.map((role) => t(`account.role.${role}`)).join(', '))}
      {row(t('account.groups'), me.groups.map((group) => group.name).join(', ') || null)}
      <Text size="sm" c="dimmed">
        {t('account.profileHint')}
      </Text>
    </Section>
  );
}

function Sessions() {
  const { t, i18n } = useTranslation();
  const timeZone = useTimeZone();
  const sessions = useMySessions();
  const revokeOne = useRevokeMySession();
  const revokeAll = useRevokeAllMySessions();
  const [asking, setAsking] = useState<{ id: string } | 'all' | null>(null);
  return (
    <Section title={t('account.sessions')}>
      {sessions.isPending ? (
        <LoadingState />
      ) : sessions.isError ? (
        <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : sessions.data.items.length === 0 ? (
        <EmptyState message={t('account.noSessions')} />
      ) : (
        <>
          <Table.ScrollContainer minWidth={420}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('account.device')}</Table.Th>
                  <Table.Th>{t('account.lastSeen')}</Table.Th>
                  <Table.Th>{t('account.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sessions.data.items.map((session) => (
                  <Table.Tr key={session.id}>
                    <Table.Td>
                      {session.deviceName ?? t(`account.platform.${session.platform ?? 'other'}`)}{' '}
                      {session.current && (
                        <Badge variant="light" color="dark">
                          {t('account.thisDevice')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{formatDateTime(session.lastSeenAt, { language: i18n.language, timeZone })}</Table.Td>
                    <Table.Td>
                      {!session.current && (
                        <Button size="xs" variant="default" onClick={() => setAsking({ id: session.id })}>
                          {t('account.revokeSession')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group>
            <Button variant="outline" color="red.9" onClick={() => setAsking('all')}>
              {t('account.revokeAll')}
            </Button>
          </Group>
        </>
      )}
      <ConfirmDialog
        opened={asking !== null}
        title={t(asking === 'all' ? 'account.revokeAll' : 'account.revokeSession')}
        consequence={t(asking === 'all' ? 'account.revokeAllConsequence' : 'account.revokeSessionConsequence')}
        confirmLabel={t(asking === 'all' ? 'account.revokeAll' : 'account.revokeSession')}
        busy={revokeOne.isPending || revokeAll.isPending}
        onCancel={() => setAsking(null)}
        onConfirm={() => {
          const target = asking;
          setAsking(null);
          if (target === 'all') revokeAll.mutate(sessions.data?.items ?? []);
          else if (target) revokeOne.mutate(target.id);
        }}
      />
    </Section>
  );
}

function SecondFactor({ me }: { me: Me }) {
  const { t } = useTranslation();
  const start = useStartEnrolment();
  const confirm = useConfirmEnrolment();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm({ initialValues: { code: '' } });
  const meQuery = useMe();

  const submit = form.onSubmit(async ({ code }) => {
    setMessage(null);
    try {
      const result = await confirm.mutateAsync(code.trim());
      setCodes(result.recoveryCodes);
      start.reset();
    } catch (error) {
      if (error instanceof ProblemError) setMessage(applyProblem(form, error.problem, t));
    }
  });

  if (codes) {
    return (
      <Section title={t('account.secondFactor')}>
        <Alert color="green" role="status">
          {t('account.enrolled')}
        </Alert>
        <Text fw={600}>{t('account.recoveryCodes')}</Text>
        <Text>{t('account.recoveryCodesOnce')}</Text>
        <SimpleGrid cols={{ base: 2, sm: 5 }} aria-label={t('account.recoveryCodes')}>
          {codes.map((code) => (
            <Code key={code}>{code}</Code>
          ))}
        </SimpleGrid>
        <Group>
          <CopyButton value={codes.join('\n')}>{({ copied, copy }) => <Button onClick={copy}>{t(copied ? 'account.copied' : 'account.copyCodes')}</Button>}</CopyButton>
          <Button
            variant="default"
            onClick={() => {
              setCodes(null);
              void meQuery.refetch();
            }}
          >
            {t('account.codesSaved')}
          </Button>
        </Group>
      </Section>
    );
  }
  return (
    <Section title={t('account.secondFactor')}>
      <Text>{t(me.secondFactor.enabled ? 'account.secondFactorOn' : me.secondFactor.required ? 'account.secondFactorRequired' : 'account.secondFactorOff')}</Text>
      {me.secondFactor.enabled && <Text size="sm" c="dimmed">{t('account.secondFactorOffHint')}</Text>}
      {!me.secondFactor.enabled && !start.data && (
        <Group>
          <Button onClick={() => start.mutate()} loading={start.isPending}>
            {t('account.enrol')}
          </Button>
        </Group>
      )}
      {start.isError && (
        <Alert color="red" role="alert">
          {messageOf(start.error, t)}
        </Alert>
      )}
      {start.data && (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <List type="ordered" spacing="xs">
              <List.Item>{t('account.enrolStep1')}</List.Item>
              <List.Item>{t('account.enrolStep2')}</List.Item>
            </List>
            <Image src={start.data.qrCode} alt={t('account.qrAlt')} w={200} h={200} />
            <Text size="sm">
              {t('account.secretText')} <Code>{start.data.secret}</Code>
            </Text>
            {message && (
              <Alert color="red" role="alert">
                {message}
              </Alert>
            )}
            <TextInput label={t('account.code')} inputMode="numeric" autoComplete="one-time-code" required maw={240} {...form.getInputProps('code')} />
            <Group>
              <Button type="submit" loading={confirm.isPending}>
                {t('account.confirmCode')}
              </Button>
              <Button variant="default" onClick={() => start.reset()}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Section>
  );
}

function MyData() {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setFailure(null);
    setBusy(true);
    try {
      const blob = await downloadMyData();
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = 'mijn-gegevens.json';
      link.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      setFailure(messageOf(error, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title={t('account.myData')}>
      <Text>{t('account.myDataText')}</Text>
      {failure && (
        <Alert color="red" role="alert">
          {failure}
        </Alert>
      )}
      <Group>
        <Button variant="default" onClick={() => void download()} loading={busy}>
          {t('account.download')}
        </Button>
      </Group>
    </Section>
  );
}

function DeleteAccount({ me }: { me: Me }) {
  const { t } = useTranslation();
  const remove = useDeleteMyAccount();
  const [asking, setAsking] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm({ initialValues: { password: '', code: '' } });
  const erase = async () => {
    setAsking(false);
    setMessage(null);
    const { password, code } = form.getValues();
    try {
      await remove.mutateAsync({ password, ...(code.trim() ? { code: code.trim() } : {}) });
    } catch (error) {
      if (error instanceof ProblemError) setMessage(applyProblem(form, error.problem, t));
    }
  };
  return (
    <Section title={t('account.delete')}>
      <Text>{t('account.deleteText')}</Text>
      <form onSubmit={form.onSubmit(() => setAsking(true))} noValidate>
        <Stack gap="sm" maw={360}>
          {message && (
            <Alert color="red" role="alert">
              {message}
            </Alert>
          )}
          <PasswordInput label={t('account.password')} required autoComplete="current-password" {...form.getInputProps('password')} />
          {me.secondFactor.enabled && <TextInput label={t('account.code')} inputMode="numeric" autoComplete="one-time-code" required {...form.getInputProps('code')} />}
          <Group>
            <Button type="submit" color="red" loading={remove.isPending}>
              {t('account.delete')}
            </Button>
          </Group>
        </Stack>
      </form>
      <ConfirmDialog
        opened={asking}
        title={t('account.delete')}
        consequence={t('account.deleteConsequence')}
        confirmLabel={t('account.delete')}
        onCancel={() => setAsking(false)}
        onConfirm={() => void erase()}
      />
    </Section>
  );
}

export default function AccountPage() {
  const { t } = useTranslation();
  const me = useMe();
  if (me.isPending) return <LoadingState />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  return (
    <Stack gap="md">
      <Title order={1}>{t('account.title')}</Title>
      <Profile me={me.data} />
      <SecondFactor me={me.data} />
      <Sessions />
      <MyData />
      <DeleteAccount me={me.data} />
    </Stack>
  );
}
