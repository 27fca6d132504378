import { Alert, Anchor, Button, Checkbox, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states';
import type { components } from '../../../lib/api-schema';
import { applyProblem } from '../../../lib/form';
import { formatDateTime } from '../../../lib/format';
import { ProblemError } from '../../../lib/problem';
import { useTimeZone } from '../../../lib/session';
import { useUpdateUser, useUser, useUserAction, useUserSessions, type UserAction } from '../api/use-users';
import { ROLES } from '../components/invite-user';

type User = components['schemas']['User'];

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

function ProfileForm({ user }: { user: User }) {
  const { t } = useTranslation();
  const update = useUpdateUser(user.id);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const form = useForm({
    initialValues: { name: user.name, email: user.email, phone: user.phone ?? '', jobTitle: user.jobTitle ?? '', location: user.location ?? '', roles: user.roles },
    validate: { roles: (value) => (value.length === 0 ? t('people.invite.rolesRequired') : null) },
  });
  const submit = form.onSubmit(async (values) => {
    setMessage(null);
    try {
      await update.mutateAsync({
        name: values.name.trim(),
        email: values.email.trim(),
        phone: orNull(values.phone),
        jobTitle: orNull(values.jobTitle),
        location: orNull(values.location),
        roles: values.roles,
      });
      setMessage({ ok: true, text: t('common.saved') });
    } catch (error) {
      if (error instanceof ProblemError) setMessage({ ok: false, text: applyProblem(form, error.problem, t) });
    }
  });
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3">
            {t('people.profile')}
          </Title>
          {message && (
            <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'}>
              {message.text}
            </Alert>
          )}
          <TextInput label={t('people.name')} required {...form.getInputProps('name')} />
          <TextInput label={t('people.email')} type="email" required {...form.getInputProps('email')} />
          <TextInput label={t('people.phone')} type="tel" {...form.getInputProps('phone')} />
          <TextInput label={t('people.jobTitle')} {...form.getInputProps('jobTitle')} />
          <TextInput label={t('people.location')} {...form.getInputProps('location')} />
          <Checkbox.Group label={t('people.roles')} required {...form.getInputProps('roles')}>
            <Group mt="xs">
              {ROLES.map((role) => (
                <Checkbox key={role} value={role} label={t(`people.role.${role}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function Sessions({ userId }: { userId: string }) {
  const { t, i18n } = useTranslation();
  const timeZone = useTimeZone();
  const sessions = useUserSessions(userId);
  if (sessions.isPending) return <LoadingState />;
  if (sessions.isError) return <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />;
  if (sessions.data.items.length === 0) return <EmptyState message={t('sessions.empty')} />;
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('sessions.device')}</Table.Th>
            <Table.Th>{t('sessions.lastSeen')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sessions.data.items.map((session) => (
            <Table.Tr key={session.id}>
              <Table.Td>{session.deviceName ?? t(`sessions.platform.${session.platform ?? 'other'}`)}</Table.Td>
              <Table.Td>{formatDateTime(session.lastSeenAt, { language: i18n.language, timeZone })}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Actions that end access get a confirmation; a new invitation does not. */
const CONFIRMED: UserAction[] = ['deactivate', 'revokeSessions', 'resetSecondFactor'];

export default function UserPage() {
  const { t } = useTranslation();
  const { userId = '' } = useParams();
  const user = useUser(userId);
  const action = useUserAction(userId);
  const [asking, setAsking] = useState<UserAction | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  const run = async (which: UserAction) => {
    setResult(null);
    try {
      await action.mutateAsync(which);
      setResult({ ok: true, text: t(`people.actions.${which}.done`) });
    } catch (error) {
      const problem = error instanceof ProblemError ? error.problem : undefined;
      setResult({ ok: false, text: t([`problems.status.${problem?.status ?? 0}`, 'problems.unknown']) });
    } finally {
      setAsking(null);
    }
  };
  const ask = (which: UserAction) => (CONFIRMED.includes(which) ? setAsking(which) : void run(which));

  if (user.isPending) return <LoadingState />;
  if (user.isError) return <ErrorState error={user.error} onRetry={() => void user.refetch()} />;
  const u = user.data;
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/people">
        {t('people.back')}
      </Anchor>
      <Title order={1}>{u.name}</Title>
      <Text>
        {t(`people.statusValue.${u.status}`)} · {t(u.secondFactorEnabled ? 'people.secondFactorOn' : 'people.secondFactorOff')}
      </Text>
      {result && (
        <Alert color={result.ok ? 'green' : 'red'} role={result.ok ? 'status' : 'alert'}>
          {result.text}
        </Alert>
      )}
      <Group gap="sm">
        {u.status === 'invited' && (
          <Button variant="default" onClick={() => ask('invitation')}>
            {t('people.actions.invitation.label')}
          </Button>
        )}
        {u.status === 'deactivated' ? (
          <Button variant="default" onClick={() => ask('reactivate')}>
            {t('people.actions.reactivate.label')}
          </Button>
        ) : (
          <Button variant="default" color="red" onClick={() => ask('deactivate')}>
            {t('people.actions.deactivate.label')}
          </Button>
        )}
        <Button variant="default" onClick={() => ask('revokeSessions')}>
          {t('people.actions.revokeSessions.label')}
        </Button>
        {u.secondFactorEnabled && (
          <Button variant="default" onClick={() => ask('resetSecondFactor')}>
            {t('people.actions.resetSecondFactor.label')}
          </Button>
        )}
      </Group>
      <ProfileForm user={u} />
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={2} size="h3">
            {t('sessions.title')}
          </Title>
          <Sessions userId={u.id} />
        </Stack>
      </Paper>
      <ConfirmDialog
        opened={asking !== null}
        title={asking ? t(`people.actions.${asking}.label`) : ''}
        consequence={asking ? t(`people.actions.${asking}.consequence`, { name: u.name }) : ''}
        confirmLabel={asking ? t(`people.actions.${asking}.label`) : ''}
        busy={action.isPending}
        onConfirm={() => asking && void run(asking)}
        onCancel={() => setAsking(null)}
      />
    </Stack>
  );
}
