import { Alert, Button, Checkbox, Group, Modal, Pagination, Select, Stack, Table, TagsInput, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states';
import { applyProblem } from '../../../lib/form';
import { ProblemError } from '../../../lib/problem';
import { hasAnyPermission, useMe } from '../../../lib/session';
import { CONTACT_PAGE_SIZE, useContentItems, useContacts, useDeleteContact, useSaveContact, type Contact, type ContactCreate } from '../api/use-content';

const LEGAL_BASES = ['consent', 'contract', 'legal_obligation', 'vital_interest', 'public_task', 'legitimate_interest'] as const;

function ContactForm({ contact, onDone, onCancel }: { contact: Contact | null; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const save = useSaveContact(contact?.id ?? null);
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm({
    initialValues: {
      name: contact?.name ?? '',
      organisation: contact?.organisation ?? '',
      function: contact?.function ?? '',
      phones: contact?.phones ?? [],
      email: contact?.email ?? '',
      notes: contact?.notes ?? '',
      retentionUntil: contact?.retentionUntil ?? '',
      legalBasis: contact?.legalBasis ?? null,
      legalBasisNote: contact?.legalBasisNote ?? '',
    },
  });
  const orNull = (value: string) => (value.trim() === '' ? null : value.trim());
  const submit = form.onSubmit(async (values) => {
    setMessage(null);
    const body: ContactCreate = {
      name: values.name.trim(),
      organisation: orNull(values.organisation),
      function: orNull(values.function),
      phones: values.phones,
      email: orNull(values.email),
      notes: orNull(values.notes),
      retentionUntil: orNull(values.retentionUntil),
      legalBasis: values.legalBasis,
      legalBasisNote: orNull(values.legalBasisNote),
    };
    try {
      await save.mutateAsync(body);
      onDone();
    } catch (error) {
      if (error instanceof ProblemError) setMessage(applyProblem(form, error.problem, t));
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {message && (
          <Alert color="red" role="alert">
            {message}
          </Alert>
        )}
        <TextInput label={t('content.contacts.name')} required {...form.getInputProps('name')} />
        <TextInput label={t('content.contacts.organisation')} {...form.getInputProps('organisation')} />
        <TextInput label={t('content.contacts.function')} {...form.getInputProps('function')} />
        <TagsInput label={t('content.contacts.phones')} description={t('content.contacts.phonesHint')} {...form.getInputProps('phones')} />
        <TextInput label={t('content.contacts.email')} type="email" {...form.getInputProps('email')} />
        <Textarea label={t('content.contacts.notes')} autosize minRows={2} {...form.getInputProps('notes')} />
        <TextInput label={t('content.contacts.retentionUntil')} type="date" {...form.getInputProps('retentionUntil')} />
        <Select label={t('content.contacts.legalBasis')} clearable data={LEGAL_BASES.map((basis) => ({ value: basis, label: t(`content.contacts.basis.${basis}`) }))} {...form.getInputProps('legalBasis')} />
        <Textarea label={t('content.contacts.legalBasisNote')} autosize minRows={2} {...form.getInputProps('legalBasisNote')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export default function ContactsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canWrite = hasAnyPermission(me.data?.permissions, ['content.write']);
  const [search, setSearch] = useState('');
  const [term] = useDebouncedValue(search.trim(), 250);
  const [pastRetention, setPastRetention] = useState(false);
  const [noLegalBasis, setNoLegalBasis] = useState(false);
  const [page, setPage] = useState(1);
  const contacts = useContacts({ search: term, pastRetention, noLegalBasis, page });
  const items = useContentItems();
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Contact | null>(null);
  const remove = useDeleteContact();

  // Where each contact is used: the contact lists in the tree that name them.
  const usedIn = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const item of items.data ?? []) {
      if (item.kind !== 'contact_list') continue;
      for (const entry of (item.body.entries as Array<{ contactId?: string }> | undefined) ?? []) {
        if (entry.contactId) map.set(entry.contactId, [...(map.get(entry.contactId) ?? []), item.title]);
      }
    }
    return map;
  }, [items.data]);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1}>{t('content.contacts.title')}</Title>
        {canWrite && <Button onClick={() => setEditing('new')}>{t('content.contacts.create')}</Button>}
      </Group>
      <Group align="flex-end" gap="md">
        <TextInput type="search" label={t('content.contacts.search')} value={search} onChange={(event) => { setSearch(event.currentTarget.value); setPage(1); }} w={320} />
        <Checkbox label={t('content.contacts.pastRetention')} checked={pastRetention} onChange={(event) => { setPastRetention(event.currentTarget.checked); setPage(1); }} />
        <Checkbox label={t('content.contacts.noLegalBasis')} checked={noLegalBasis} onChange={(event) => { setNoLegalBasis(event.currentTarget.checked); setPage(1); }} />
      </Group>
      {contacts.isPending ? (
        <LoadingState />
      ) : contacts.isError ? (
        <ErrorState error={contacts.error} onRetry={() => void contacts.refetch()} />
      ) : contacts.data.items.length === 0 ? (
        <EmptyState message={t('content.contacts.empty')} />
      ) : (
        <>
          <Table.ScrollContainer minWidth={720}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('content.contacts.name')}</Table.Th>
                  <Table.Th>{t('content.contacts.function')}</Table.Th>
                  <Table.Th>{t('content.contacts.phones')}</Table.Th>
                  <Table.Th>{t('content.contacts.retentionUntil')}</Table.Th>
                  <Table.Th>{t('content.contacts.legalBasis')}</Table.Th>
                  <Table.Th>{t('content.contacts.usedIn')}</Table.Th>
                  {canWrite && <Table.Th>{t('common.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {contacts.data.items.map((contact) => (
                  <Table.Tr key={contact.id}>
                    <Table.Td>{contact.name}</Table.Td>
                    <Table.Td>{[contact.function, contact.organisation].filter(Boolean).join(', ')}</Table.Td>
                    <Table.Td>{contact.phones.join(', ')}</Table.Td>
                    <Table.Td>{contact.retentionUntil ?? '—'}</Table.Td>
                    <Table.Td>{contact.legalBasis ? t(`content.contacts.basis.${contact.legalBasis}`) : t('content.contacts.noBasis')}</Table.Td>
                    <Table.Td>{usedIn.get(contact.id)?.join(', ') ?? t('content.contacts.unused')}</Table.Td>
                    {canWrite && (
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <Button size="xs" variant="default" onClick={() => setEditing(contact)} aria-label={t('content.contacts.editOf', { name: contact.name })}>
                            {t('content.contacts.edit')}
                          </Button>
                          <Button size="xs" variant="default" color="red" onClick={() => setDeleting(contact)} aria-label={t('content.contacts.deleteOf', { name: contact.name })}>
                            {t('content.contacts.delete')}
                          </Button>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {contacts.data.total > CONTACT_PAGE_SIZE && (
            <Pagination
              total={Math.ceil(contacts.data.total / CONTACT_PAGE_SIZE)}
              value={page}
              onChange={setPage}
              getControlProps={(control) => ({ 'aria-label': t(`common.pagination.${control}`) })}
              getItemProps={(value) => ({ 'aria-label': t('common.pagination.page', { page: value }) })}
            />
          )}
        </>
      )}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('content.contacts.create') : t('content.contacts.edit')} closeButtonProps={{ 'aria-label': t('common.close') }} centered>
        {editing !== null && <ContactForm contact={editing === 'new' ? null : editing} onDone={() => setEditing(null)} onCancel={() => setEditing(null)} />}
      </Modal>
      <ConfirmDialog
        opened={deleting !== null}
        title={t('content.contacts.delete')}
        consequence={t('content.contacts.deleteConsequence', { name: deleting?.name ?? '', lists: deleting ? (usedIn.get(deleting.id)?.length ?? 0) : 0 })}
        confirmLabel={t('content.contacts.delete')}
        busy={remove.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          const target = deleting;
          setDeleting(null);
          if (target) void remove.mutateAsync(target.id);
        }}
      />
      <Text size="xs" c="gray.8">
        {t('content.contacts.privacyNote')}
      </Text>
    </Stack>
  );
}
