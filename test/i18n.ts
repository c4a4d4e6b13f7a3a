// The UI's bundled translations in Node, one fixed translator per language, as the browser would use them: for
// tests that render UI text (e.g. the audit log's lines) without a browser.
import i18next, { type TFunction } from 'i18next';
import { LOCALES, type Locale } from '../web/src/api.ts';
import { byLocale } from '../web/src/i18n/resources.ts';

export async function translators(): Promise<Map<Locale, TFunction>> {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: Object.fromEntries(Object.entries(byLocale).map(([l, translation]) => [l, { translation }])),
    lng: 'en',
    // A key missing in a language shows as the key, not as English.
    fallbackLng: false,
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return new Map(LOCALES.map((locale) => [locale, i18n.getFixedT(locale)]));
}
