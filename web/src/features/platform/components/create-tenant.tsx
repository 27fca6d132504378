import { Alert, Button, Divider, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { applyProblem } from '../../../lib/form';
import { ProblemError } from '../../../lib/problem';
import { useCreateTenant } from '../api/use-tenants';
import { LOCALES, orNull, slugFrom, TIME_ZONES } from './tenant-fields';

/** Onboards an organisation: the tenant and its first admin, who gets the activation mail. */
export function CreateTenant({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateTenant();
  const [message, setMessage] = useState<string | null>(null);
  const [slugTouched, setSlugTouched] = useState(false);
  const form = useForm({
    initialValues: { name: '', slug: '', locale: 'nl-NL' as (typeof LOCALES)[number], timeZone: 'Europe/Amsterdam', dpoContact: '', firstAdmin: { name: '', email: '' } },
  });
  const close = () => {
    form.reset();
    setSlugTouched(false);
    setMessage(null);
    onClose();
  };
  const submit = form.onSubmit(async (values) => {
    setMessage(null);
    try {
      const tenant = await create.mutateAsync({
        name: values.name.trim(),
        slug: values.slug.trim(),
        locale: values.locale,
        timeZone: values.timeZone,
        dpoContact: orNull(values.dpoContact),
        firstAdmin: { name: values.firstAdmin.name.trim(), email: values.firstAdmin.email.trim() },
      });
      close();
      void navigate(`/platform/tenants/${tenant.id}`, { state: { created: true } });
    } catch (error) {
      if (error instanceof ProblemError) setMessage(applyProblem(form, error.problem, t));
    }
  });
  const name = form.getInputProps('name');
  return (
    <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={opened} onClose={close} title={t('platform.create.title')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {message && (
            <Alert color="red" role="alert">
              {message}
            </Alert>
          )}
          <TextInput
            label={t('platform.fields.name')}
            required
            {...name}
            onChange={(event) => {
              const value = event.currentTarget.value;
              form.setFieldValue('name', value);
              // The sign-in name follows the name until the operator types one of their own.
              if (!slugTouched) form.setFieldValue('slug', slugFrom(value));
            }}
          />
          <TextInput
            label={t('platform.fields.slug')}
            description={t('platform.fields.slugHint')}
            required
            {...form.getInputProps('slug')}
            onChange={(event) => {
              setSlugTouched(true);
              form.setFieldValue('slug', event.currentTarget.value);
            }}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label={t('platform.fields.locale')} allowDeselect={false} data={LOCALES.map((locale) => ({ value: locale, label: t(`platform.locale.${locale}`) }))} {...form.getInputProps('locale')} />
            <Select label={t('platform.fields.timeZone')} allowDeselect={false} searchable data={TIME_ZONES} {...form.getInputProps('timeZone')} />
          </SimpleGrid>
          <TextInput label={t('platform.fields.dpoContact')} description={t('platform.fields.dpoContactHint')} {...form.getInputProps('dpoContact')} />
          <Divider my="xs" />
          <Text fw={600}>{t('platform.create.firstAdmin')}</Text>
          <Text size="sm" c="dimmed">
            {t('platform.create.firstAdminHint')}
          </Text>
          <TextInput label={t('platform.fields.adminName')} required {...form.getInputProps('firstAdmin.name')} />
          <TextInput label={t('platform.fields.adminEmail')} type="email" required {...form.getInputProps('firstAdmin.email')} />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('platform.create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
