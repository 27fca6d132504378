import { Alert, Anchor, Button, Grid, Group, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useBlocker, useSearchParams } from 'react-router';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states';
import { ProblemError } from '../../../lib/problem';
import { hasAnyPermission, useMe } from '../../../lib/session';
import { useContentItem, useContentOutline, useDeleteItem, useMoveItem } from '../api/use-content';
import { ContentTree, type MoveRequest } from '../components/content-tree';
import { CreateItemDialog, MoveDialog } from '../components/create-item';
import { ItemEditor } from '../components/item-editor';
import { buildTree, isInSubtree, ROOT } from '../lib/tree-model';

export default function ContentPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canWrite = hasAnyPermission(me.data?.permissions, ['content.write']);
  // The tree from the outline (no bodies); the chosen item's body comes with its own request.
  const items = useContentOutline();
  const model = useMemo(() => buildTree(items.data ?? []), [items.data]);
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('item');
  const selected = selectedId ? model.byId.get(selectedId) : undefined;
  const full = useContentItem(selected ? selected.id : null);
  const [search, setSearch] = useState('');
  const [term] = useDebouncedValue(search.trim().toLocaleLowerCase(), 150);
  // A key, not a text: the message follows a change of language.
  const [notice, setNotice] = useState<{ ok: boolean; key: string; values?: Record<string, string> } | null>(null);
  const [creating, setCreating] = useState(false);
  const [moving, setMoving] = useState(false);
  const [deleting, setDeleting] = useState<number | null>(null);
  const [dirty, setDirty] = useState(false);
  const move = useMoveItem();
  const remove = useDeleteItem();

  // Unsaved changes are not lost by leaving: the router asks first, and so does the browser.
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname + currentLocation.search !== nextLocation.pathname + nextLocation.search);
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const { matches, expandIds } = useMemo(() => {
    if (!term) return { matches: null, expandIds: [] as string[] };
    const found = new Set<string>();
    const open = new Set<string>();
    for (const item of model.byId.values()) {
      if (!item.title.toLocaleLowerCase().includes(term)) continue;
      found.add(item.id);
      let parent = item.parentId;
      while (parent && !open.has(parent)) {
        open.add(parent);
        parent = model.byId.get(parent)?.parentId ?? null;
      }
    }
    return { matches: found, expandIds: [...open] };
  }, [term, model]);

  // The chosen item is always in sight: the folders above it open (after a create, a move, a deep link).
  const openIds = useMemo(() => {
    const open = new Set(expandIds);
    let parent = selectedId ? (model.byId.get(selectedId)?.parentId ?? null) : null;
    while (parent) {
      open.add(parent);
      parent = model.byId.get(parent)?.parentId ?? null;
    }
    return [...open];
  }, [expandIds, selectedId, model]);

  const select = useCallback((id: string) => setParams(id === ROOT ? {} : { item: id }), [setParams]);
  const refused = useCallback(() => setNotice((previous) => (previous?.key === 'content.tree.moveIntoItself' ? previous : { ok: false, key: 'content.tree.moveIntoItself' })), []);

  const doMove = useCallback(
    async (request: MoveRequest) => {
      if (isInSubtree(model, request.itemId, request.parentId)) {
        refused();
        return;
      }
      try {
        await move.mutateAsync(request);
        setNotice({ ok: true, key: 'content.tree.moved', values: { title: model.byId.get(request.itemId)?.title ?? '' } });
      } catch (error) {
        const problem = error instanceof ProblemError ? error.problem : undefined;
        setNotice({ ok: false, key: problem?.status === 409 ? 'content.tree.moveIntoItself' : `problems.status.${problem?.status ?? 0}` });
      }
    },
    [model, move, refused],
  );

  if (items.isPending) return <LoadingState />;
  if (items.isError) return <ErrorState error={items.error} onRetry={() => void items.refetch()} />;

  const siblings = selected ? (model.children.get(selected.parentId ?? ROOT) ?? []) : [];
  const index = selected ? siblings.indexOf(selected.id) : -1;
  const parentForNew = selected ? (selected.kind === 'folder' ? selected.id : selected.parentId) : null;

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1}>{t('content.title')}</Title>
        <Group gap="sm">
          <Anchor component={Link} to="/preview-as">
            {t('content.preview.open')}
          </Anchor>
          {canWrite && <Button onClick={() => setCreating(true)}>{t('content.create.open')}</Button>}
        </Group>
      </Group>
      {notice && (
        <Alert color={notice.ok ? 'green' : 'red'} role={notice.ok ? 'status' : 'alert'} withCloseButton closeButtonLabel={t('common.close')} onClose={() => setNotice(null)}>
          {t([notice.key, 'problems.unknown'], notice.values)}
        </Alert>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="sm">
            <TextInput type="search" label={t('content.tree.search')} value={search} onChange={(event) => setSearch(event.currentTarget.value)} />
            {matches && (
              <Text size="sm" role="status">
                {t('content.tree.matches', { count: matches.size })}
              </Text>
            )}
            {model.byId.size === 0 ? (
              <EmptyState message={t('content.tree.empty')} />
            ) : (
              <ContentTree model={model} selectedId={selectedId} matches={matches} expandIds={openIds} onSelect={select} onMove={(request) => void doMove(request)} onRefused={refused} />
            )}
            {canWrite && selected && (
              <Group gap="xs">
                <Button size="xs" variant="default" disabled={index <= 0} onClick={() => void doMove({ itemId: selected.id, parentId: selected.parentId, position: index - 1 })}>
                  {t('content.tree.moveUp')}
                </Button>
                <Button size="xs" variant="default" disabled={index < 0 || index >= siblings.length - 1} onClick={() => void doMove({ itemId: selected.id, parentId: selected.parentId, position: index + 1 })}>
                  {t('content.tree.moveDown')}
                </Button>
                <Button size="xs" variant="default" onClick={() => setMoving(true)}>
                  {t('content.move.open')}
                </Button>
              </Group>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          {/* The editor waits for the item at least as new as its row: a row showing "published" with an editor of the draft before would disagree, and be replaced under the user's hands a moment later. */}
          {selected && full.data?.id === selected.id && full.data.version >= selected.version ? (
            <ItemEditor key={`${full.data.id}:${full.data.version}`} item={full.data} model={model} canWrite={canWrite} onDirtyChange={setDirty} onDelete={setDeleting} onDone={(key) => setNotice({ ok: true, key })} />
          ) : selected && full.isError ? (
            <ErrorState error={full.error} onRetry={() => void full.refetch()} />
          ) : selected ? (
            <LoadingState />
          ) : (
            <EmptyState message={t('content.editor.none')} />
          )}
        </Grid.Col>
      </Grid>
      {creating && (
      <CreateItemDialog
        opened
        model={model}
        parentId={parentForNew}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          select(id);
        }}
      />
      )}
      {moving && (
      <MoveDialog
        opened
        model={model}
        itemId={selected?.id ?? null}
        onClose={() => setMoving(false)}
        onMove={(parentId, position) => {
          setMoving(false);
          if (selected) void doMove({ itemId: selected.id, parentId, position });
        }}
      />
      )}
      <ConfirmDialog
        opened={deleting !== null && selected !== undefined}
        title={t('content.tree.delete')}
        consequence={t('content.tree.deleteConsequence', { count: deleting ?? 0, title: selected?.title ?? '' })}
        confirmLabel={t('content.tree.deleteConfirm', { count: deleting ?? 0 })}
        busy={remove.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          const target = selected;
          setDeleting(null);
          if (!target) return;
          void remove.mutateAsync(target.id).then(
            () => {
              setDirty(false);
              setParams({});
              setNotice({ ok: true, key: 'content.tree.deleted', values: { title: target.title } });
            },
            () => setNotice({ ok: false, key: 'problems.unknown' }),
          );
        }}
      />
      <Modal opened={blocker.state === 'blocked'} onClose={() => blocker.reset?.()} title={t('content.editor.leaveTitle')} closeButtonProps={{ 'aria-label': t('common.close') }} centered>
        <Text mb="lg">{t('content.editor.leaveText')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => blocker.reset?.()}>
            {t('content.editor.stay')}
          </Button>
          <Button color="red" onClick={() => blocker.proceed?.()}>
            {t('content.editor.leave')}
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}
