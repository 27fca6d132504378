import { Alert, Button, Checkbox, Group, MultiSelect, Paper, SegmentedControl, Stack, TagsInput, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { applyProblem } from '../../../lib/form';
import { zonedToIso, zoneLabel } from '../../../lib/format';
import { ProblemError } from '../../../lib/problem';
import { hasAnyPermission, useMe, useTimeZone } from '../../../lib/session';
import { useGroupsToReach, useReach, useSendMessage, useUsersToReach, type Audience } from '../api/use-messages';

type When = 'now' | 'later';

export default function ComposeMessagePage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  // A scheduled time is the organisation's wall clock, wherever the admin's browser is.
  const timeZone = useTimeZone();
  const permissions = me.data?.permissions;
  const groups = useGroupsToReach(hasAnyPermission(permissions, ['groups.read']));
  const [userSearch, setUserSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(userSearch, 250);
  const users = useUsersToReach(debouncedSearch, hasAnyPermission(permissions, ['users.read']));
  const send = useSendMessage();
  const [message, setMessage] = useState<string | null>(null);
  // Names of chosen people stay known when a later search no longer lists them.
  const [knownUsers, setKnownUsers] = useState<Record<string, string>>({});
  const form = useForm({
    initialValues: {
      title: '',
      body: '',
      urgent: false,
      callUp: false,
      answerOptions: [] as string[],
      everyone: false,
      groupIds: [] as string[],
      userIds: [] as string[],
      when: 'now' as When,
      scheduledAt: '',
    },
    validate: {
      title: (value) => (value.trim() ? null : t('messages.required')),
      body: (value) => (value.trim() ? null : t('messages.required')),
      answerOptions: (value, values) => (values.callUp && value.length < 2 ? t('messages.optionsNeeded') : null),
      scheduledAt: (value, values) => (values.when === 'later' && !value ? t('messages.required') : null),
    },
  });
  const values = form.values;
  const audience: Audience = useMemo(
    () => (form.values.everyone ? { everyone: true } : { everyone: false, groupIds: form.values.groupIds, userIds: form.values.userIds }),
    [form.values.everyone, form.values.groupIds, form.values.userIds],
  );
  const [debouncedAudience] = useDebouncedValue(audience, 200);
  const reach = useReach(debouncedAudience);
  const nobody = !form.values.everyone && form.values.groupIds.length === 0 && form.values.userIds.length === 0;

  const userOptions = useMemo(() => {
    const listed = new Map(Object.entries(knownUsers));
    for (const user of users.data?.items ?? []) listed.set(user.id, `${user.name} (${user.email})`);
    return [...listed.entries()].map(([value, label]) => ({ value, label }));
  }, [users.data, knownUsers]);

  const submit = form.onSubmit(async (input) => {
    setMessage(null);
    try {
      const sent = await send.mutateAsync({
        title: input.title.trim(),
        body: input.body.trim(),
        format: 'plain',
        priority: input.urgent ? 'urgent' : 'normal',
        ...(input.callUp ? { answerOptions: input.answerOptions } : {}),
        audience: input.everyone ? { everyone: true } : { everyone: false, groupIds: input.groupIds, userIds: input.userIds },
        ...(input.when === 'later' && input.scheduledAt ? { scheduledAt: zonedToIso(input.scheduledAt, timeZone) } : {}),
      });
      void navigate(`/messages/${sent.id}`);
    } catch (error) {
      if (error instanceof ProblemError) setMessage(applyProblem(form, error.problem, t));
      else throw error;
    }
  });

  return (
    <Stack gap="md" maw={720}>
      <Title order={1}>{t('messages.composeTitle')}</Title>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label={t('messages.fields.title')} required maxLength={120} {...form.getInputProps('title')} />
          <Textarea label={t('messages.fields.body')} required autosize minRows={3} maxLength={4000} {...form.getInputProps('body')} />
          <Checkbox label={t('messages.fields.urgent')} {...form.getInputProps('urgent', { type: 'checkbox' })} />
          <Checkbox label={t('messages.fields.callUp')} description={t('messages.callUpHint')} {...form.getInputProps('callUp', { type: 'checkbox' })} />
          {values.callUp && (
            <TagsInput
              label={t('messages.fields.answerOptions')}
              description={t('messages.answerOptionsHint')}
              maxTags={10}
              {...form.getInputProps('answerOptions')}
            />
          )}
          <Paper withBorder p="sm">
            <Stack gap="xs">
              <Text fw={600} id="audience-heading">
                {t('messages.audience')}
              </Text>
              <Checkbox label={t('messages.fields.everyone')} {...form.getInputProps('everyone', { type: 'checkbox' })} />
              {!values.everyone && (
                <>
                  {groups.data && (
                    <MultiSelect
                      label={t('messages.fields.groups')}
                      searchable
                      data={groups.data.items.map((group) => ({ value: group.id, label: group.name }))}
                      {...form.getInputProps('groupIds')}
                    />
                  )}
                  {users.data && (
                    <MultiSelect
                      label={t('messages.fields.users')}
                      searchable
                      searchValue={userSearch}
                      onSearchChange={setUserSearch}
                      filter={({ options }) => options}
                      data={userOptions}
                      {...form.getInputProps('userIds')}
                      onChange={(ids) => {
                        form.setFieldValue('userIds', ids);
                        setKnownUsers(Object.fromEntries(ids.map((id) => [id, userOptions.find((option) => option.value === id)?.label ?? id])));
                      }}
                    />
                  )}
                </>
              )}
              <Text role="status" aria-live="polite" fw={600}>
                {nobody
                  ? t('messages.reachNone')
                  : reach.isError
                    ? t('messages.reachUnknown')
                    : reach.data
                      ? t('messages.reach', { people: reach.data.people, devices: reach.data.devices })
                      : t('messages.reachCounting')}
              </Text>
            </Stack>
          </Paper>
          <SegmentedControl
            aria-label={t('messages.fields.when')}
            data={[
              { value: 'now', label: t('messages.sendNow') },
              { value: 'later', label: t('messages.sendLater') },
            ]}
            {...form.getInputProps('when')}
          />
          {values.when === 'later' && (
            <TextInput type="datetime-local" label={t('messages.fields.scheduledAt')} description={t('messages.scheduledHint', { zone: zoneLabel(timeZone, i18n.language) })} required {...form.getInputProps('scheduledAt')} />
          )}
          {message && (
            <Alert color="red" role="alert">
              {message}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={send.isPending} disabled={nobody || reach.data?.people === 0}>
              {values.when === 'later' ? t('messages.schedule') : t('messages.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
