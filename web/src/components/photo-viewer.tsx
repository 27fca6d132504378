import { Modal, Stack, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { ProtectedFileLink, ProtectedImage } from './protected-file';

/** A thumbnail that opens the larger rendition in a dialog, with the original to download. */
export function PhotoWithViewer({ thumb, display, original, name }: { thumb: string | null | undefined; display: string | null | undefined; original: string | null | undefined; name: string }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <UnstyledButton onClick={open} aria-label={t('common.openPhoto', { name })}>
        <ProtectedImage src={thumb ?? display} fallbackSrc={original} alt={name} h={96} w="auto" radius="sm" />
      </UnstyledButton>
      <Modal opened={opened} onClose={close} title={name} size="xl" closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Stack gap="sm">
          <ProtectedImage src={display ?? original} fallbackSrc={original} alt={name} fit="contain" mah="70vh" />
          <ProtectedFileLink href={original} label={t('common.downloadOriginal')} fileName={name} />
        </Stack>
      </Modal>
    </>
  );
}
