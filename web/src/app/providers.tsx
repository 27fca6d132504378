import '@mantine/core/styles.css';
import { colorsTuple, createTheme, MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useMemo, type ReactNode } from 'react';
import { i18next, languageOf } from '../lib/i18n';
import { readableOnWhite } from '../lib/contrast';
import { ProblemError } from '../lib/problem';
import { SessionProvider } from './session';
import { useTenant } from './tenant';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not get better by asking again.
      retry: (count, error) => !(error instanceof ProblemError && error.problem.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

// Mantine's default dimmed grey and error red miss WCAG AA contrast on white; hints and field errors must stay readable under pressure.
const highContrast = () => ({ variables: {}, light: { '--mantine-color-dimmed': '#495057', '--mantine-color-error': '#c92a2a' }, dark: {} });

/** The tenant's colours and, unless the user chose, its language. */
function Branded({ children }: { children: ReactNode }) {
  const { tenant, branding } = useTenant();
  useEffect(() => {
    const language = languageOf(tenant?.locale);
    // Only when the tenant's locale arrives: useTranslation's i18n changes with every language
    // change, and depending on it switched any other choice straight back.
    if (language && !localStorage.getItem('language')) void i18next.changeLanguage(language);
  }, [tenant?.locale]);
  const theme = useMemo(
    () =>
      createTheme({
        primaryColor: 'brand',
        // A tenant's colour may be light: filled buttons and links then get dark text.
        autoContrast: true,
        primaryShade: 8,
        // Links and outlined buttons are brand-coloured text on white: a light brand colour is darkened to AA for them.
        colors: { brand: branding?.primaryColor ? colorsTuple(readableOnWhite(branding.primaryColor)) : colorsTuple('#1c4f9c') },
        defaultRadius: 'md',
        fontSizes: { md: '1rem' },
      }),
    [branding?.primaryColor],
  );
  return (
    <MantineProvider theme={theme} cssVariablesResolver={highContrast}>
      {children}
    </MantineProvider>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <Branded>{children}</Branded>
      </SessionProvider>
    </QueryClientProvider>
  );
}
