// IANA time zones from the browser, grouped by region, with their current UTC offset for the picker.

export interface TimeZoneGroup {
  region: string;
  zones: { id: string; label: string }[];
}

export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

function allZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC', 'Europe/Oslo', 'Europe/Copenhagen', 'Europe/Berlin', 'Europe/Stockholm', 'Europe/London'];
  }
}

function offsetOf(zone: string, locale: string): string {
  try {
    const parts = new Intl.DateTimeFormat(locale, {
      timeZone: zone,
      timeZoneName: 'shortOffset',
    }).formatToParts(new Date());
    return parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
  } catch {
    return '';
  }
}

const cache = new Map<string, TimeZoneGroup[]>();

/** Zones grouped by their first path segment; `include` guarantees a value (e.g. a saved one) is selectable. */
export function timeZoneGroups(locale: string, include: string[] = []): TimeZoneGroup[] {
  const key = `${locale}|${include.join(',')}`;
  const hit = cache.get(key);
  if (hit) return hit;

  const zones = new Set(allZones());
  for (const zone of include) if (zone) zones.add(zone);
  const groups = new Map<string, TimeZoneGroup>();
  for (const id of zones) {
    const slash = id.indexOf('/');
    const region = slash === -1 ? 'Other' : id.slice(0, slash);
    const place = (slash === -1 ? id : id.slice(slash + 1)).replaceAll('_', ' ').replaceAll('/', ' – ');
    const offset = offsetOf(id, locale);
    const group = groups.get(region) ?? { region, zones: [] };
    group.zones.push({ id, label: offset ? `${place} (${offset})` : place });
    groups.set(region, group);
  }
  const collator = new Intl.Collator(locale);
  // Our users are in Europe: list it first, the rest alphabetically.
  const result = [...groups.values()].sort((a, b) =>
    a.region === 'Europe' ? -1 : b.region === 'Europe' ? 1 : collator.compare(a.region, b.region),
  );
  for (const group of result) group.zones.sort((a, b) => collator.compare(a.label, b.label));
  cache.set(key, result);
  return result;
}
