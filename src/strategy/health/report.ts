// The health check as the reader sees it: each finding in their language, with its source and a link to the
// place where it is fixed.
import type { Locale } from '../../team/schema.ts';
import { healthDa } from '../texts/health-da.ts';
import { healthDe } from '../texts/health-de.ts';
import { healthEn } from '../texts/health-en.ts';
import { healthNb } from '../texts/health-nb.ts';
import type { HealthTexts, TextInput } from '../texts/health-types.ts';
import { LABELS } from '../texts/labels.ts';
import { type Assessment, type CheckStatus, findingId } from './assess.ts';
import type { CheckId, Finding, FixTarget, Severity, SubjectKind } from './types.ts';

export const HEALTH_TEXTS: Record<Locale, HealthTexts> = {
  en: healthEn,
  nb: healthNb,
  da: healthDa,
  de: healthDe,
};

export interface HealthFinding {
  id: string;
  check: CheckId;
  severity: Severity;
  title: string;
  explanation: string;
  source: string;
  nextStep: string;
  /** The app route where it is fixed, e.g. /strategy/goals#purpose or /team. */
  fix: string;
  subject: { kind: SubjectKind; id: string; name: string } | null;
  /** The check could not look: the data it needs could not be read. */
  unavailable: boolean;
}

export interface HealthReport {
  planId: string;
  locale: Locale;
  score: number;
  checkedAt: string;
  counts: Record<Severity, number>;
  checks: { id: CheckId; status: CheckStatus }[];
  findings: HealthFinding[];
}

export function fixHref(target: FixTarget, plan: { id: string; personUserId: string | null }): string {
  if ('path' in target) return target.path;
  if ('area' in target) return `/${target.area}`;
  const query = plan.personUserId === null ? '' : `?plan=${plan.id}`;
  return `/strategy/${target.section}${query}${target.anchor ? `#${target.anchor}` : ''}`;
}

// Intl formatters are slow to build and safe to share: one set per language.
const FORMATS = new Map<
  Locale,
  { number: Intl.NumberFormat; date: Intl.DateTimeFormat; list: Intl.ListFormat }
>();
function formatsFor(locale: Locale) {
  let formats = FORMATS.get(locale);
  if (!formats) {
    formats = {
      number: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }),
      date: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }),
      list: new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }),
    };
    FORMATS.set(locale, formats);
  }
  return formats;
}

function textInput(f: Finding, locale: Locale): TextInput {
  const params = f.params ?? {};
  const { number, date, list } = formatsFor(locale);
  const raw = (key: string) => params[key];
  return {
    variant: f.variant,
    unavailable: f.unavailable === true,
    name: f.subject?.name ?? '',
    str: (key) => {
      const v = raw(key);
      return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
    },
    num: (key) => {
      const v = raw(key);
      return typeof v === 'number' ? number.format(v) : '';
    },
    date: (key) => {
      const v = raw(key);
      return typeof v === 'string' ? date.format(new Date(`${v}T00:00:00Z`)) : '';
    },
    list: (key) => {
      const v = raw(key);
      return Array.isArray(v) ? v : [];
    },
    join: (items) => list.format(items),
    L: LABELS[locale],
  };
}

export function describeFinding(
  f: Finding,
  locale: Locale,
  plan: { id: string; personUserId: string | null },
): HealthFinding {
  const text = HEALTH_TEXTS[locale][f.check];
  const input = textInput(f, locale);
  return {
    id: findingId(f),
    check: f.check,
    severity: f.severity,
    title: text.title(input),
    explanation: text.explanation(input),
    source: text.source,
    nextStep: text.nextStep(input),
    fix: fixHref(f.fix, plan),
    subject: f.subject ?? null,
    unavailable: f.unavailable === true,
  };
}

export function healthReport(
  assessment: Assessment,
  locale: Locale,
  plan: { id: string; personUserId: string | null },
  checkedAt: Date,
): HealthReport {
  const findings = assessment.findings.map((f) => describeFinding(f, locale, plan));
  const counts = { critical: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return {
    planId: plan.id,
    locale,
    score: assessment.score,
    checkedAt: checkedAt.toISOString(),
    counts,
    checks: assessment.checks,
    findings,
  };
}
