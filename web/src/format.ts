// Dates, numbers and name ordering through Intl, in the chosen language and the organisation's time zone.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from './session.tsx';

export interface Formatters {
  locale: string;
  timeZone: string | undefined;
  date: (iso: string | null | undefined) => string;
  dateTime: (iso: string | null | undefined) => string;
  number: (value: number) => string;
  compare: (a: string, b: string) => number;
}

function safeDate(iso: string | null | undefined): Date | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function validTimeZone(timeZone: string | undefined): string | undefined {
  if (!timeZone) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}

export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const { state } = useSession();
  const locale = i18n.language;
  const orgZone = state.status === 'authenticated' ? state.session.org?.timeZone : undefined;

  return useMemo(() => {
    const timeZone = validTimeZone(orgZone);
    const dateFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone });
    const dateTimeFmt = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone,
    });
    const numberFmt = new Intl.NumberFormat(locale);
    const collator = new Intl.Collator(locale, { sensitivity: 'base' });
    return {
      locale,
      timeZone,
      date: (iso) => {
        const d = safeDate(iso);
        return d ? dateFmt.format(d) : '—';
      },
      dateTime: (iso) => {
        const d = safeDate(iso);
        return d ? dateTimeFmt.format(d) : '—';
      },
      number: (value) => numberFmt.format(value),
      compare: (a, b) => collator.compare(a, b),
    };
  }, [locale, orgZone]);
}
