import { dragAndDropFeature, hotkeysCoreFeature, keyboardDragAndDropFeature, selectionFeature, syncDataLoaderFeature, type DragTarget, type ItemInstance, type TreeState } from '@headless-tree/core';
import { AssistiveTreeDescription, useTree } from '@headless-tree/react';
import { Badge, Box, Group, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutlineItem } from '../api/use-content';
import { isInSubtree, ROOT, unreachableReason, type TreeModel } from '../lib/tree-model';
import { KindIcon } from './kind-icon';

const ROW_HEIGHT = 34;
const INDENT = 20;

/** The invisible top of the tree, as headless-tree's data loader must give it. */
const ROOT_ITEM: OutlineItem = {
  id: ROOT,
  parentId: null,
  kind: 'folder',
  title: '',
  position: 0,
  status: 'published',
  audience: { everyone: false, groupIds: [], userIds: [] },
  unreachable: false,
  version: 1,
  updatedAt: '1970-01-01T00:00:00.000Z',
};

export interface MoveRequest {
  itemId: string;
  parentId: string | null;
  position: number;
}

/**
 * The admin's content tree: headless-tree gives the ARIA tree (roles, levels, focus, arrow keys,
 * type-ahead) and drag-and-drop with a keyboard mode (Ctrl+Shift+D, arrows, Enter); only the
 * visible rows are in the DOM (react-virtual), so 5,000 items open as fast as fifty.
 */
