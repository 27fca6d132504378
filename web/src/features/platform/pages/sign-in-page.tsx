import { Alert, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { LanguageSwitch } from '../../../components/language-switch';
import { applyProblem } from '../../../lib/form';
import { platformApi, startOperatorSession, useOperatorSession } from '../../../lib/operator';
import { isProblem } from '../../../lib/problem';

/** The operator signs in with e-mail and password only: operators belong to no organisation. */
export default function PlatformSignInPage() {
  const { t } = useTranslation();
  const session = useOperatorSession();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm({ initialValues: { email: '', password: '' } });

  if (session.signedIn) return <Navigate to="/platform" replace />;

  const submit = form.onSubmit(async (values) => {
    setMessage(null);
    const { data, error } = await platformApi.POST('/v1/platform/auth/login', { body: { email: values.email.trim(), password: values.password } });
    if (data) startOperatorSession(data.accessToken, data.expiresIn);
    // The tenant wording ("organisation, e-mail or password") does not fit an operator.
    else if (isProblem(error)) setMessage(error.status === 401 ? t('platform.signIn.failed') : applyProblem(form, error, t));
  });

  const notice = session.ended === 'expired' ? t('platform.signIn.expired') : session.ended === 'signedOut' ? t('session.signedOut') : null;

  return (
    <Stack align="center" justify="center" mih="100vh" p="md" component="main">
      <LanguageSwitch />
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={420}>
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Title order={1} size="h2">
              {t('platform.signIn.title')}
            </Title>
            <Text c="dimmed">{t('platform.signIn.intro')}</Text>
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
            <TextInput label={t('signIn.email')} type="email" autoComplete="username" required {...form.getInputProps('email')} />
            <PasswordInput label={t('signIn.password')} autoComplete="current-password" required {...form.getInputProps('password')} />
            <Button type="submit" size="md">
              {t('signIn.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
