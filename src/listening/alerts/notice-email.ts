// Follow-up emails about a storm, short and in the organisation's language (en, nb, da, de): it grew markedly
// (its 30-minute window doubled since the last notice), or it is over (how long it lasted, its peak and total).
import type { StormNoticeRow } from '../storms/schema.ts';

type Lang = 'en' | 'nb' | 'da' | 'de';

interface Texts {
  escalatedSubject: (monitor: string, n: number) => string;
  escalated: (monitor: string, n: number, before: number, expected: string) => string;
  closedSubject: (monitor: string) => string;
  closed: (monitor: string, from: string, to: string) => string;
  figures: (peak: number, total: number, negative: string) => string;
  open: string;
}

const T: Record<Lang, Texts> = {
  en: {
    escalatedSubject: (m, n) => `Storm growing: ${m} (${n} mentions in 30 minutes)`,
    escalated: (m, n, b, e) =>
      `The storm around "${m}" has grown markedly: ${n} mentions in the last 30 minutes, up from ${b} at the last alert (about ${e} are usual).`,
    closedSubject: (m) => `Storm over: ${m}`,
    closed: (m, from, to) =>
      `The storm around "${m}" is over: it ran from ${from} until ${to}, then went quiet.`,
    figures: (p, t, n) =>
      `Peak ${p} mentions in 30 minutes, ${t} mentions in all, ${n} negative at the latest.`,
    open: 'Open in Stemme:',
  },
  nb: {
    escalatedSubject: (m, n) => `Stormen vokser: ${m} (${n} omtaler på 30 minutter)`,
    escalated: (m, n, b, e) =>
      `Stormen rundt «${m}» har vokst kraftig: ${n} omtaler de siste 30 minuttene, opp fra ${b} ved forrige varsel (vanligvis rundt ${e}).`,
    closedSubject: (m) => `Stormen er over: ${m}`,
    closed: (m, from, to) =>
      `Stormen rundt «${m}» er over: den varte fra ${from} til ${to}, så ble det stille.`,
    figures: (p, t, n) =>
      `Toppen var ${p} omtaler på 30 minutter, ${t} omtaler i alt, ${n} negative til sist.`,
    open: 'Åpne i Stemme:',
  },
  da: {
    escalatedSubject: (m, n) => `Stormen vokser: ${m} (${n} omtaler på 30 minutter)`,
    escalated: (m, n, b, e) =>
      `Stormen omkring »${m}« er vokset kraftigt: ${n} omtaler de seneste 30 minutter, op fra ${b} ved sidste varsel (normalt omkring ${e}).`,
    closedSubject: (m) => `Stormen er ovre: ${m}`,
    closed: (m, from, to) =>
      `Stormen omkring »${m}« er ovre: den varede fra ${from} til ${to}, så blev der stille.`,
    figures: (p, t, n) =>
      `Toppen var ${p} omtaler på 30 minutter, ${t} omtaler i alt, ${n} negative til sidst.`,
    open: 'Åbn i Stemme:',
  },
  de: {
    escalatedSubject: (m, n) => `Sturm wächst: ${m} (${n} Erwähnungen in 30 Minuten)`,
    escalated: (m, n, b, e) =>
      `Der Sturm um „${m}“ ist deutlich gewachsen: ${n} Erwähnungen in den letzten 30 Minuten, nach ${b} bei der letzten Meldung (üblich sind etwa ${e}).`,
    closedSubject: (m) => `Sturm vorbei: ${m}`,
    closed: (m, from, to) =>
      `Der Sturm um „${m}“ ist vorbei: Er dauerte von ${from} bis ${to}, dann wurde es ruhig.`,
    figures: (p, t, n) =>
      `Spitze ${p} Erwähnungen in 30 Minuten, ${t} Erwähnungen insgesamt, zuletzt ${n} negativ.`,
    open: 'In Stemme öffnen:',
  },
};

export function noticeEmail(
  notice: StormNoticeRow,
  storm: { monitorName: string; openedAt: Date; lastSurgeAt: Date },
  locale: string,
  timeZone: string,
  publicUrl?: string,
): { subject: string; text: string } {
  const lang: Lang = (['en', 'nb', 'da', 'de'] as const).find((l) => l === locale) ?? 'en';
  const t = T[lang];
  const fmt = new Intl.DateTimeFormat(lang === 'nb' ? 'nb-NO' : lang, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  });
  const m = storm.monitorName;
  const negative = `${Math.round(notice.negativeShare * 100)} %`;
  const lines =
    notice.kind === 'escalated'
      ? [
          t.escalated(m, notice.windowCount, notice.previousCount ?? 0, notice.expected.toFixed(1)),
          t.figures(notice.peakCount, notice.mentionCount, negative),
        ]
      : [
          t.closed(m, fmt.format(storm.openedAt), fmt.format(storm.lastSurgeAt)),
          t.figures(notice.peakCount, notice.mentionCount, negative),
        ];
  if (publicUrl) lines.push('', t.open, `${publicUrl.replace(/\/$/, '')}/listen/alerts/${notice.alertId}`);
  return {
    subject: notice.kind === 'escalated' ? t.escalatedSubject(m, notice.windowCount) : t.closedSubject(m),
    text: lines.join('\n'),
  };
}
