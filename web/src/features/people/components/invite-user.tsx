import { Alert, Button, Checkbox, Group, Modal, MultiSelect, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyProblem } from '../../../lib/form';
import { ProblemError } from '../../../lib/problem';
import { useGroupChoices, useInviteUser, type Role } from '../api/use-users';

export const ROLES: Role[] = ['admin', 'coordinator', 'member'];

/** Optional text fields go to the API as null when left empty. */
const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

export function InviteUser({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const invite = useInviteUser();
  const groups = useGroupChoices();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: '', email: '', phone: '', jobTitle: '', location: '', roles: ['member'] as Role[], groupIds: [] as string[] },
    validate: { roles: (value) => (value.length === 0 ? t('people.invite.rolesRequired') : null) },
  });
  const close = () => {
    form.reset();
    setMessage(null);
    onClose();
  };
  const submit = form.onSubmit(async (values) => {
    setMessage(null);
    try {
      await invite.mutateAsync({
        name: values.name.trim(),
        email: values.email.trim(),
        phone: orNull(values.phone),
        jobTitle: orNull(values.jobTitle),
        location: orNull(values.location),
        roles: values.roles,
        groupIds: values.groupIds,
      });
      close();
    } catch (error) {
      if (error instanceof ProblemError) setMessage(applyProblem(form, error.problem, t));
    }
  });
  return (
    <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={opened} onClose={close} title={t('people.invite.title')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {message && (
            <Alert color="red" role="alert">
              {message}
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
          <MultiSelect
            label={t('people.groups')}
            searchable
            data={(groups.data?.items ?? []).map((group) => ({ value: group.id, label: group.name }))}
            {...form.getInputProps('groupIds')}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={invite.isPending}>
              {t('people.invite.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
