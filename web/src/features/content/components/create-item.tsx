import { Alert, Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemError, problemKey } from '../../../lib/problem';
import { useCreateItem, type ContentItemCreate, type ContentKind } from '../api/use-content';
import { folderChoices, KINDS, pathOf, type TreeModel } from '../lib/tree-model';
import { emptyBody } from './body-editors';

/** A new draft item: kind, title, folder (and what its kind cannot be without). */
export function CreateItemDialog(props: { opened: boolean; model: TreeModel; parentId: string | null; onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ContentKind>('page');
  const [title, setTitle] = useState('');
  const [role, setRole] = useState('');
  const [url, setUrl] = useState('');
  const [parentId, setParentId] = useState<string | null>(props.parentId);
  const [message, setMessage] = useState<string | null>(null);
  const create = useCreateItem();
  const folders = folderChoices(props.model, null);

  const submit = async () => {
    setMessage(null);
    const body = { ...emptyBody(kind), ...(kind === 'task_card' ? { role: role.trim() } : {}), ...(kind === 'link' ? { url: url.trim() } : {}) };
    try {
      const created = await create.mutateAsync({ kind, title: title.trim(), parentId, body } as ContentItemCreate);
      setTitle('');
      setRole('');
      setUrl('');
      props.onCreated(created.id);
    } catch (error) {
      const problem = error instanceof ProblemError ? error.problem : undefined;
      const field = problem?.errors?.[0];
      setMessage(`${t([problemKey(problem), `problems.status.${problem?.status ?? 0}`, 'problems.unknown'])}${field ? ` (${field.pointer.replace(/^\/body\//, '')}: ${field.detail})` : ''}`);
    }
  };

  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('content.create.title')} closeButtonProps={{ 'aria-label': t('common.close') }} centered>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          {message && (
            <Alert color="red" role="alert">
              {message}
            </Alert>
          )}
          <Select label={t('content.create.kind')} allowDeselect={false} data={KINDS.map((k) => ({ value: k, label: t(`content.kind.${k}`) }))} value={kind} onChange={(value) => value && setKind(value)} />
          <TextInput label={t('content.editor.title')} required value={title} onChange={(event) => setTitle(event.currentTarget.value)} />
          {kind === 'task_card' && <TextInput label={t('content.editor.role')} required value={role} onChange={(event) => setRole(event.currentTarget.value)} />}
          {kind === 'link' && <TextInput label={t('content.editor.url')} description={t('content.editor.urlHint')} required type="url" value={url} onChange={(event) => setUrl(event.currentTarget.value)} />}
          <Select
            label={t('content.create.folder')}
            searchable
            clearable
            placeholder={t('content.create.top')}
            data={folders.map((folder) => ({ value: folder.id, label: pathOf(props.model, folder.id) }))}
            value={parentId}
            onChange={setParentId}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={title.trim() === ''}>
              {t('content.create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The keyboard- and screen-reader-friendly way to move: pick the folder, the place among its items. */
export function MoveDialog(props: { opened: boolean; model: TreeModel; itemId: string | null; onClose: () => void; onMove: (parentId: string | null, position: number) => void }) {
  const { t } = useTranslation();
  const [parentId, setParentId] = useState<string | null>(null);
  const folders = [...props.model.byId.values()].filter((item) => item.kind === 'folder' && item.id !== props.itemId);
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('content.move.title')} closeButtonProps={{ 'aria-label': t('common.close') }} centered>
      <Stack gap="sm">
        <Select
          label={t('content.move.folder')}
          searchable
          clearable
          placeholder={t('content.create.top')}
          data={folders.map((folder) => ({ value: folder.id, label: pathOf(props.model, folder.id) }))}
          value={parentId}
          onChange={setParentId}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => props.onMove(parentId, props.model.children.get(parentId ?? 'root')?.length ?? 0)}>{t('content.move.submit')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
