import { Alert, Button, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { api, SESSION_HEADERS } from '../../lib/api';
import { applyProblem } from '../../lib/form';
import { isProblem } from '../../lib/problem';
import { useSession } from '../session';

export default function SignInPage() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const [challenge, setChallenge] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const credentials = useForm({ initialValues: { tenant: '', email: '', password: '' } });
  const second = useForm({ initialValues: { code: '' } });
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (session.status === 'signedIn') return <Navigate to={from} replace />;

  const signIn = credentials.onSubmit(async (values) => {
    setMessage(null);
    const { data, error } = await api.POST('/v1/auth/login', { params: { header: SESSION_HEADERS }, body: values });
    if (data?.status === 'second_factor_required') setChallenge(data.challengeToken);
    else if (data?.status === 'authenticated') session.started(data.accessToken, data.expiresIn);
    else if (isProblem(error)) setMessage(applyProblem(credentials, error, t));
  });

  const confirm = second.onSubmit(async (values) => {
    setMessage(null);
    const { data, error } = await api.POST('/v1/auth/second-factor', {
      params: { header: SESSION_HEADERS },
      body: { challengeToken: challenge!, code: values.code.trim() },
    });
    if (data?.status === 'authenticated') session.started(data.accessToken, data.expiresIn);
    else if (isProblem(error)) setMessage(applyProblem(second, error, t));
  });

  const notice = session.endedBecause === 'revoked' ? t('session.revoked') : session.endedBecause === 'signedOut' ? t('session.signedOut') : null;

  return (
    <Stack align="center" justify="center" mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={420}>
        <Stack gap="md">
          <Title order={1} size="h2">
            {challenge ? t('signIn.secondFactorTitle') : t('signIn.title')}
          </Title>
          {notice && !message && (
            <Alert color="blue" role="status">
              {notice}
            </Alert>
          )}
          {message && (
            <Alert color="red" role="alert">
              {message}
            </Alert>
          )}
          {challenge ? (
            <form onSubmit={confirm} noValidate>
              <Stack gap="md">
                <TextInput label={t('signIn.code')} description={t('signIn.codeHint')} inputMode="numeric" autoComplete="one-time-code" required autoFocus {...second.getInputProps('code')} />
                <Button type="submit" size="md">
                  {t('signIn.confirm')}
                </Button>
              </Stack>
            </form>
          ) : (
            <form onSubmit={signIn} noValidate>
              <Stack gap="md">
                <TextInput label={t('signIn.organisation')} description={t('signIn.organisationHint')} autoComplete="organization" required {...credentials.getInputProps('tenant')} />
                <TextInput label={t('signIn.email')} type="email" autoComplete="username" required {...credentials.getInputProps('email')} />
                <PasswordInput label={t('signIn.password')} autoComplete="current-password" required {...credentials.getInputProps('password')} />
                <Button type="submit" size="md">
                  {t('signIn.submit')}
                </Button>
              </Stack>
            </form>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}
