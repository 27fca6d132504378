import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Message } from '../api/use-messages';

const COLOURS = { scheduled: 'blue', sent: 'green', cancelled: 'gray' } as const;

/** Kind (message or call-up), status and urgency as badges with words, not colour alone. */
export function MessageBadges({ message }: { message: Message }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="wrap">
      <Badge variant="light" color="gray">
        {t(`messages.kind.${message.kind}`)}
      </Badge>
      <Badge variant="dot" color={COLOURS[message.status]}>
        {t(`messages.status.${message.status}`)}
      </Badge>
      {message.priority === 'urgent' && (
        <Badge variant="filled" color="red">
          {t('messages.urgent')}
        </Badge>
      )}
    </Group>
  );
}
