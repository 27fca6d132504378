import { Alert, Box, Button, ColorInput, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProtectedImage } from '../../../components/protected-file';
import { ErrorState, LoadingState } from '../../../components/states';
import { ProblemError, problemKey } from '../../../lib/problem';
import { hasAnyPermission, useMe } from '../../../lib/session';
import { useBranding, useMedia, useSetBranding, type Branding } from '../api/use-content';
import { UploadButton } from '../components/upload-button';
import { AA_LARGE, AA_NORMAL, bestTextOn, contrastRatio, HEX } from '../../../lib/contrast';

function ContrastRow({ label, background }: { label: string; background: string | null }) {
  const { t } = useTranslation();
  if (!background || !HEX.test(background)) return null;
  return (
    <>
      {(['#ffffff', '#1a1b1e'] as const).map((text) => {
        const ratio = contrastRatio(background, text);
        const verdict = ratio >= AA_NORMAL ? 'pass' : ratio >= AA_LARGE ? 'largeOnly' : 'fail';
        return (
          <Table.Tr key={text}>
            <Table.Td>{label}</Table.Td>
            <Table.Td>
              {/* A picture of the pair, not live text: a failing pair is shown on purpose, and the page itself stays AA. */}
              <svg width="120" height="28" role="img" aria-label={t(text === '#ffffff' ? 'content.branding.whiteText' : 'content.branding.darkText')}>
                <rect width="120" height="28" rx="4" fill={background} />
                <text x="8" y="19" fontSize="14" fontFamily="sans-serif" fill={text}>
                  {t(text === '#ffffff' ? 'content.branding.whiteText' : 'content.branding.darkText')}
                </text>
              </svg>
            </Table.Td>
            <Table.Td>{ratio.toFixed(2)}:1</Table.Td>
            <Table.Td>
              <Text size="sm" fw={600} c={verdict === 'pass' ? '#1b5e20' : verdict === 'largeOnly' ? 'orange.9' : 'red.9'}>
                {t(`content.branding.verdict.${verdict}`)}
              </Text>
            </Table.Td>
          </Table.Tr>
        );
      })}
    </>
  );
}

function BrandingForm({ initial, canWrite }: { initial: Branding; canWrite: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const [primary, setPrimary] = useState(initial.primaryColor ?? '');
  const [accent, setAccent] = useState(initial.accentColor ?? '');
  const [logoMediaId, setLogoMediaId] = useState(initial.logoMediaId);
  const logo = useMedia(logoMediaId);
  const save = useSetBranding();
  const [message, setMessage] = useState<{ ok: boolean; keys: string[] } | null>(null);
  const header = HEX.test(primary) ? primary : '#1c7ed6';
  const headerText = bestTextOn(header);
  const logoUrl = logo.data?.urls.display ?? logo.data?.urls.original;

  return (
    <Stack gap="md">
      <Group align="flex-start" gap="lg" wrap="wrap">
        <ColorInput label={t('content.branding.primary')} format="hex" withEyeDropper={false} value={primary} onChange={setPrimary} disabled={!canWrite} w={240} />
        <ColorInput label={t('content.branding.accent')} format="hex" withEyeDropper={false} value={accent} onChange={setAccent} disabled={!canWrite} w={240} />
      </Group>
      <Stack gap={6}>
        <Text fw={500} size="sm">
          {t('content.branding.logo')}
        </Text>
        {logoUrl ? <ProtectedImage src={logoUrl} fallbackSrc={logo.data?.urls.original} alt={t('content.branding.logoAlt')} h={64} w="auto" fit="contain" /> : <Text size="sm">{t('content.branding.noLogo')}</Text>}
        {canWrite && <UploadButton label={t('content.branding.uploadLogo')} accept="image/png,image/jpeg,image/webp" onUploaded={(media) => setLogoMediaId(media.id)} />}
      </Stack>
      <Title order={2} size="h4">
        {t('content.branding.contrast')}
      </Title>
      <Table.ScrollContainer minWidth={520}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('content.branding.colour')}</Table.Th>
              <Table.Th>{t('content.branding.sample')}</Table.Th>
              <Table.Th>{t('content.branding.ratio')}</Table.Th>
              <Table.Th>{t('content.branding.aa')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <ContrastRow label={t('content.branding.primary')} background={primary || null} />
            <ContrastRow label={t('content.branding.accent')} background={accent || null} />
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Title order={2} size="h4">
        {t('content.branding.headerPreview')}
      </Title>
      <Paper withBorder radius="sm" style={{ overflow: 'hidden' }} maw={420}>
        <Group h={56} px="md" gap="sm" wrap="nowrap" style={{ background: header, color: headerText.text }} role="img" aria-label={t('content.branding.headerPreviewLabel', { ratio: headerText.ratio.toFixed(1) })}>
          {logoUrl && <ProtectedImage src={logoUrl} fallbackSrc={logo.data?.urls.original} alt="" h={32} w="auto" />}
          <Text fw={700} truncate inherit>
            {me.data?.tenant.name ?? ''}
          </Text>
        </Group>
        <Box h={6} style={{ background: HEX.test(accent) ? accent : 'transparent' }} />
      </Paper>
      {message && (
        <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'}>
          {t(message.keys)}
        </Alert>
      )}
      {canWrite && (
        <Group>
          <Button
            loading={save.isPending}
            onClick={() => {
              setMessage(null);
              save.mutateAsync({ primaryColor: primary || null, accentColor: accent || null, logoMediaId: logoMediaId ?? null }).then(
                () => setMessage({ ok: true, keys: ['common.saved'] }),
                (error: unknown) => {
                  const problem = error instanceof ProblemError ? error.problem : undefined;
                  setMessage({ ok: false, keys: [problemKey(problem), `problems.status.${problem?.status ?? 0}`, 'problems.unknown'] });
                },
              );
            }}
          >
            {t('common.save')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

export default function BrandingPage() {
  const { t } = useTranslation();
  const me = useMe();
  const branding = useBranding();
  if (branding.isPending) return <LoadingState />;
  if (branding.isError) return <ErrorState error={branding.error} onRetry={() => void branding.refetch()} />;
  return (
    <Stack gap="md">
      <Title order={1}>{t('content.branding.title')}</Title>
      <Text>{t('content.branding.intro')}</Text>
      <BrandingForm initial={branding.data} canWrite={hasAnyPermission(me.data?.permissions, ['tenant.settings.write'])} />
    </Stack>
  );
}
