// The alert email: subject and plain text in the organisation's language (en, nb, da, de): what (the monitor),
// how big (mentions in the window against the usual), why (the reasons), and the top posts.
import type { StormAlertRow, StormReason } from '../storms/schema.ts';

type Lang = 'en' | 'nb' | 'da' | 'de';

const T: Record<
  Lang,
  {
    subject: (monitor: string, count: number) => string;
    intro: (monitor: string, at: string) => string;
    size: (count: number, expected: string) => string;
    negative: (share: string, base: string) => string;
    why: string;
    volume: (ratio: string) => string;
    influential: (names: string) => string;
    top: string;
    open: string;
  }
> = {
  en: {
    subject: (m, n) => `Storm alert: ${m} (${n} mentions in 30 minutes)`,
    intro: (m, at) => `A storm has started around "${m}" (${at}).`,
    size: (n, e) =>
      `${n} mentions in the last 30 minutes, where about ${e} are usual at this time of the week.`,
    negative: (s, b) => `Negative: ${s} of the mentions (usually ${b}).`,
    why: 'Why this counts as a storm:',
    volume: (r) => `volume is ${r} times the usual for this hour of the week`,
    influential: (n) => `influential voices have joined: ${n}`,
    top: 'Top posts:',
    open: 'Open in Stemme:',
  },
  nb: {
    subject: (m, n) => `Stormvarsel: ${m} (${n} omtaler på 30 minutter)`,
    intro: (m, at) => `En storm har startet rundt «${m}» (${at}).`,
    size: (n, e) => `${n} omtaler de siste 30 minuttene, mot vanligvis rundt ${e} på denne tiden av uka.`,
    negative: (s, b) => `Negative: ${s} av omtalene (vanligvis ${b}).`,
    why: 'Hvorfor dette regnes som en storm:',
    volume: (r) => `volumet er ${r} ganger det vanlige for denne timen i uka`,
    influential: (n) => `innflytelsesrike stemmer har blandet seg inn: ${n}`,
    top: 'Viktigste innlegg:',
    open: 'Åpne i Stemme:',
  },
  da: {
    subject: (m, n) => `Stormvarsel: ${m} (${n} omtaler på 30 minutter)`,
    intro: (m, at) => `En storm er begyndt omkring »${m}« (${at}).`,
    size: (n, e) =>
      `${n} omtaler de seneste 30 minutter, hvor der normalt er omkring ${e} på dette tidspunkt af ugen.`,
    negative: (s, b) => `Negative: ${s} af omtalerne (normalt ${b}).`,
    why: 'Hvorfor det regnes som en storm:',
    volume: (r) => `mængden er ${r} gange det normale for denne time af ugen`,
    influential: (n) => `indflydelsesrige stemmer er kommet til: ${n}`,
    top: 'Vigtigste opslag:',
    open: 'Åbn i Stemme:',
  },
  de: {
    subject: (m, n) => `Sturmwarnung: ${m} (${n} Erwähnungen in 30 Minuten)`,
    intro: (m, at) => `Um „${m}“ hat ein Sturm begonnen (${at}).`,
    size: (n, e) =>
      `${n} Erwähnungen in den letzten 30 Minuten, üblich sind zu dieser Zeit der Woche etwa ${e}.`,
    negative: (s, b) => `Negativ: ${s} der Erwähnungen (sonst ${b}).`,
    why: 'Warum das als Sturm gilt:',
    volume: (r) => `das Volumen ist ${r}-mal so hoch wie üblich für diese Stunde der Woche`,
    influential: (n) => `einflussreiche Stimmen sind dazugekommen: ${n}`,
    top: 'Wichtigste Beiträge:',
    open: 'In Stemme öffnen:',
  },
};

const pct = (x: number) => `${Math.round(x * 100)} %`;

function reasonLine(t: (typeof T)[Lang], r: StormReason): string {
  if (r.kind === 'volume') return t.volume(String(r.ratio));
  if (r.kind === 'negative') return t.negative(pct(r.share), pct(r.baselineShare));
  return t.influential(r.authors.map((a) => a.name).join(', '));
}

export function alertEmail(
  alert: StormAlertRow,
  locale: string,
  timeZone: string,
  publicUrl?: string,
): { subject: string; text: string } {
  const lang: Lang = (['en', 'nb', 'da', 'de'] as const).find((l) => l === locale) ?? 'en';
  const t = T[lang];
  const at = new Intl.DateTimeFormat(lang === 'nb' ? 'nb-NO' : lang, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(alert.createdAt);
  const lines = [
    t.intro(alert.monitorName, at),
    '',
    t.size(alert.count, alert.expected.toFixed(1)),
    t.negative(pct(alert.negativeShare), pct(alert.baselineNegativeShare)),
    '',
    t.why,
    ...alert.reasons.map((r) => `- ${reasonLine(t, r)}`),
    '',
    t.top,
    ...alert.topPosts.map(
      (p) => `- ${p.author ?? '?'} (${p.source}): ${p.text}${p.url ? `\n  ${p.url}` : ''}`,
    ),
  ];
  if (publicUrl) lines.push('', t.open, `${publicUrl.replace(/\/$/, '')}/listen/alerts/${alert.id}`);
  return { subject: t.subject(alert.monitorName, alert.count), text: lines.join('\n') };
}
