import i18next from 'i18next';
import resourcesToBackend from 'i18next-resources-to-backend';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Keys asked for but missing in a catalogue; the browser tests read this and fail on any. */
declare global {
  interface Window {
    __missingKeys?: string[];
  }
}

export function browserLanguage(): Language {
  return navigator.language.toLowerCase().startsWith('nl') ? 'nl' : 'en';
}

export function languageOf(locale: string | undefined | null): Language | null {
  if (!locale) return null;
  return locale.toLowerCase().startsWith('nl') ? 'nl' : locale.toLowerCase().startsWith('en') ? 'en' : null;
}

/**
 * Each language's catalogue is a chunk of its own, fetched when the language is first used: the
 * sign-in page carries one catalogue, not both. The console renders once the first one is in
 * (main.tsx); a language switch loads the other before it shows.
 */
export const i18nReady = i18next
  .use(resourcesToBackend((language: string) => import(`../i18n/${language}/translation.json`)))
  .use(initReactI18next)
  .init({
    supportedLngs: [...LANGUAGES],
    lng: localStorage.getItem('language') ?? browserLanguage(),
    fallbackLng: false,
    interpolation: { escapeValue: false },
    saveMissing: true,
    missingKeyHandler: (languages, _namespace, key) => {
      window.__missingKeys = [...(window.__missingKeys ?? []), `${languages.join(',')}:${key}`];
    },
  });

i18next.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});
document.documentElement.lang = i18next.language;

export { i18next };

declare global {
  interface Window {
    /** For the browser tests, to check every page in both languages without clicking through it twice. */
    __i18n?: typeof i18next;
  }
}
window.__i18n = i18next;
