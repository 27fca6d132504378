import { Box, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useDeferredValue } from 'react';
import { useTranslation } from 'react-i18next';
import { renderMarkdown } from '../lib/markdown';

/** Markdown with its live preview, rendered by the rules the apps use (lib/markdown.ts). */
export function MarkdownField(props: { label: string; value: string; onChange: (value: string) => void; error?: string | undefined }) {
  const { t } = useTranslation();
  const deferred = useDeferredValue(props.value);
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
      <Textarea label={props.label} autosize minRows={8} maxRows={24} value={props.value} onChange={(event) => props.onChange(event.currentTarget.value)} error={props.error} />
      <Stack gap={4}>
        <Text size="sm" fw={500} id="markdown-preview-label">
          {t('content.editor.preview')}
        </Text>
        <Box
          role="region"
          aria-labelledby="markdown-preview-label"
          p="sm"
          style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 4, minHeight: 120, overflowWrap: 'anywhere' }}
          className="content-markdown"
          dangerouslySetInnerHTML={{ __html: renderMarkdown(deferred) }}
        />
      </Stack>
    </SimpleGrid>
  );
}
