import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../i18n/en/translation.json';
import nl from '../i18n/nl/translation.json';

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

void i18next.use(initReactI18next).init({
  resources: { nl: { translation: nl }, en: { translation: en } },
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
