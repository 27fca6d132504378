import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../lib/api';
import { applyProblem } from '../../../lib/form';
import { isProblem } from '../../../lib/problem';

/** The token comes in the mailed link's fragment (never sent to a server) or, from older mails, its query. */
function tokenOfLink(): string {
  const fragment = new URLSearchParams(window.location.hash.slice(1)).get('token');
  return fragment ?? new URLSearchParams(window.location.search).get('token') ?? '';
}

function SetPasswordPage({ mode }: { mode: 'activate' | 'reset' }) {
  const { t } = useTranslation();
  const [token] = useState(tokenOfLink);
  const [done, setDone] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm({
    initialValues: { password: '', repeat: '' },
    validate: { repeat: (value, values) => (value === values.password ? null : t('setPassword.mismatch')) },
  });

  const submit = form.onSubmit(async ({ password }) => {
    setMessage(null);
    const path = mode === 'activate' ? '/v1/auth/activate' : '/v1/auth/password-reset/confirm';
    const { error, response } = await api.POST(path, { body: { token, password } });
    if (response.ok) setDone(true);
    else if (isProblem(error)) setMessage(applyProblem(form, error, t));
  });

  return (
    <Stack align="center" justify="center" mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={420}>
        <Stack gap="md">
          <Title order={1} size="h2">
            {t(mode === 'activate' ? 'setPassword.activateTitle' : 'setPassword.resetTitle')}
          </Title>
          {done ? (
            <>
              <Alert color="green" role="status">
                {t(mode === 'activate' ? 'setPassword.activated' : 'setPassword.reset')}
              </Alert>
              <Anchor component={Link} to="/sign-in">
                {t('setPassword.toSignIn')}
              </Anchor>
            </>
          ) : !token ? (
            <Alert color="red" role="alert">
              {t('setPassword.noToken')}
            </Alert>
          ) : (
            <form onSubmit={submit} noValidate>
              <Stack gap="md">
                {message && (
                  <Alert color="red" role="alert">
                    {message}
                  </Alert>
                )}
                <PasswordInput label={t('setPassword.password')} description={t('setPassword.hint')} autoComplete="new-password" required {...form.getInputProps('password')} />
                <PasswordInput label={t('setPassword.repeat')} autoComplete="new-password" required {...form.getInputProps('repeat')} />
                <Button type="submit" size="md">
                  {t('setPassword.submit')}
                </Button>
              </Stack>
            </form>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}

export function ActivatePage() {
  return <SetPasswordPage mode="activate" />;
}

export function ResetPasswordPage() {
  return <SetPasswordPage mode="reset" />;
}