export function ContentTree(props: {
  model: TreeModel;
  selectedId: string | null;
  matches: ReadonlySet<string> | null;
  expandIds: readonly string[];
  onSelect: (id: string) => void;
  onMove: (move: MoveRequest) => void;
  onRefused: () => void;
}) {
  const { t } = useTranslation();
  const { model } = props;
  const modelRef = useRef(model);
  modelRef.current = model;
  const [state, setState] = useState<Partial<TreeState<OutlineItem | null>>>({ expandedItems: [], selectedItems: props.selectedId ? [props.selectedId] : [] });
  const refusedRef = useRef(props.onRefused);
  refusedRef.current = props.onRefused;
  const scrollRef = useRef<HTMLDivElement | null>(null);

  const tree = useTree<OutlineItem | null>({
    state,
    setState,
    rootItemId: ROOT,
    getItemName: (item) => item.getItemData()?.title ?? '',
    isItemFolder: (item) => item.getId() === ROOT || item.getItemData()?.kind === 'folder',
    dataLoader: {
      // Never null: headless-tree throws on a missing item, and it asks for the root's data too
      // (a folder dragged by mouse over its own subfolder walks up to the root).
      getItem: (id) => modelRef.current.byId.get(id) ?? { ...ROOT_ITEM, id },
      getChildren: (id) => modelRef.current.children.get(id) ?? [],
    },
    indent: INDENT,
    canReorder: true,
    // What is dragged is the row under the pointer, not whatever was selected before.
    draggedItemOverwritesSelection: true,
    canDrop: (items, target) => {
      const parentId = target.item.getId() === ROOT ? null : target.item.getId();
      if (items.some((item) => isInSubtree(modelRef.current, item.getId(), parentId))) {
        refusedRef.current();
        return false;
      }
      return true;
    },
    onDrop: (items, target: DragTarget<OutlineItem | null>) => {
      const dragged = items[0];
      if (!dragged) return;
      const parentId = target.item.getId() === ROOT ? null : target.item.getId();
      const siblings = (modelRef.current.children.get(target.item.getId()) ?? []).filter((id) => id !== dragged.getId());
      const position = 'insertionIndex' in target ? target.insertionIndex : siblings.length;
      props.onMove({ itemId: dragged.getId(), parentId, position });
    },
    onPrimaryAction: (item) => props.onSelect(item.getId()),
    scrollToItem: (item) => virtualizer.scrollToIndex(item.getItemMeta().index),
    features: [syncDataLoaderFeature, selectionFeature, hotkeysCoreFeature, dragAndDropFeature, keyboardDragAndDropFeature],
  });

  // A new answer from the API (after a move, a save, a delete) is a new tree to show.
  useEffect(() => tree.rebuildTree(), [model, tree]);

  useEffect(() => {
    setState((previous) => ({ ...previous, selectedItems: props.selectedId ? [props.selectedId] : [] }));
  }, [props.selectedId]);

  // Search opens the folders above every match.
  const expandKey = props.expandIds.join(',');
  useEffect(() => {
    if (expandKey === '') return;
    setState((previous) => ({ ...previous, expandedItems: [...new Set([...(previous.expandedItems ?? []), ...expandKey.split(',')])] }));
  }, [expandKey]);

  const items = tree.getItems();
  const virtualizer = useVirtualizer({ count: items.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const rows = virtualizer.getVirtualItems();

  return (
    <Box>
      <Box ref={scrollRef} style={{ height: 'min(60vh, 640px)', overflow: 'auto', border: '1px solid var(--mantine-color-gray-4)', borderRadius: 4 }}>
        {/* Only tree items inside role=tree: the drag line and the spoken drag state sit beside it. */}
        <div style={{ position: 'relative', height: virtualizer.getTotalSize() }}>
          <div {...tree.getContainerProps(t('content.tree.label'))} style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {rows.map((row) => {
              const item = items[row.index];
              if (!item) return null;
              return <TreeRow key={item.getId()} item={item} top={row.start} model={model} selected={item.getId() === props.selectedId} match={props.matches?.has(item.getId()) ?? false} />;
            })}
          </div>
          <div style={{ ...tree.getDragLineStyle(), height: 2, background: 'var(--mantine-color-blue-7)' }} />
        </div>
      </Box>
      <AssistiveTreeDescription tree={tree} />
      <VisuallyHidden>{t('content.tree.keyboardHelp')}</VisuallyHidden>
    </Box>
  );
}

function TreeRow({ item, top, model, selected, match }: { item: ItemInstance<OutlineItem | null>; top: number; model: TreeModel; selected: boolean; match: boolean }) {
  const { t } = useTranslation();
  const data = item.getItemData();
  if (!data) return null;
  const reason = unreachableReason(model, data);
  const level = item.getItemMeta().level;
  const dropInto = item.isDragTarget() && !item.isDragTargetAbove() && !item.isDragTargetBelow();
  return (
    <UnstyledButton
      {...item.getProps()}
      // The row's name says what the eye sees at a glance: kind, title, state, and the flag.
      aria-label={[`${t(`content.kind.${data.kind}`)}: ${data.title}`, t(`content.status.${data.status}`), reason ? t('content.unreachable.flag') : null].filter(Boolean).join(', ')}
      aria-current={selected ? 'true' : undefined}
      style={{
        position: 'absolute',
        top: 0,
        left: 0,
        width: '100%',
        height: ROW_HEIGHT,
        transform: `translateY(${top}px)`,
        paddingLeft: 8 + level * INDENT,
        paddingRight: 8,
        background: selected ? 'var(--mantine-color-blue-1)' : dropInto ? 'var(--mantine-color-yellow-1)' : match ? 'var(--mantine-color-yellow-0)' : undefined,
        outline: item.isFocused() ? '2px solid var(--mantine-color-blue-7)' : undefined,
        outlineOffset: -2,
      }}
    >
      <Group gap={6} wrap="nowrap" h="100%">
        <Text component="span" w={14} aria-hidden="true" c="gray.8" size="sm">
          {data.kind === 'folder' ? (item.isExpanded() ? '▾' : '▸') : ''}
        </Text>
        <KindIcon kind={data.kind} />
        <Text component="span" size="sm" truncate fw={match ? 700 : undefined}>
          {data.title}
        </Text>
        <Badge size="xs" variant={data.status === 'published' ? 'filled' : 'outline'} color={data.status === 'published' ? '#1b5e20' : 'gray.8'} style={{ flexShrink: 0 }}>
          {t(`content.status.${data.status}`)}
        </Badge>
        {reason && (
          <Badge size="xs" color="red.9" variant="filled" style={{ flexShrink: 0 }} title={t(`content.unreachable.${reason}`)}>
            {t('content.unreachable.flag')}
          </Badge>
        )}
      </Group>
    </UnstyledButton>
  );
}
