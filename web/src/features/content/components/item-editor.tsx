import { Alert, Badge, Button, Group, Paper, Stack, Tabs, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemError, problemKey } from '../../../lib/problem';
import { usePublication, useUpdateItem, type ContentItem, type ContentItemUpdate } from '../api/use-content';
import { subtreeSize, type TreeModel } from '../lib/tree-model';
import { AudienceEditor } from './audience-editor';
import { ContactListEditor, DocumentEditor, FolderEditor, LinkEditor, PageEditor, ScenarioEditor, TaskCardEditor, type Body } from './body-editors';

const HTTP_URL = /^https?:\/\/\S+$/i;

/** The editor of one item: its kind's fields, save as draft, publish/unpublish, its audience. */
export function ItemEditor(props: { item: ContentItem; model: TreeModel; canWrite: boolean; onDirtyChange: (dirty: boolean) => void; onDelete: (count: number) => void; onDone: (messageKey: string) => void }) {
  const { t } = useTranslation();
  const { item, model, canWrite } = props;
  const [title, setTitle] = useState(item.title);
  const [body, setBody] = useState<Body>(item.body);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [urlError, setUrlError] = useState<string | undefined>(undefined);
  const update = useUpdateItem(item.id);
  const publication = usePublication(item.id);
  const dirty = title !== item.title || JSON.stringify(body) !== JSON.stringify(item.body);
  const { onDirtyChange } = props;
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);
  useEffect(() => () => onDirtyChange(false), [onDirtyChange]);

  const fail = (error: unknown) => {
    const problem = error instanceof ProblemError ? error.problem : undefined;
    const field = problem?.errors?.[0];
    setMessage({ ok: false, text: `${t([problemKey(problem), `problems.status.${problem?.status ?? 0}`, 'problems.unknown'])}${field ? ` (${field.pointer.replace(/^\/body\//, '')}: ${field.detail})` : ''}` });
  };

  const saveDraft = async (): Promise<boolean> => {
    setMessage(null);
    if (item.kind === 'link' && !HTTP_URL.test(typeof body.url === 'string' ? body.url : '')) {
      setUrlError(t('content.editor.urlInvalid'));
      return false;
    }
    setUrlError(undefined);
    if (!dirty) return true;
    const change: ContentItemUpdate = { title: title.trim(), body };
    try {
      await update.mutateAsync(change);
      props.onDone('content.editor.savedDraft');
      return true;
    } catch (error) {
      fail(error);
      return false;
    }
  };

  const setPublished = async (publish: boolean) => {
    if (publish && !(await saveDraft())) return;
    try {
      await publication.mutateAsync(publish);
      props.onDone(publish ? 'content.editor.publishedDone' : 'content.editor.unpublishedDone');
    } catch (error) {
      fail(error);
    }
  };

  const editors: Record<ContentItem['kind'], React.ReactNode> = {
    folder: <FolderEditor body={body} onChange={setBody} />,
    page: <PageEditor body={body} onChange={setBody} />,
    scenario: <ScenarioEditor body={body} onChange={setBody} model={model} />,
    task_card: <TaskCardEditor body={body} onChange={setBody} />,
    contact_list: <ContactListEditor body={body} onChange={setBody} />,
    document: <DocumentEditor body={body} onChange={setBody} />,
    link: <LinkEditor body={body} onChange={setBody} error={urlError} />,
  };

  return (
    <Paper withBorder p="md">
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap">
          <Group gap="xs">
            <Title order={2} size="h3">
              {item.title}
            </Title>
            <Badge variant="outline" color="gray.8">
              {t(`content.kind.${item.kind}`)}
            </Badge>
            <Badge color={item.status === 'published' ? '#1b5e20' : 'gray.8'} variant={item.status === 'published' ? 'filled' : 'outline'}>
              {t(`content.status.${item.status}`)}
            </Badge>
            {dirty && (
              <Badge color="#9a3412" variant="outline">
                {t('content.editor.unsaved')}
              </Badge>
            )}
          </Group>
          {canWrite && (
            <Button color="red.9" variant="outline" onClick={() => props.onDelete(subtreeSize(model, item.id))}>
              {t('content.tree.delete')}
            </Button>
          )}
        </Group>
        <Tabs defaultValue="content" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="content">{t('content.editor.tab')}</Tabs.Tab>
            <Tabs.Tab value="audience">{t('content.audience.tab')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="content" pt="md">
            <Stack gap="md">
              <TextInput label={t('content.editor.title')} required value={title} onChange={(event) => setTitle(event.currentTarget.value)} disabled={!canWrite} maw={560} />
              {editors[item.kind]}
              {message && (
                <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'}>
                  {message.text}
                </Alert>
              )}
              {canWrite && (
                <Group>
                  <Button variant="default" onClick={() => void saveDraft()} loading={update.isPending} disabled={!dirty}>
                    {t('content.editor.saveDraft')}
                  </Button>
                  {item.status === 'draft' || dirty ? (
                    <Button onClick={() => void setPublished(true)} loading={publication.isPending}>
                      {t('content.editor.publish')}
                    </Button>
                  ) : (
                    <Button variant="default" onClick={() => void setPublished(false)} loading={publication.isPending}>
                      {t('content.editor.unpublish')}
                    </Button>
                  )}
                </Group>
              )}
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="audience" pt="md">
            <AudienceEditor key={item.version} item={item} model={model} canWrite={canWrite} />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </Paper>
  );
}
