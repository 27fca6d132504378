import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, authorizationHeader } from '../../../lib/api';
import type { components } from '../../../lib/api-schema';
import { ensureOk, isProblem, ProblemError, unwrap } from '../../../lib/problem';

export type ContentItem = components['schemas']['ContentItem'];
export type ContentKind = components['schemas']['ContentKind'];
export type OutlineItem = components['schemas']['ContentOutlineItem'];
export type ContentItemCreate = components['schemas']['ContentItemCreate'];
export type ContentItemUpdate = components['schemas']['ContentItemUpdate'];
export type Audience = components['schemas']['Audience'];
export type MemberItem = components['schemas']['MemberItem'];
export type Contact = components['schemas']['Contact'];
export type ContactCreate = components['schemas']['ContactCreate'];
export type Media = components['schemas']['Media'];
export type Branding = components['schemas']['Branding'];
export type ContentReach = components['schemas']['ContentReach'];
export type MediaEntry = components['schemas']['MediaPage']['items'][number];

const ITEMS = ['content', 'items'] as const;

/** The whole tree as admins see it, bodies included; one request, the tree is built in the browser. */
export function useContentItems() {
  return useQuery({ queryKey: ITEMS, queryFn: async () => unwrap(await api.GET('/v1/content/items')).items });
}

const OUTLINE = ['content', 'outline'] as const;
const fetchOutline = async () => unwrap(await api.GET('/v1/content/outline')).items;

/** The tree view's data: every item without its body (a fraction of the bytes of the full list for a large tree). */
export function useContentOutline() {
  return useQuery({ queryKey: OUTLINE, queryFn: fetchOutline });
}

/** One item with its body, for its editor. */
export function useContentItem(itemId: string | null) {
  return useQuery({
    queryKey: ['content', 'item', itemId],
    enabled: itemId !== null,
    queryFn: async () => unwrap(await api.GET('/v1/content/items/{itemId}', { params: { path: { itemId: itemId! } } })),
  });
}

/** Refetches what the change touched without holding the mutation's answer back until it is in. */
function useInvalidateItems() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['content'] });
  };
}

export function useCreateItem() {
  const invalidate = useInvalidateItems();
  return useMutation({ mutationFn: async (body: ContentItemCreate) => unwrap(await api.POST('/v1/content/items', { body })), onSuccess: invalidate });
}

export function useUpdateItem(itemId: string) {
  const invalidate = useInvalidateItems();
  return useMutation({
    mutationFn: async (body: ContentItemUpdate) => unwrap(await api.PATCH('/v1/content/items/{itemId}', { params: { path: { itemId } }, body })),
    onSuccess: invalidate,
  });
}

export function usePublication(itemId: string) {
  const invalidate = useInvalidateItems();
  return useMutation({
    mutationFn: async (publish: boolean) => {
      const params = { params: { path: { itemId } } };
      return unwrap(publish ? await api.POST('/v1/content/items/{itemId}/publish', params) : await api.POST('/v1/content/items/{itemId}/unpublish', params));
    },
    onSuccess: invalidate,
  });
}

export function useSetAudience(itemId: string) {
  const invalidate = useInvalidateItems();
  return useMutation({
    mutationFn: async (body: Audience) => unwrap(await api.PUT('/v1/content/items/{itemId}/audience', { params: { path: { itemId } }, body })),
    onSuccess: invalidate,
  });
}

export function useDeleteItem() {
  const invalidate = useInvalidateItems();
  return useMutation({
    mutationFn: async (itemId: string) => ensureOk(await api.DELETE('/v1/content/items/{itemId}', { params: { path: { itemId } } })),
    onSuccess: invalidate,
  });
}

export function useMoveItem() {
  const invalidate = useInvalidateItems();
  return useMutation({
    mutationFn: async (move: { itemId: string; parentId: string | null; position: number }) =>
      unwrap(await api.POST('/v1/content/items/{itemId}/move', { params: { path: { itemId: move.itemId } }, body: { parentId: move.parentId, position: move.position } })),
    onSettled: invalidate,
  });
}

const previewQuery = (userId: string | null) => ({
  queryKey: ['content', 'preview', userId],
  queryFn: async () => unwrap(await api.GET('/v1/content/preview/{userId}', { params: { path: { userId: userId! } } })).items,
});

/** The tree exactly as one user sees it (GET /v1/content/preview/{userId}). */
export function usePreview(userId: string | null) {
  return useQuery({ ...previewQuery(userId), enabled: userId !== null });
}

export const REACH_PAGE_SIZE = 20;

/** How many users an item reaches, and a page of who (GET /v1/content/items/{itemId}/reach); refetched with the tree after a change. */
export function useContentReach(itemId: string, version: number, search: string, page: number) {
  return useQuery({
    queryKey: ['content', 'reach', itemId, version, search, page],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(await api.GET('/v1/content/items/{itemId}/reach', { params: { path: { itemId }, query: { page, pageSize: REACH_PAGE_SIZE, ...(search ? { search } : {}) } } })),
  });
}

const userSearchQuery = (search: string) => ({
  queryKey: ['content', 'users', search],
  queryFn: async () => unwrap(await api.GET('/v1/users', { params: { query: { pageSize: 20, ...(search ? { search } : {}) } } })),
});

