import { Button, Card, Group, MultiSelect, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api';
import { unwrap } from '../../../lib/problem';
import { useContacts, useMedia, useUserSearch, type ContentItem } from '../api/use-content';
import type { TreeModel } from '../lib/tree-model';
import { MarkdownField } from './markdown-field';
import { moveEntry, OrderControls } from './ordered-list';
import { UploadButton } from './upload-button';

export type Body = Record<string, unknown>;
type Change = (body: Body) => void;

interface Level {
  level: number;
  name: string;
  description: string | null;
}
interface Entry {
  contactId?: string;
  userId?: string;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const list = <T,>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

export function FolderEditor({ body, onChange }: { body: Body; onChange: Change }) {
  const { t } = useTranslation();
  return <TextInput label={t('content.editor.icon')} description={t('content.editor.iconHint')} value={text(body.icon)} onChange={(event) => onChange({ icon: event.currentTarget.value || null })} maw={320} />;
}

export function PageEditor({ body, onChange }: { body: Body; onChange: Change }) {
  const { t } = useTranslation();
  return <MarkdownField label={t('content.editor.markdown')} value={text(body.markdown)} onChange={(markdown) => onChange({ markdown })} />;
}

export function ScenarioEditor({ body, onChange, model }: { body: Body; onChange: Change; model: TreeModel }) {
  const { t } = useTranslation();
  const levels = list<Level>(body.escalationLevels);
  const taskCards = [...model.byId.values()].filter((item) => item.kind === 'task_card');
  const set = (patch: Body) => onChange({ ...body, ...patch });
  return (
    <Stack gap="md">
      <MarkdownField label={t('content.editor.description')} value={text(body.description)} onChange={(description) => set({ description })} />
      <Stack gap="xs">
        <Text fw={500} size="sm">
          {t('content.editor.levels')}
        </Text>
        {levels.map((level, index) => (
          <Group key={index} align="flex-end" wrap="wrap" gap="xs">
            <NumberInput label={t('content.editor.levelNumber')} min={0} max={9} w={90} value={level.level} onChange={(value) => set({ escalationLevels: levels.map((l, i) => (i === index ? { ...l, level: Number(value) || 0 } : l)) })} />
            <TextInput label={t('content.editor.levelName')} value={level.name} onChange={(event) => set({ escalationLevels: levels.map((l, i) => (i === index ? { ...l, name: event.currentTarget.value } : l)) })} />
            <TextInput label={t('content.editor.levelDescription')} value={level.description ?? ''} onChange={(event) => set({ escalationLevels: levels.map((l, i) => (i === index ? { ...l, description: event.currentTarget.value || null } : l)) })} />
            <OrderControls index={index} count={levels.length} name={level.name || String(level.level)} onMove={(from, to) => set({ escalationLevels: moveEntry(levels, from, to) })} onRemove={() => set({ escalationLevels: levels.filter((_, i) => i !== index) })} />
          </Group>
        ))}
        <Button variant="default" size="xs" w="fit-content" disabled={levels.length >= 10} onClick={() => set({ escalationLevels: [...levels, { level: levels.length, name: '', description: null }] })}>
          {t('content.editor.addLevel')}
        </Button>
      </Stack>
      <MultiSelect
        label={t('content.editor.taskCards')}
        placeholder={t('content.editor.taskCardsHint')}
        searchable
        data={taskCards.map((card) => ({ value: card.id, label: card.title }))}
        value={list<string>(body.taskCardIds)}
        onChange={(taskCardIds) => set({ taskCardIds })}
        nothingFoundMessage={t('content.editor.nothingFound')}
      />
    </Stack>
  );
}

export function TaskCardEditor({ body, onChange }: { body: Body; onChange: Change }) {
  const { t } = useTranslation();
  const steps = list<string>(body.steps);
  const [next, setNext] = useState('');
  const set = (patch: Body) => onChange({ ...body, ...patch });
  return (
    <Stack gap="sm">
      <TextInput label={t('content.editor.role')} required value={text(body.role)} onChange={(event) => set({ role: event.currentTarget.value })} maw={420} />
      <Text fw={500} size="sm" id="steps-label">
        {t('content.editor.steps')}
      </Text>
      <Stack gap={6} component="ol" aria-labelledby="steps-label" style={{ paddingLeft: 0, margin: 0, listStyle: 'none' }}>
        {steps.map((step, index) => (
          <Group key={`${index}-${step}`} component="li" gap="xs" wrap="nowrap">
            <Text size="sm" w={24} ta="right">
              {index + 1}.
            </Text>
            <TextInput
              aria-label={t('content.editor.stepNumber', { number: index + 1 })}
              defaultValue={step}
              onBlur={(event) => set({ steps: steps.map((s, i) => (i === index ? event.currentTarget.value : s)) })}
              style={{ flex: 1 }}
            />
            <OrderControls index={index} count={steps.length} name={step} onMove={(from, to) => set({ steps: moveEntry(steps, from, to) })} onRemove={() => set({ steps: steps.filter((_, i) => i !== index) })} />
          </Group>
        ))}
      </Stack>
      <Group gap="xs" align="flex-end">
        <TextInput label={t('content.editor.newStep')} value={next} onChange={(event) => setNext(event.currentTarget.value)} style={{ flex: 1 }} maw={480} />
        <Button
          variant="default"
          disabled={next.trim() === ''}
          onClick={() => {
            set({ steps: [...steps, next.trim()] });
            setNext('');
          }}
        >
          {t('content.editor.addStep')}
        </Button>
      </Group>
    </Stack>
  );
}

function EntryLine({ entry }: { entry: Entry }) {
  const { t } = useTranslation();
  const person = useQuery({
    queryKey: ['content', 'entry', entry],
    queryFn: async () => {
      if (entry.contactId) {
        const contact = unwrap(await api.GET('/v1/contacts/{contactId}', { params: { path: { contactId: entry.contactId } } }));
        return { name: contact.name, detail: [contact.function, contact.organisation].filter(Boolean).join(', '), phones: contact.phones };
      }
      const user = unwrap(await api.GET('/v1/users/{userId}', { params: { path: { userId: entry.userId! } } }));
      return { name: user.name, detail: user.jobTitle ?? '', phones: user.phone ? [user.phone] : [] };
    },
  });
  if (!person.data) return <Text size="sm">{t('common.loading')}</Text>;
  return (
    <Stack gap={0} style={{ flex: 1 }}>
      <Text size="sm" fw={600}>
        {person.data.name} <Text span size="xs" c="gray.8">({t(entry.contactId ? 'content.editor.contact' : 'content.editor.user')})</Text>
      </Text>
      <Text size="xs">{[person.data.detail, person.data.phones.join(', ') || t('content.editor.noPhone')].filter(Boolean).join(' · ')}</Text>
    </Stack>
  );
}

export function ContactListEditor({ body, onChange }: { body: Body; onChange: Change }) {
  const { t } = useTranslation();
  const entries = list<Entry>(body.entries);
  const [contactSearch, setContactSearch] = useState('');
  const [userSearch, setUserSearch] = useState('');
  const [contactTerm] = useDebouncedValue(contactSearch, 200);
  const [userTerm] = useDebouncedValue(userSearch, 200);
  const contacts = useContacts({ search: contactTerm, pastRetention: false, noLegalBasis: false, page: 1 });
  const users = useUserSearch(userTerm);
  const add = (entry: Entry) => onChange({ entries: [...entries, entry] });
  return (
    <Stack gap="sm">
      <Text fw={500} size="sm" id="entries-label">
        {t('content.editor.entries')}
      </Text>
      {entries.length === 0 && <Text size="sm">{t('content.editor.noEntries')}</Text>}
      <Stack gap={6} component="ol" aria-labelledby="entries-label" style={{ paddingLeft: 0, margin: 0, listStyle: 'none' }}>
        {entries.map((entry, index) => (
          <Card key={entry.contactId ?? entry.userId} component="li" withBorder padding="xs">
            <Group wrap="nowrap" gap="xs">
              <EntryLine entry={entry} />
              <OrderControls index={index} count={entries.length} name={String(index + 1)} onMove={(from, to) => onChange({ entries: moveEntry(entries, from, to) })} onRemove={() => onChange({ entries: entries.filter((_, i) => i !== index) })} />
            </Group>
          </Card>
        ))}
      </Stack>
      <Group align="flex-end" grow>
        <Select
          label={t('content.editor.addContact')}
          placeholder={t('content.editor.searchHint')}
          searchable
          searchValue={contactSearch}
          onSearchChange={setContactSearch}
          value={null}
          filter={({ options }) => options}
          nothingFoundMessage={t('content.editor.nothingFound')}
          data={(contacts.data?.items ?? []).filter((c) => !entries.some((e) => e.contactId === c.id)).map((c) => ({ value: c.id, label: c.phones.length ? `${c.name} (${c.phones[0]})` : c.name }))}
          onChange={(contactId) => {
            if (!contactId) return;
            setContactSearch('');
            add({ contactId });
          }}
        />
        <Select
          label={t('content.editor.addUser')}
          placeholder={t('content.editor.searchHint')}
          searchable
          searchValue={userSearch}
          onSearchChange={setUserSearch}
          value={null}
          filter={({ options }) => options}
          nothingFoundMessage={t('content.editor.nothingFound')}
          data={(users.data?.items ?? []).filter((u) => !entries.some((e) => e.userId === u.id)).map((u) => ({ value: u.id, label: u.phone ? `${u.name} (${u.phone})` : u.name }))}
          onChange={(userId) => {
            if (!userId) return;
            setUserSearch('');
            add({ userId });
          }}
        />
      </Group>
    </Stack>
  );
}

export function DocumentEditor({ body, onChange }: { body: Body; onChange: Change }) {
  const { t } = useTranslation();
  const mediaId = typeof body.mediaId === 'string' ? body.mediaId : null;
  const media = useMedia(mediaId);
  return (
    <Stack gap="sm">
      <Text size="sm">
        {mediaId ? t('content.editor.currentFile', { name: text(body.fileName) || media.data?.originalName || mediaId, size: media.data ? Math.ceil(media.data.size / 1024) : '…' }) : t('content.editor.noFile')}
      </Text>
      <UploadButton label={mediaId ? t('content.editor.replaceFile') : t('content.editor.uploadFile')} onUploaded={(uploaded) => onChange({ mediaId: uploaded.id, fileName: uploaded.originalName })} />
    </Stack>
  );
}

export function LinkEditor({ body, onChange, error }: { body: Body; onChange: Change; error?: string | undefined }) {
  const { t } = useTranslation();
  return <TextInput label={t('content.editor.url')} description={t('content.editor.urlHint')} required type="url" value={text(body.url)} onChange={(event) => onChange({ url: event.currentTarget.value })} error={error} maw={560} />;
}

/** Empty bodies a new item of each kind starts with (each valid for the API). */
export function emptyBody(kind: ContentItem['kind']): Body {
  switch (kind) {
    case 'folder':
      return { icon: null };
    case 'page':
      return { markdown: '' };
    case 'scenario':
      return { description: '', escalationLevels: [], taskCardIds: [] };
    case 'task_card':
      return { role: '', steps: [] };
    case 'contact_list':
      return { entries: [] };
    case 'document':
      return { mediaId: null, fileName: null };
    case 'link':
      return { url: '' };
  }
}
