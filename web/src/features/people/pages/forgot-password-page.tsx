import { Alert, Anchor, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageSwitch } from '../../../components/language-switch';
import { api } from '../../../lib/api';
import { applyProblem } from '../../../lib/form';
import { isProblem } from '../../../lib/problem';

/** Asks for a reset link; the answer is the same whether the account exists or not (no probing). */
export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [sent, setSent] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm({ initialValues: { tenant: '', email: '' } });
  const submit = form.onSubmit(async (values) => {
    setMessage(null);
    const { error, response } = await api.POST('/v1/auth/password-reset', { body: { tenant: values.tenant.trim(), email: values.email.trim() } });
    if (response.ok) setSent(true);
    else if (isProblem(error)) setMessage(applyProblem(form, error, t));
  });
  return (
    <Stack align="center" justify="center" mih="100vh" p="md" component="main">
      <LanguageSwitch />
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={420}>
        <Stack gap="md">
          <Title order={1} size="h2">
            {t('forgotPassword.title')}
          </Title>
          {sent ? (
            <Alert color="green" role="status">
              {t('forgotPassword.sent')}
            </Alert>
          ) : (
            <form onSubmit={submit} noValidate>
              <Stack gap="md">
                <Text>{t('forgotPassword.intro')}</Text>
                {message && (
                  <Alert color="red" role="alert">
                    {message}
                  </Alert>
                )}
                <TextInput label={t('signIn.organisation')} description={t('signIn.organisationHint')} autoComplete="organization" required {...form.getInputProps('tenant')} />
                <TextInput label={t('signIn.email')} type="email" autoComplete="username" required {...form.getInputProps('email')} />
                <Button type="submit" size="md">
                  {t('forgotPassword.submit')}
                </Button>
              </Stack>
            </form>
          )}
          <Anchor component={Link} to="/sign-in">
            {t('setPassword.toSignIn')}
          </Anchor>
        </Stack>
      </Paper>
    </Stack>
  );
}
