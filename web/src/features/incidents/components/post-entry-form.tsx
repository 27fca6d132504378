import { Alert, Button, CloseButton, FileInput, Group, MultiSelect, Paper, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyProblem } from '../../../lib/form';
import { ProblemError } from '../../../lib/problem';
import { usePostEntry, useUploadMedia, type IncidentSetup, type LogEntry } from '../api/use-incidents';

/** Post to the log: text, classification, labels and photos or attachments (uploaded first). */
export function PostEntryForm({
  incidentId,
  setup,
  correcting,
  onCancelCorrection,
}: {
  incidentId: string;
  setup: IncidentSetup | undefined;
  correcting: LogEntry | null;
  onCancelCorrection: () => void;
}) {
  const { t } = useTranslation();
  const upload = useUploadMedia(incidentId);
  const post = usePostEntry(incidentId);
  const [message, setMessage] = useState<string | null>(null);
  const [progress, setProgress] = useState<string | null>(null);
  const form = useForm({
    initialValues: { text: '', classification: '', labels: [] as string[], files: [] as File[] },
    validate: { text: (value) => (value.trim() ? null : t('incidents.required')) },
  });

  const submit = form.onSubmit(async (values) => {
    setMessage(null);
    try {
      const mediaIds: string[] = [];
      for (const [index, file] of values.files.entries()) {
        setProgress(t('incidents.post.uploading', { current: index + 1, total: values.files.length, name: file.name }));
        mediaIds.push((await upload.mutateAsync(file)).id);
      }
      setProgress(null);
      await post.mutateAsync({
        text: values.text.trim(),
        classification: values.classification || null,
        labels: values.labels,
        mediaIds,
        correctsId: correcting?.id ?? null,
      });
      form.reset();
      onCancelCorrection();
    } catch (error) {
      setProgress(null);
      if (error instanceof ProblemError) setMessage(applyProblem(form, error.problem, t));
      else throw error;
    }
  });

  return (
    <Paper withBorder p="sm" radius="md">
      <form onSubmit={submit} noValidate aria-label={t('incidents.post.title')}>
        <Stack gap="xs">
          {correcting && (
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Text size="sm">{t('incidents.post.correcting', { seq: correcting.seq })}</Text>
              <CloseButton aria-label={t('incidents.post.cancelCorrection')} onClick={onCancelCorrection} />
            </Group>
          )}
          <Textarea label={t('incidents.post.text')} required autosize minRows={2} maxRows={8} {...form.getInputProps('text')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label={t('incidents.post.classification')}
              clearable
              data={(setup?.classifications ?? []).map((option) => ({ value: option.key, label: option.name }))}
              {...form.getInputProps('classification')}
            />
            <MultiSelect
              label={t('incidents.post.labels')}
              data={(setup?.labels ?? []).map((option) => ({ value: option.key, label: option.name }))}
              {...form.getInputProps('labels')}
            />
          </SimpleGrid>
          <FileInput label={t('incidents.post.files')} multiple clearable accept="image/*,video/*,application/pdf" {...form.getInputProps('files')} />
          {progress && (
            <Text size="sm" role="status">
              {progress}
            </Text>
          )}
          {message && (
            <Alert color="red" role="alert">
              {message}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={upload.isPending || post.isPending}>
              {t('incidents.post.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