/** Users matching a search, for the audience, contact-list and preview pickers. */
export function useUserSearch(search: string) {
  return useQuery({ ...userSearchQuery(search), placeholderData: keepPreviousData });
}

const usersByIdsQuery = (ids: string[]) => ({
  queryKey: ['content', 'users', 'ids', ids],
  queryFn: async () => Promise.all(ids.map(async (userId) => unwrap(await api.GET('/v1/users/{userId}', { params: { path: { userId } } })))),
});

/** Users by id, to name those already chosen: the first page of a search names most of them. */
export function useUsersByIds(ids: string[]) {
  return useQuery({ ...usersByIdsQuery(ids), enabled: ids.length > 0 });
}

/**
 * What the tree and "preview as" pages ask for first, started by the shell as soon as it knows the
 * caller may open them: the requests then run beside the download of the page's code, not after it.
 */
export function prefetchTree(client: QueryClient): void {
  void client.prefetchQuery({ queryKey: OUTLINE, queryFn: fetchOutline });
}

export function prefetchPreview(client: QueryClient, search: URLSearchParams): void {
  const userId = search.get('user');
  if (userId) {
    void client.prefetchQuery(previewQuery(userId));
    void client.prefetchQuery(usersByIdsQuery([userId]));
  }
  void client.prefetchQuery(userSearchQuery(''));
}

export function useGroupSearch(search: string) {
  return useQuery({
    queryKey: ['content', 'groups', search],
    placeholderData: keepPreviousData,
    queryFn: async () => unwrap(await api.GET('/v1/groups', { params: { query: { pageSize: 100, ...(search ? { search } : {}) } } })),
  });
}

export interface ContactFilters {
  search: string;
  pastRetention: boolean;
  noLegalBasis: boolean;
  page: number;
}

export const CONTACT_PAGE_SIZE = 25;

export function useContacts(filters: ContactFilters) {
  return useQuery({
    queryKey: ['content', 'contacts', filters],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await api.GET('/v1/contacts', {
          params: {
            query: {
              page: filters.page,
              pageSize: CONTACT_PAGE_SIZE,
              ...(filters.search ? { search: filters.search } : {}),
              ...(filters.pastRetention ? { pastRetention: true } : {}),
              ...(filters.noLegalBasis ? { noLegalBasis: true } : {}),
            },
          },
        }),
      ),
  });
}

export function useSaveContact(contactId: string | null) {
  const invalidate = useInvalidateItems();
  return useMutation({
    mutationFn: async (body: ContactCreate) =>
      contactId ? unwrap(await api.PATCH('/v1/contacts/{contactId}', { params: { path: { contactId } }, body })) : unwrap(await api.POST('/v1/contacts', { body })),
    onSuccess: invalidate,
  });
}

export function useDeleteContact() {
  const invalidate = useInvalidateItems();
  return useMutation({
    mutationFn: async (contactId: string) => ensureOk(await api.DELETE('/v1/contacts/{contactId}', { params: { path: { contactId } } })),
    onSuccess: invalidate,
  });
}

export function useMedia(mediaId: string | null | undefined) {
  return useQuery({
    queryKey: ['content', 'media', mediaId],
    enabled: Boolean(mediaId),
    queryFn: async () => unwrap(await api.GET('/v1/media/{mediaId}', { params: { path: { mediaId: mediaId! } } })),
  });
}

export const MEDIA_PAGE_SIZE = 24;

/** A page of the media library (GET /v1/media), newest first, with where each file is used. */
export function useMediaList(filters: { page: number; kind: MediaEntry['kind'] | null; search: string }) {
  return useQuery({
    queryKey: ['content', 'media-list', filters],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await api.GET('/v1/media', {
          params: { query: { page: filters.page, pageSize: MEDIA_PAGE_SIZE, ...(filters.kind ? { kind: filters.kind } : {}), ...(filters.search ? { search: filters.search } : {}) } },
        }),
      ),
  });
}

/**
 * Uploads one file with progress: fetch cannot report upload progress, XMLHttpRequest can. The
 * answer is a Media or a ProblemError worded by the API (type and size refusals).
 */
export function uploadMedia(file: File, onProgress: (percent: number) => void): Promise<Media> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/v1/media');
    const authorization = authorizationHeader();
    if (authorization) request.setRequestHeader('Authorization', authorization);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        body = null;
      }
      if (request.status === 201) resolve(body as Media);
      else reject(new ProblemError(isProblem(body) ? body : { type: 'about:blank', title: request.statusText, status: request.status }));
    };
    request.onerror = () => reject(new ProblemError({ type: 'about:blank', title: 'offline', status: 0 }));
    const form = new FormData();
    form.append('file', file);
    request.send(form);
  });
}

export function useBranding() {
  return useQuery({ queryKey: ['content', 'branding'], queryFn: async () => unwrap(await api.GET('/v1/tenant/branding')) });
}

export function useSetBranding() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: Branding) => unwrap(await api.PUT('/v1/tenant/branding', { body })),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: ['content', 'branding'] }), queryClient.invalidateQueries({ queryKey: ['me'] })]),
  });
}

