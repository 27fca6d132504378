import { Alert, Button, FileButton, Progress, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../../../lib/problem';
import { uploadMedia, type Media } from '../api/use-content';

/** One file up with a progress bar; a refusal (type, size) is shown in the API's own words. */
export function UploadButton(props: { label: string; accept?: string; onUploaded: (media: Media) => void }) {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<number | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const upload = async (file: File | null) => {
    if (!file) return;
    setFailure(null);
    setProgress(0);
    try {
      const media = await uploadMedia(file, setProgress);
      props.onUploaded(media);
    } catch (error) {
      const problem = error instanceof ProblemError ? error.problem : undefined;
      setFailure(problem?.detail ?? t([`problems.status.${problem?.status ?? 0}`, 'problems.unknown']));
    } finally {
      setProgress(null);
    }
  };
  return (
    <Stack gap={6} align="flex-start">
      <FileButton onChange={(file) => void upload(file)} {...(props.accept ? { accept: props.accept } : {})}>
        {(buttonProps) => (
          <Button variant="default" {...buttonProps} loading={progress !== null}>
            {props.label}
          </Button>
        )}
      </FileButton>
      {progress !== null && (
        <Stack gap={2} w="100%" maw={320}>
          <Progress value={progress} aria-label={t('content.media.progress')} />
          <Text size="xs">{t('content.media.uploading', { percent: progress })}</Text>
        </Stack>
      )}
      {failure && (
        <Alert color="red" role="alert" title={t('content.media.refused')}>
          {failure}
        </Alert>
      )}
    </Stack>
  );
}
