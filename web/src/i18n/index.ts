// i18next setup: bundled translations, the starting language (remembered choice, else the browser), <html lang>.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { isLocale, type Locale } from '../api.ts';
import { byLocale, type Messages } from './resources.ts';

export { LANGUAGE_NAMES, type Messages } from './resources.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

const STORAGE_KEY = 'stemme.locale';

/** Maps a BCP 47 tag to one of our languages: Norwegian (bokmål, nynorsk, generic) → nb. */
export function localeFromTag(tag: string): Locale | undefined {
  const primary = tag.toLowerCase().split(/[-_]/)[0];
  if (primary === 'nb' || primary === 'nn' || primary === 'no') return 'nb';
  if (primary === 'da') return 'da';
  if (primary === 'de') return 'de';
  if (primary === 'en') return 'en';
  return undefined;
}

export function browserLocale(): Locale {
  const tags = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of tags) {
    const locale = tag ? localeFromTag(tag) : undefined;
    if (locale) return locale;
  }
  return 'en';
}

export function storedLocale(): Locale | undefined {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function currentLocale(): Locale {
  return isLocale(i18next.language) ? i18next.language : 'en';
}

/** Switches the UI language and remembers it in this browser. */
export async function applyLocale(locale: Locale): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode or storage disabled: the choice lasts for this visit.
  }
  if (i18next.language !== locale) await i18next.changeLanguage(locale);
}

i18next.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

const initial = storedLocale() ?? browserLocale();

void i18next.use(initReactI18next).init({
  resources: Object.fromEntries(
    Object.entries(byLocale).map(([locale, translation]) => [locale, { translation }]),
  ),
  lng: initial,
  fallbackLng: 'en',
  supportedLngs: [...Object.keys(byLocale)],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

document.documentElement.lang = initial;

export default i18next;
