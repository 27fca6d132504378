import { Alert, Button, Checkbox, Divider, Group, MultiSelect, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemError, problemKey } from '../../../lib/problem';
import { useGroupSearch, useSetAudience, useUserSearch, useUsersByIds, type ContentItem } from '../api/use-content';
import { unreachableReason, type TreeModel } from '../lib/tree-model';
import { ReachPanel } from './reach-panel';

/** Everyone, groups and/or users, with pickers that search; says who sees the item and why not. */
export function AudienceEditor({ item, model, canWrite }: { item: ContentItem; model: TreeModel; canWrite: boolean }) {
  const { t } = useTranslation();
  const [everyone, setEveryone] = useState(item.audience.everyone);
  const [groupIds, setGroupIds] = useState<string[]>(item.audience.groupIds);
  const [userIds, setUserIds] = useState<string[]>(item.audience.userIds);
  const [groupSearch, setGroupSearch] = useState('');
  const [userSearch, setUserSearch] = useState('');
  const [groupTerm] = useDebouncedValue(groupSearch, 200);
  const [userTerm] = useDebouncedValue(userSearch, 200);
  const groups = useGroupSearch(groupTerm);
  const allGroups = useGroupSearch('');
  const users = useUserSearch(userTerm);
  const chosenUsers = useUsersByIds(userIds);
  const save = useSetAudience(item.id);
  const [message, setMessage] = useState<{ ok: boolean; keys: string[] } | null>(null);
  const reason = unreachableReason(model, item);

  const groupOptions = new Map<string, string>();
  for (const group of [...(allGroups.data?.items ?? []), ...(groups.data?.items ?? [])]) groupOptions.set(group.id, group.name);
  const userOptions = new Map<string, string>();
  for (const user of [...(chosenUsers.data ?? []), ...(users.data?.items ?? [])]) userOptions.set(user.id, `${user.name} (${user.email})`);
  const dirty = everyone !== item.audience.everyone || groupIds.join() !== item.audience.groupIds.join() || userIds.join() !== item.audience.userIds.join();

  const summary = everyone ? t('content.audience.summaryEveryone') : groupIds.length === 0 && userIds.length === 0 ? t('content.audience.summaryNobody') : t('content.audience.summary', { groups: groupIds.length, users: userIds.length });

  return (
    <Stack gap="sm">
      {reason && (
        <Alert color="red" role="status" title={t('content.unreachable.title')}>
          {t(`content.unreachable.${reason}`)} {t(`content.unreachable.fix.${reason}`)}
        </Alert>
      )}
      <Text size="sm">{summary}</Text>
      <Checkbox label={t('content.audience.everyone')} checked={everyone} disabled={!canWrite} onChange={(event) => setEveryone(event.currentTarget.checked)} />
      <MultiSelect
        label={t('content.audience.groups')}
        placeholder={t('content.editor.searchHint')}
        searchable
        disabled={!canWrite || everyone}
        searchValue={groupSearch}
        onSearchChange={setGroupSearch}
        filter={({ options }) => options}
        data={[...new Set([...groupIds, ...(groups.data?.items ?? []).map((g) => g.id)])].map((id) => ({ value: id, label: groupOptions.get(id) ?? id }))}
        value={groupIds}
        onChange={setGroupIds}
        nothingFoundMessage={t('content.editor.nothingFound')}
      />
      <MultiSelect
        label={t('content.audience.users')}
        placeholder={t('content.editor.searchHint')}
        searchable
        disabled={!canWrite || everyone}
        searchValue={userSearch}
        onSearchChange={setUserSearch}
        filter={({ options }) => options}
        data={[...new Set([...userIds, ...(users.data?.items ?? []).map((u) => u.id)])].map((id) => ({ value: id, label: userOptions.get(id) ?? id }))}
        value={userIds}
        onChange={setUserIds}
        nothingFoundMessage={t('content.editor.nothingFound')}
      />
      {message && (
        <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'}>
          {t(message.keys)}
        </Alert>
      )}
      {canWrite && (
        <Group>
          <Button
            disabled={!dirty}
            loading={save.isPending}
            onClick={() => {
              setMessage(null);
              save.mutateAsync({ everyone, groupIds: everyone ? [] : groupIds, userIds: everyone ? [] : userIds }).then(
                () => setMessage({ ok: true, keys: ['content.audience.saved'] }),
                (error: unknown) => {
                  const problem = error instanceof ProblemError ? error.problem : undefined;
                  setMessage({ ok: false, keys: [problemKey(problem), `problems.status.${problem?.status ?? 0}`, 'problems.unknown'] });
                },
              );
            }}
          >
            {t('content.audience.save')}
          </Button>
        </Group>
      )}
      {/* Names people: for those who edit content only, as the API decides. */}
      {canWrite && (
        <>
          <Divider />
          <ReachPanel item={item} />
        </>
      )}
    </Stack>
  );
}
