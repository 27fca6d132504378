import { Alert, Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { ErrorState, LoadingState } from '../../../components/states';
import { formatDateTime } from '../../../lib/format';
import { downloadUserExport } from '../api/download';
import { useContact, useEraseContact, useEraseUser, useTimeZone, useUser, useUserExport } from '../api/use-privacy';
import { CategoryTable } from '../components/category-table';

function EraseSection({ name, type, onErase, busy, error }: { name: string; type: 'user' | 'contact'; onErase: () => void; busy: boolean; error: unknown }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  return (
    <Stack gap="xs" align="flex-start">
      <Title order={2}>{t('privacy.erase.heading')}</Title>
      <Text maw={720}>{t(`privacy.erase.explain.${type}`)}</Text>
      {error !== null && <ErrorState error={error} />}
      <Button color="red" onClick={() => setAsking(true)}>
        {t('privacy.erase.button', { name })}
      </Button>
      <ConfirmDialog
        opened={asking}
        title={t('privacy.erase.confirmTitle', { name })}
        consequence={t(`privacy.erase.consequence.${type}`, { name })}
        confirmLabel={t('privacy.erase.confirm', { name })}
        busy={busy}
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          onErase();
        }}
      />
    </Stack>
  );
}

function UserPerson({ userId }: { userId: string }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const user = useUser(userId);
  const held = useUserExport(userId);
  const timeZone = useTimeZone();
  const erase = useEraseUser();
  const [downloading, setDownloading] = useState<'json' | 'xlsx' | null>(null);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  if (user.isPending) return <LoadingState />;
  if (user.isError) return <ErrorState error={user.error} onRetry={() => void user.refetch()} />;
  const download = async (format: 'json' | 'xlsx') => {
    setDownloading(format);
    setDownloadError(null);
    try {
      await downloadUserExport(userId, format);
    } catch (error) {
      setDownloadError(error);
    } finally {
      setDownloading(null);
    }
  };
  return (
    <Stack gap="lg">
      <Title order={1}>{user.data.name}</Title>
      <Text>
        {t('privacy.person.kinds.user')} · {user.data.email}
      </Text>
      <Stack gap="xs" align="flex-start">
        <Title order={2}>{t('privacy.person.heldTitle')}</Title>
        <Text maw={720}>{t('privacy.person.heldIntro')}</Text>
        <Group>
          <Button variant="default" loading={downloading === 'json'} onClick={() => void download('json')}>
            {t('privacy.person.downloadJson')}
          </Button>
          <Button variant="default" loading={downloading === 'xlsx'} onClick={() => void download('xlsx')}>
            {t('privacy.person.downloadXlsx')}
          </Button>
        </Group>
        {downloadError !== null && <ErrorState error={downloadError} />}
        <Anchor component={Link} to={`/privacy/audit?subjectId=${userId}`}>
          {t('privacy.person.auditLink')}
        </Anchor>
        <Anchor component={Link} to={`/people/${userId}`}>
          {t('privacy.person.correctLink')}
        </Anchor>
      </Stack>
      {held.isPending ? (
        <LoadingState />
      ) : held.isError ? (
        <ErrorState error={held.error} onRetry={() => void held.refetch()} />
      ) : (
        <Stack gap="lg">
          <Text c="dimmed" size="sm">
            {t('privacy.person.exportedAt', { when: formatDateTime(held.data.exportedAt, { language: i18n.language, timeZone }) })}
          </Text>
          {Object.entries(held.data.data).map(([category, rows]) => (
            <CategoryTable key={category} category={category} rows={rows as Record<string, unknown>[]} />
          ))}
        </Stack>
      )}
      <EraseSection
        name={user.data.name}
        type="user"
        busy={erase.isPending}
        error={erase.error}
        onErase={() => erase.mutate(userId, { onSuccess: () => void navigate('/privacy/erasures', { state: { erased: user.data.name } }) })}
      />
    </Stack>
  );
}

function ContactPerson({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const contact = useContact(contactId);
  const erase = useEraseContact();
  if (contact.isPending) return <LoadingState />;
  if (contact.isError) return <ErrorState error={contact.error} onRetry={() => void contact.refetch()} />;
  const { id: _id, ...record } = contact.data;
  return (
    <Stack gap="lg">
      <Title order={1}>{contact.data.name}</Title>
      <Text>
        {t('privacy.person.kinds.contact')} · {contact.data.organisation ?? '—'}
      </Text>
      <Stack gap="xs">
        <Title order={2}>{t('privacy.person.heldTitle')}</Title>
        <Text maw={720}>{t('privacy.person.heldContact')}</Text>
        <CategoryTable category="contact" rows={[record]} />
      </Stack>
      <EraseSection
        name={contact.data.name}
        type="contact"
        busy={erase.isPending}
        error={erase.error}
        onErase={() => erase.mutate(contactId, { onSuccess: () => void navigate('/privacy/erasures', { state: { erased: contact.data.name } }) })}
      />
    </Stack>
  );
}

export default function PersonPage() {
  const { t } = useTranslation();
  const { type, id } = useParams();
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/privacy/requests">
        ← {t('privacy.person.back')}
      </Anchor>
      {type === 'user' && id ? (
        <UserPerson userId={id} />
      ) : type === 'contact' && id ? (
        <ContactPerson contactId={id} />
      ) : (
        <Alert color="red">{t('problems.not-found')}</Alert>
      )}
    </Stack>
  );
}
