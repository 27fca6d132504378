import { Alert, Button, Group, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyProblem } from '../../../lib/form';
import { ProblemError } from '../../../lib/problem';
import { GROUP_TYPES, type GroupCreate } from '../api/use-groups';

/** Create and edit share one form; what was typed stays when the server says no. */
export function GroupForm(props: { initial?: GroupCreate; submitLabel: string; busy: boolean; onSubmit: (body: GroupCreate) => Promise<unknown>; onCancel?: () => void; onDone?: () => void }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: props.initial?.name ?? '', type: (props.initial?.type ?? 'team'), description: props.initial?.description ?? '' },
  });
  const submit = form.onSubmit(async (values) => {
    setMessage(null);
    try {
      await props.onSubmit({ name: values.name.trim(), type: values.type, description: values.description.trim() === '' ? null : values.description.trim() });
      props.onDone?.();
    } catch (error) {
      if (error instanceof ProblemError) setMessage(applyProblem(form, error.problem, t));
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {message && (
          <Alert color="red" role="alert">
            {message}
          </Alert>
        )}
        <TextInput label={t('groups.name')} required {...form.getInputProps('name')} />
        <Select
          label={t('groups.type')}
          required
          allowDeselect={false}
          data={GROUP_TYPES.map((type) => ({ value: type, label: t(`groups.typeValue.${type}`) }))}
          {...form.getInputProps('type')}
        />
        <Textarea label={t('groups.description')} autosize minRows={2} {...form.getInputProps('description')} />
        <Group justify="flex-end">
          {props.onCancel && (
            <Button variant="default" onClick={props.onCancel}>
              {t('common.cancel')}
            </Button>
          )}
          <Button type="submit" loading={props.busy}>
            {props.submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
