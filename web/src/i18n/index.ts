// i18next setup: bundled translations, the starting language (remembered choice, else the browser), <html lang>.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { isLocale, type Locale } from '../api.ts';
import da from './da.json';
import de from './de.json';
import en from './en.json';
import guidelinesDa from './guidelines/da.json';
import guidelinesDe from './guidelines/de.json';
import guidelinesEn from './guidelines/en.json';
import guidelinesNb from './guidelines/nb.json';
import listenDa from './listen/da.json';
import listenDe from './listen/de.json';
import listenEn from './listen/en.json';
import listenNb from './listen/nb.json';
import nb from './nb.json';
import publishDa from './publish/da.json';
import publishDe from './publish/de.json';
import publishEn from './publish/en.json';
import publishNb from './publish/nb.json';
import trainingDa from './training/da.json';
import trainingDe from './training/de.json';
import trainingEn from './training/en.json';
import trainingNb from './training/nb.json';

// The big areas keep their texts in their own files (web/src/i18n/<area>/<locale>.json), under one key each.
const enAll = { ...en, publish: publishEn, listen: listenEn, guidelines: guidelinesEn, training: trainingEn };
export type Messages = typeof enAll;

// Every language must have exactly the keys English has: a missing or extra key fails the typecheck.
const byLocale: Record<Locale, Messages> = {
  en: enAll,
  nb: { ...nb, publish: publishNb, listen: listenNb, guidelines: guidelinesNb, training: trainingNb },
  da: { ...da, publish: publishDa, listen: listenDa, guidelines: guidelinesDa, training: trainingDa },
  de: { ...de, publish: publishDe, listen: listenDe, guidelines: guidelinesDe, training: trainingDe },
};
const reverse: [typeof nb, typeof da, typeof de] = [en, en, en];
const reverseAreas: [typeof publishNb, typeof publishDa, typeof publishDe][] = [
  [publishEn, publishEn, publishEn],
];
const reverseListen: [typeof listenNb, typeof listenDa, typeof listenDe] = [listenEn, listenEn, listenEn];
const reverseGuidelines: [typeof guidelinesNb, typeof guidelinesDa, typeof guidelinesDe] = [
  guidelinesEn,
  guidelinesEn,
  guidelinesEn,
];
void reverse;
void reverseAreas;
void reverseListen;
void reverseGuidelines;
const reverseTraining: [typeof trainingNb, typeof trainingDa, typeof trainingDe] = [
  trainingEn,
  trainingEn,
  trainingEn,
];
void reverseTraining;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

/** Native names: a person looking for their language recognises it in its own spelling. */
export const LANGUAGE_NAMES: Record<Locale, string> = {
  en: 'English',
  nb: 'Norsk bokmål',
  da: 'Dansk',
  de: 'Deutsch',
};

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
