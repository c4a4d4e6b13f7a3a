// The language menu: switches the UI at once, remembers it, and saves it to the signed-in user.
import { useTranslation } from 'react-i18next';
import { isLocale, LOCALES } from '../api.ts';
import { LANGUAGE_NAMES } from '../i18n/index.ts';
import { useSession } from '../session.tsx';
import { GlobeIcon } from './Icons.tsx';

export function LanguageSelect({ compact = false, id }: { compact?: boolean; id?: string }) {
  const { t, i18n } = useTranslation();
  const { changeLocale } = useSession();
  return (
    <div className={`language-select${compact ? ' language-select--compact' : ''}`}>
      <GlobeIcon size={16} />
      <select
        id={id}
        data-testid="language-select"
        aria-label={t('language.label')}
        value={isLocale(i18n.language) ? i18n.language : 'en'}
        onChange={(event) => {
          const value = event.target.value;
          if (isLocale(value)) void changeLocale(value);
        }}
      >
        {LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {LANGUAGE_NAMES[locale]}
          </option>
        ))}
      </select>
    </div>
  );
}
