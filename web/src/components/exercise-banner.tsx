import { Box, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Marks every screen an exercise touches: OEFENING / EXERCISE. */
export function ExerciseBanner() {
  const { t } = useTranslation();
  return (
    <Box bg="yellow.4" c="black" py={6} px="md" role="note" aria-label={t('common.exercise')}>
      <Text fw={800} ta="center" tt="uppercase" lts={2}>
        {t('common.exercise')}
      </Text>
    </Box>
  );
}
