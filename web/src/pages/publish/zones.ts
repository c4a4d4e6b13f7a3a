// Wall-clock times in a named time zone: the calendar's days and the composer's date/time fields are the
// organisation's; the viewer's own zone is shown next to them when it differs.

export interface WallTime {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM */
  time: string;
}

const partsCache = new Map<string, Intl.DateTimeFormat>();

function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let fmt = partsCache.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsCache.set(timeZone, fmt);
  }
  return fmt;
}

function fields(at: Date, timeZone: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of partsFormat(timeZone).formatToParts(at)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The wall-clock date and time of an instant in a zone. */
export function wallTime(at: Date, timeZone: string): WallTime {
  const f = fields(at, timeZone);
  return {
    date: `${f.year}-${pad(f.month ?? 1)}-${pad(f.day ?? 1)}`,
    time: `${pad(f.hour ?? 0)}:${pad(f.minute ?? 0)}`,
  };
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetAt(at: Date, timeZone: string): number {
  const f = fields(at, timeZone);
  const asUtc = Date.UTC(
    f.year ?? 1970,
    (f.month ?? 1) - 1,
    f.day ?? 1,
    f.hour ?? 0,
    f.minute ?? 0,
    f.second ?? 0,
  );
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The instant a wall-clock date and time in a zone stands for. A time the clock skips (spring) moves forward by
 * the gap (02:30 → 03:30 in Oslo); a time the clock repeats (autumn) is its first occurrence.
 */
export function fromWallTime(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const guess = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0);
  let at = guess - offsetAt(new Date(guess), timeZone);
  // Once more: the offset at the result may differ from the offset at the guess around a DST change.
  at = guess - offsetAt(new Date(at), timeZone);
  return new Date(at);
}

export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Whether two zones show different clocks now (Europe/Oslo and Europe/Berlin do not). */
export function zonesDiffer(a: string, b: string, at = new Date()): boolean {
  return a !== b && offsetAt(at, a) !== offsetAt(at, b);
}

/** YYYY-MM-DD plus n days (calendar arithmetic on the date alone). */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + n));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** ISO weekday of a date: Monday 1 … Sunday 7. */
export function weekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const day = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).getUTCDay();
  return day === 0 ? 7 : day;
}

export function startOfWeek(date: string): string {
  return addDays(date, 1 - weekday(date));
}

export function startOfMonth(date: string): string {
  return `${date.slice(0, 8)}01`;
}

export function addMonths(date: string, n: number): string {
  const [y, m] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1 + n, 1));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-01`;
}

/** A date as a UTC noon Date, for formatting day names and month names without zone surprises. */
export function dateNoon(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12));
}

export function isValidDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(dateNoon(date).getTime());
}
