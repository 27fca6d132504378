import { Alert, Anchor, Badge, Button, Checkbox, Group, Modal, Stack, Table, TagsInput, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states';
import { applyProblem } from '../../../lib/form';
import { ProblemError } from '../../../lib/problem';
import { useDeleteMessageTemplate, useMessageTemplates, useSaveMessageTemplate, type MessageTemplate } from '../api/use-messages';

const PLACEHOLDERS = ['incident.title', 'incident.location', 'incident.type', 'incident.severity'] as const;

/** Name, text with placeholders, urgency and answer options; a goal and waves set through the API are kept as they are. */
function TemplateForm(props: { template: MessageTemplate | null; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveMessageTemplate();
  const [message, setMessage] = useState<string | null>(null);
  const { template } = props;
  const form = useForm({
    initialValues: {
      name: template?.name ?? '',
      title: template?.title ?? '',
      body: template?.body ?? '',
      urgent: template?.priority === 'urgent',
      answerOptions: template?.answerOptions ?? ([] as string[]),
    },
    validate: {
      name: (value) => (value.trim() ? null : t('messages.required')),
      title: (value) => (value.trim() ? null : t('messages.required')),
      body: (value) => (value.trim() ? null : t('messages.required')),
      answerOptions: (value) => (value.length === 1 ? t('messages.optionsNeeded') : null),
    },
  });

  const submit = form.onSubmit(async (input) => {
    setMessage(null);
    try {
      await save.mutateAsync({
        id: template?.id ?? null,
        body: {
          name: input.name.trim(),
          title: input.title.trim(),
          body: input.body.trim(),
          format: template?.format ?? 'plain',
          priority: input.urgent ? 'urgent' : 'normal',
          answerOptions: input.answerOptions,
          // Kept only while it is still a call-up: a message has neither.
          goal: input.answerOptions.length > 0 ? (template?.goal ?? null) : null,
          waves: input.answerOptions.length > 0 ? (template?.waves ?? []) : [],
        },
      });
      props.onDone();
    } catch (error) {
      if (error instanceof ProblemError) setMessage(applyProblem(form, error.problem, t));
      else throw error;
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput label={t('messages.templates.name')} required maxLength={100} {...form.getInputProps('name')} />
        <TextInput label={t('messages.fields.title')} required maxLength={120} {...form.getInputProps('title')} />
        <Textarea label={t('messages.fields.body')} required autosize minRows={3} maxLength={4000} {...form.getInputProps('body')} />
        <Text size="sm">
          {t('messages.templates.placeholdersHint')} {PLACEHOLDERS.map((name) => `{{${name}}}`).join(', ')}
        </Text>
        <Checkbox label={t('messages.fields.urgent')} {...form.getInputProps('urgent', { type: 'checkbox' })} />
        <TagsInput label={t('messages.fields.answerOptions')} description={t('messages.templates.optionsHint')} maxTags={10} {...form.getInputProps('answerOptions')} />
        {template && (template.goal !== null || template.waves.length > 0) && (
          <Text size="sm">{t('messages.templates.keeps', { count: template.waves.length, goal: template.goal ? `${template.goal.count} × ${template.goal.option}` : '—' })}</Text>
        )}
        {message && (
          <Alert color="red" role="alert">
            {message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('messages.templates.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export default function MessageTemplatesPage() {
  const { t } = useTranslation();
  const templates = useMessageTemplates();
  const remove = useDeleteMessageTemplate();
  // null: closed; 'new': a new template; otherwise the one being edited.
  const [editing, setEditing] = useState<MessageTemplate | 'new' | null>(null);
  const [deleting, setDeleting] = useState<MessageTemplate | null>(null);

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/messages" size="sm">
        {t('messages.templates.back')}
      </Anchor>
      <Group justify="space-between">
        <Title order={1}>{t('messages.templates.title')}</Title>
        <Button onClick={() => setEditing('new')}>{t('messages.templates.create')}</Button>
      </Group>
      <Text>{t('messages.templates.intro')}</Text>
      {templates.isPending ? (
        <LoadingState />
      ) : templates.isError ? (
        <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />
      ) : templates.data.items.length === 0 ? (
        <EmptyState message={t('messages.templates.empty')} />
      ) : (
        <Table.ScrollContainer minWidth={340}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('messages.templates.name')}</Table.Th>
                <Table.Th visibleFrom="sm">{t('messages.fields.title')}</Table.Th>
                <Table.Th>{t('messages.fields.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {templates.data.items.map((template) => (
                <Table.Tr key={template.id}>
                  <Table.Td>
                    <Text fw={600}>{template.name}</Text>
                    <Group gap={4} mt={4}>
                      <Badge variant="light" color={template.answerOptions.length > 0 ? 'blue' : 'gray'}>
                        {t(template.answerOptions.length > 0 ? 'messages.kind.call_up' : 'messages.kind.message')}
                      </Badge>
                      {template.priority === 'urgent' && (
                        <Badge variant="light" color="red">
                          {t('messages.urgent')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td visibleFrom="sm">{template.title}</Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      <Button size="xs" variant="outline" onClick={() => setEditing(template)} aria-label={t('messages.templates.editNamed', { name: template.name })}>
                        {t('messages.templates.edit')}
                      </Button>
                      <Button size="xs" variant="outline" color="red.9" onClick={() => setDeleting(template)} aria-label={t('messages.templates.deleteNamed', { name: template.name })}>
                        {t('messages.templates.delete')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('messages.templates.create') : t('messages.templates.edit')}
        size="lg"
      >
        {editing !== null && <TemplateForm key={editing === 'new' ? 'new' : editing.id} template={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      </Modal>
      <ConfirmDialog
        opened={deleting !== null}
        title={t('messages.templates.deleteTitle')}
        consequence={t('messages.templates.deleteConsequence', { name: deleting?.name ?? '' })}
        confirmLabel={t('messages.templates.delete')}
        busy={remove.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          if (deleting) void remove.mutateAsync(deleting.id).finally(() => setDeleting(null));
        }}
      />
    </Stack>
  );
}
