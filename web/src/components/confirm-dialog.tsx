import { Button, Group, Modal, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Asks before anything destructive, saying what goes. */
export function ConfirmDialog(props: {
  opened: boolean;
  title: string;
  consequence: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={props.opened} onClose={props.onCancel} title={props.title} centered>
      <Text mb="lg">{props.consequence}</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onCancel}>
          {t('common.cancel')}
        </Button>
        <Button color="red" onClick={props.onConfirm} loading={props.busy ?? false}>
          {props.confirmLabel}
        </Button>
      </Group>
    </Modal>
  );
}
