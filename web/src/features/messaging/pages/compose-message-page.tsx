import { Alert, Anchor, Button, Checkbox, Group, MultiSelect, Paper, SegmentedControl, Select, Stack, TagsInput, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { applyProblem } from '../../../lib/form';
import { zonedToIso, zoneLabel } from '../../../lib/format';
import { ProblemError } from '../../../lib/problem';
import { hasAnyPermission, useMe, useTimeZone } from '../../../lib/session';
import { useGroupsToReach, useMessageTemplates, useReach, useSendMessage, useUsersToReach, type Audience, type MessageTemplate, type Placeholder } from '../api/use-messages';

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
  const templates = useMessageTemplates();
  const [template, setTemplate] = useState<MessageTemplate | null>(null);
  const [placeholders, setPlaceholders] = useState<Partial<Record<Placeholder, string>>>({});
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

  // Prefills the form from the template; its goal and waves come along when sending from it.
  const pick = (id: string | null) => {
    const chosen = templates.data?.items.find((item) => item.id === id) ?? null;
    setTemplate(chosen);
    setPlaceholders({});
    if (chosen) {
      form.setValues({ title: chosen.title, body: chosen.body, urgent: chosen.priority === 'urgent', callUp: chosen.answerOptions.length > 0, answerOptions: chosen.answerOptions });
    }
  };

  const submit = form.onSubmit(async (input) => {
    setMessage(null);
    const sameOptions = template !== null && input.callUp === template.answerOptions.length > 0 && input.answerOptions.join('\n') === template.answerOptions.join('\n');
    try {
      const sent = await send.mutateAsync({
        // From a template only what was changed is sent: the rest, placeholders filled in, is the template's.
        ...(template ? { templateId: template.id, placeholders } : {}),
        ...(template?.title !== input.title.trim() ? { title: input.title.trim() } : {}),
        ...(template?.body !== input.body.trim() ? { body: input.body.trim() } : {}),
        format: template?.format ?? 'plain',
        priority: input.urgent ? 'urgent' : 'normal',
        ...(sameOptions ? {} : input.callUp ? { answerOptions: input.answerOptions } : { answerOptions: [], goal: null, waves: [] }),
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
          {templates.data && templates.data.items.length > 0 && (
            <Select
              label={t('messages.templates.pick')}
              description={t('messages.templates.pickHint')}
              placeholder={t('messages.templates.none')}
              clearable
              data={templates.data.items.map((item) => ({ value: item.id, label: item.name }))}
              value={template?.id ?? null}
              onChange={pick}
            />
          )}
          {templates.data && templates.data.items.length === 0 && (
            <Text size="sm">
              <Anchor component={Link} to="/messages/templates">
                {t('messages.templates.manage')}
              </Anchor>
            </Text>
          )}
          {template && template.placeholders.length > 0 && (
            <Paper withBorder p="sm">
              <Stack gap="xs">
                <Text fw={600}>{t('messages.templates.values')}</Text>
                {template.placeholders.map((name) => (
                  <TextInput
                    key={name}
                    label={t(`messages.templates.placeholder.${name.replace('.', '_')}`)}
                    description={`{{${name}}}`}
                    required
                    maxLength={300}
                    value={placeholders[name] ?? ''}
                    onChange={(event) => {
                      const value = event.currentTarget.value;
                      setPlaceholders((current) => ({ ...current, [name]: value }));
                    }}
                  />
                ))}
              </Stack>
            </Paper>
          )}
          {template && (template.goal !== null || template.waves.length > 0) && (
            <Alert color="blue" role="note">
              {t('messages.templates.brings', { count: template.waves.length, goal: template.goal ? `${template.goal.count} × ${template.goal.option}` : '—' })}
            </Alert>
          )}
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
