// The bundled translations, by language, without side effects (index.ts starts i18next with them; tests read
// them in Node).
import type { Locale } from '../api.ts';
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
export const byLocale: Record<Locale, Messages> = {
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

/** Native names: a person looking for their language recognises it in its own spelling. */
export const LANGUAGE_NAMES: Record<Locale, string> = {
  en: 'English',
  nb: 'Norsk bokmål',
  da: 'Dansk',
  de: 'Deutsch',
};
