import { EventStreamContentType, fetchEventSource } from '@microsoft/fetch-event-source';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, authorizedFetch } from '../../../lib/api';
import type { components } from '../../../lib/api-schema';
import { ensureOk, unwrap } from '../../../lib/problem';

export type Message = components['schemas']['Message'];
export type MessageStats = components['schemas']['MessageStats'];
export type MessageCreate = components['schemas']['MessageCreate'];
export type Audience = components['schemas']['MessageAudience'];
export type ResponseRow = components['schemas']['MessageResponsePage']['items'][number];
/** An answer option, every recipient, or those who have not answered yet. */
export type ResponseFilter = { kind: 'all' } | { kind: 'unanswered' } | { kind: 'answer'; answer: string };

export const MESSAGES_PAGE_SIZE = 25;
export const RESPONSES_PAGE_SIZE = 50;

export function useMessages(page: number) {
  return useQuery({
    queryKey: ['messages', { page }],
    placeholderData: keepPreviousData,
    queryFn: async () => unwrap(await api.GET('/v1/messages', { params: { query: { page, pageSize: MESSAGES_PAGE_SIZE } } })),
  });
}

/** Whom the audience reaches now; asked again whenever the audience changes. */
export function useReach(audience: Audience) {
  const empty = !audience.everyone && (audience.groupIds?.length ?? 0) === 0 && (audience.userIds?.length ?? 0) === 0;
  return useQuery({
    queryKey: ['messages', 'reach', audience],
    enabled: !empty,
    placeholderData: keepPreviousData,
    queryFn: async () => unwrap(await api.POST('/v1/messages/reach', { body: audience })),
  });
}

export function useSendMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: MessageCreate) => unwrap(await api.POST('/v1/messages', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['messages'] }),
  });
}

export function useCancelMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (messageId: string) => {
      const result = await api.POST('/v1/messages/{messageId}/cancel', { params: { path: { messageId } } });
      ensureOk(result);
      return result.data;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['messages'] }),
  });
}

export function useGroupsToReach(enabled: boolean) {
  return useQuery({ queryKey: ['groups', 'for-message'], enabled, queryFn: async () => unwrap(await api.GET('/v1/groups', { params: { query: { pageSize: 200 } } })) });
}

export function useUsersToReach(search: string, enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'for-message', search],
    enabled,
    placeholderData: keepPreviousData,
    queryFn: async () => unwrap(await api.GET('/v1/users', { params: { query: { pageSize: 50, status: 'active', ...(search ? { search } : {}) } } })),
  });
}

export function useResponses(messageId: string, filter: ResponseFilter, page: number, version: string) {
  return useQuery({
    // `version` (the live counts) refetches the visible page when an answer or delivery comes in.
    queryKey: ['messages', messageId, 'responses', filter, page, version],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await api.GET('/v1/messages/{messageId}/responses', {
          params: {
            path: { messageId },
            query: {
              page,
              pageSize: RESPONSES_PAGE_SIZE,
              ...(filter.kind === 'answer' ? { answer: filter.answer } : {}),
              ...(filter.kind === 'unanswered' ? { unanswered: true } : {}),
            },
          },
        }),
      ),
  });
}

class RetryStream extends Error {}
class FatalStream extends Error {}

/**
 * A message and its counts, live over the API's stats stream (fetch-based, token in the header).
 * The API ends the stream after a while; it is opened again at once, and its first frame is the
 * current state, so nothing is lost in between.
 */
export function useLiveStats(messageId: string) {
  const [stats, setStats] = useState<MessageStats | null>(null);
  const [failed, setFailed] = useState<number | null>(null);
  const [live, setLive] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    setStats(null);
    setFailed(null);
    void fetchEventSource(`/v1/messages/${encodeURIComponent(messageId)}/stats/stream?seconds=600`, {
      signal: controller.signal,
      fetch: authorizedFetch,
      openWhenHidden: true,
      onopen(response) {
        const type = response.headers.get('content-type') ?? '';
        if (!response.ok || !type.startsWith(EventStreamContentType)) {
          if (response.status >= 400 && response.status < 500) {
            setFailed(response.status);
            throw new FatalStream(String(response.status));
          }
          throw new RetryStream(String(response.status));
        }
        setLive(true);
        return Promise.resolve();
      },
      onmessage(message) {
        if (message.event === 'stats' && message.data) setStats(JSON.parse(message.data) as MessageStats);
      },
      onclose() {
        throw new RetryStream('closed');
      },
      onerror(error) {
        if (error instanceof FatalStream) throw error;
        setLive(false);
        return 1000;
      },
    }).catch(() => undefined);
    return () => controller.abort();
  }, [messageId]);

  return { stats, failed, live };
}

export type MessageTemplate = components['schemas']['MessageTemplate'];
export type MessageTemplateInput = components['schemas']['MessageTemplateInput'];
export type Placeholder = components['schemas']['MessagePlaceholder'];

export function useMessageTemplates(enabled = true) {
  return useQuery({ queryKey: ['message-templates'], enabled, queryFn: async () => unwrap(await api.GET('/v1/message-templates')) });
}

export function useSaveMessageTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, body }: { id: string | null; body: MessageTemplateInput }) =>
      id ? unwrap(await api.PUT('/v1/message-templates/{templateId}', { params: { path: { templateId: id } }, body })) : unwrap(await api.POST('/v1/message-templates', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['message-templates'] }),
  });
}

export function useDeleteMessageTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (templateId: string) => {
      const result = await api.DELETE('/v1/message-templates/{templateId}', { params: { path: { templateId } } });
      ensureOk(result);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['message-templates'] }),
  });
}
