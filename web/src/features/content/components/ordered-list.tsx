import { ActionIcon, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Up, down and remove for one entry of an ordered list (checklist steps, contact-list entries). */
export function OrderControls(props: { index: number; count: number; name: string; onMove: (from: number, to: number) => void; onRemove: () => void }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <ActionIcon variant="default" disabled={props.index === 0} onClick={() => props.onMove(props.index, props.index - 1)} aria-label={t('content.editor.moveUpOf', { name: props.name })}>
        <span aria-hidden="true">↑</span>
      </ActionIcon>
      <ActionIcon variant="default" disabled={props.index === props.count - 1} onClick={() => props.onMove(props.index, props.index + 1)} aria-label={t('content.editor.moveDownOf', { name: props.name })}>
        <span aria-hidden="true">↓</span>
      </ActionIcon>
      <ActionIcon variant="default" color="red" onClick={props.onRemove} aria-label={t('content.editor.removeOf', { name: props.name })}>
        <span aria-hidden="true">×</span>
      </ActionIcon>
    </Group>
  );
}

export function moveEntry<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [entry] = next.splice(from, 1);
  if (entry !== undefined) next.splice(to, 0, entry);
  return next;
}
