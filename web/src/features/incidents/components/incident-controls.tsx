import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { formatDateTime } from '../../../lib/format';
import { ProblemError, problemKey } from '../../../lib/problem';
import { useDownloadReport, useIncidentStatus } from '../api/use-incident-room';
import type { IncidentDetail } from '../api/use-incidents';

/**
 * Closing and reopening, as the API allows them: coordinators and admins close an active incident
 * (its log and actions freeze); only an admin reopens a closed one (audited). The after-action
 * report (coordinators and admins) as PDF or JSON.
 */
export function IncidentControls({
  incident,
  coordinator,
  admin,
  language,
  timeZone,
}: {
  incident: IncidentDetail;
  coordinator: boolean;
  admin: boolean;
  language: string;
  timeZone: string;
}) {
  const { t } = useTranslation();
  const status = useIncidentStatus(incident.id);
  const report = useDownloadReport(incident.id);
  // What the dialog asks stays while it fades out, so its words do not flip to the other question.
  const [dialog, setDialog] = useState<{ to: 'close' | 'reopen'; opened: boolean }>({ to: 'close', opened: false });
  const asking = dialog.to;
  const setAsking = (to: 'close' | 'reopen' | null) => setDialog((current) => (to ? { to, opened: true } : { ...current, opened: false }));
  // Message keys, not words: a language switch translates an error on screen too.
  const [message, setMessage] = useState<string[] | null>(null);
  const problem = (error: unknown) => {
    if (error instanceof ProblemError) setMessage([problemKey(error.problem), `problems.status.${error.problem.status}`, 'problems.unknown']);
    else throw error;
  };
  const change = async () => {
    setMessage(null);
    try {
      await status.mutateAsync(asking);
    } catch (error) {
      problem(error);
    }
    setAsking(null);
  };
  const download = async (format: 'json' | 'pdf') => {
    setMessage(null);
    try {
      await report.mutateAsync(format);
    } catch (error) {
      problem(error);
    }
  };
  const closedAt = incident.closedAt ? formatDateTime(incident.closedAt, { language, timeZone }) : null;

  return (
    <Stack gap={6}>
      <Group gap="xs" wrap="wrap">
        {coordinator && incident.status === 'active' && (
          <Button color="red" variant="outline" onClick={() => setAsking('close')}>
            {t('incidents.closing.close')}
          </Button>
        )}
        {admin && incident.status === 'closed' && <Button onClick={() => setAsking('reopen')}>{t('incidents.closing.reopen')}</Button>}
        {coordinator && (
          <>
            <Button variant="default" onClick={() => void download('pdf')} loading={report.isPending && report.variables === 'pdf'}>
              {t('incidents.report.pdf')}
            </Button>
            <Button variant="default" onClick={() => void download('json')} loading={report.isPending && report.variables === 'json'}>
              {t('incidents.report.json')}
            </Button>
          </>
        )}
      </Group>
      {incident.status !== 'active' && (
        <Text size="sm" c="dark.4">
          {incident.status === 'archived' ? t('incidents.closing.archived') : admin ? t('incidents.closing.closedAdmin', { time: closedAt }) : t('incidents.closing.closed', { time: closedAt })}
        </Text>
      )}
      {message && (
        <Alert color="red" role="alert" py={6}>
          {t(message)}
        </Alert>
      )}
      <ConfirmDialog
        opened={dialog.opened}
        title={asking === 'reopen' ? t('incidents.closing.reopenTitle', { title: incident.title }) : t('incidents.closing.closeTitle', { title: incident.title })}
        consequence={asking === 'reopen' ? t('incidents.closing.reopenConsequence') : t('incidents.closing.closeConsequence')}
        confirmLabel={asking === 'reopen' ? t('incidents.closing.reopen') : t('incidents.closing.close')}
        onConfirm={() => void change()}
        onCancel={() => setAsking(null)}
        busy={status.isPending}
      />
    </Stack>
  );
}
