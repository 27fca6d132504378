import { Anchor, Image, Loader, Stack, Text, type ImageProps } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { authorizedFetch } from '../lib/api';
import { saveBlob } from '../lib/download';

/**
 * A file link of the API (`/files/{id}/{rendition}?u=&exp=&sig=`) opens only with the reader's
 * bearer token as well as its signature, and an <img src> or a plain link cannot send a header:
 * the console fetches the file itself and shows or saves what it got.
 */
class FileUnavailable extends Error {
  constructor(readonly status: number) {
    super(`file answered ${status}`);
  }
}

function useProtectedFile(url: string | null | undefined) {
  return useQuery({
    // The path without the signature: a renewed link to the same rendition is the same file.
    queryKey: ['protected-file', url?.split('?')[0] ?? null],
    enabled: Boolean(url),
    staleTime: Infinity,
    gcTime: 5 * 60_000,
    retry: (failures, error) => failures < 2 && !(error instanceof FileUnavailable && error.status < 500),
    queryFn: async ({ signal }) => {
      const response = await authorizedFetch(url!, { signal });
      if (!response.ok) throw new FileUnavailable(response.status);
      return { blob: await response.blob(), response };
    },
  });
}

function useObjectUrl(blob: Blob | undefined): string | undefined {
  const [objectUrl, setObjectUrl] = useState<string>();
  useEffect(() => {
    if (!blob) {
      setObjectUrl(undefined);
      return undefined;
    }
    const created = URL.createObjectURL(blob);
    setObjectUrl(created);
    return () => URL.revokeObjectURL(created);
  }, [blob]);
  return objectUrl;
}

/**
 * An image behind a file link. `fallbackSrc` stands in when `src` is not there (yet): a thumbnail
 * is made after the upload, and until then the original is shown.
 */
export function ProtectedImage({ src, fallbackSrc, alt, ...props }: Omit<ImageProps, 'src' | 'fallbackSrc'> & { src: string | null | undefined; fallbackSrc?: string | null | undefined; alt: string }) {
  const { t } = useTranslation();
  const primary = useProtectedFile(src);
  const fallback = useProtectedFile(primary.isError ? fallbackSrc : null);
  const file = primary.data ?? fallback.data;
  const objectUrl = useObjectUrl(file?.blob);
  if (objectUrl) return <Image src={objectUrl} alt={alt} {...props} />;
  if (primary.isError && (!fallbackSrc || fallback.isError)) {
    return (
      <Text size="sm" c="dimmed">
        {t('common.fileUnavailable')}
      </Text>
    );
  }
  return <Loader size="sm" aria-label={t('common.loading')} />;
}

/** A link that downloads the file behind a file link, named as the server names it. */
export function ProtectedFileLink({ href, label, ariaLabel, fileName, size }: { href: string | null | undefined; label: string; ariaLabel?: string; fileName?: string; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  if (!href) return <Text size={size ?? 'sm'}>{label}</Text>;
  const download = async () => {
    setState('busy');
    try {
      const response = await authorizedFetch(href);
      if (!response.ok) throw new FileUnavailable(response.status);
      saveBlob(await response.blob(), response, fileName ?? label);
      setState('idle');
    } catch {
      setState('failed');
    }
  };
  return (
    <Stack gap={2} align="flex-start">
      <Anchor component="button" type="button" size={size ?? 'sm'} onClick={() => void download()} aria-label={ariaLabel} aria-busy={state === 'busy'} style={{ overflowWrap: 'anywhere', textAlign: 'start' }}>
        {label}
        {state === 'busy' && <Loader size={12} ml={6} aria-hidden />}
      </Anchor>
      {state === 'failed' && (
        <Text size="xs" c="red" role="alert">
          {t('common.fileUnavailable')}
        </Text>
      )}
    </Stack>
  );
}
