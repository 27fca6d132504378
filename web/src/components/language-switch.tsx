import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../lib/i18n';

/** Nederlands / English; the choice is kept in this browser and wins over the tenant's locale. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      aria-label={t('shell.language')}
      size="xs"
      value={i18n.language}
      onChange={(language) => {
        localStorage.setItem('language', language);
        void i18n.changeLanguage(language);
      }}
      data={LANGUAGES.map((language) => ({ value: language, label: t(`shell.languages.${language}`) }))}
    />
  );
}
