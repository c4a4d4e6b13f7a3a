// Readable lines for the audit log's free-form `target` and `details`: roles and settings named in the UI's words.
import type { TFunction } from 'i18next';
import { isLocale, isRole } from '../../api.ts';
import { LANGUAGE_NAMES } from '../../i18n/resources.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function plain(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return JSON.stringify(value);
}

/**
 * The target is a name, an email or a user id; member entries carry the person's name in their details (so it
 * reads well after they left), and other ids are resolved to member names where we know them.
 */
export function targetText(target: unknown, names: ReadonlyMap<string, string>, details?: unknown): string {
  const text = plain(target);
  if (!UUID.test(text)) return text;
  const recorded = isPerson(details) ? details.name : undefined;
  return recorded ?? names.get(text) ?? `${text.slice(0, 8)}…`;
}

function isPerson(details: unknown): details is { name: string; email?: string } {
  return (
    typeof details === 'object' &&
    details !== null &&
    typeof (details as { name?: unknown }).name === 'string' &&
    'email' in details
  );
}

const STRATEGY_SECTION_NAMES = [
  'goals',
  'kpis',
  'audiences',
  'channels',
  'topics',
  'watchTerms',
  'responsibilities',
] as const;
type StrategySection = (typeof STRATEGY_SECTION_NAMES)[number];
const STRATEGY_SECTIONS = new Set<string>(STRATEGY_SECTION_NAMES);
const STRATEGY_PART_NAMES = ['purpose', 'decisions', 'leadership', 'presence', 'topics'] as const;
type StrategyPart = (typeof STRATEGY_PART_NAMES)[number];
const STRATEGY_PARTS = new Set<string>(STRATEGY_PART_NAMES);

const ALERT_EVENT_NAMES = ['opened', 'escalated', 'updated', 'closed'] as const;
type AlertEvent = (typeof ALERT_EVENT_NAMES)[number];
const ALERT_EVENTS = new Set<string>(ALERT_EVENT_NAMES);
const SENSITIVITY_NAMES = ['low', 'normal', 'high'] as const;
type Sensitivity = (typeof SENSITIVITY_NAMES)[number];
const SENSITIVITIES = new Set<string>(SENSITIVITY_NAMES);

/** The storm events of an alert rule ("opened, escalated" as recorded, or a list), in the UI's words. */
function alertEvents(t: TFunction, value: unknown): string | undefined {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : undefined;
  if (!list) return undefined;
  const events = list.map((e) => String(e).trim()).filter(Boolean);
  if (!events.every((e) => ALERT_EVENTS.has(e))) return undefined;
  return events.length
    ? events.map((e) => t(`settings.audit.alerts.event.${e as AlertEvent}`)).join(', ')
    : t('settings.audit.alerts.none');
}

const ALERT_KEYS = [
  'name',
  'renamedFrom',
  'host',
  'active',
  'sensitivity',
  'recipients',
  'webhooks',
  'emailOn',
  'webhookOn',
];
const alertOrder = (key: string) => {
  const i = ALERT_KEYS.indexOf(key);
  return i < 0 ? ALERT_KEYS.length : i;
};

/** A detail of an alert rule or webhook change (alerts.*) in the UI's words; undefined when not one of them. */
function alertDetail(t: TFunction, key: string, value: unknown): string | undefined {
  switch (key) {
    case 'name':
      return typeof value === 'string' ? t('settings.audit.alerts.webhook', { name: value }) : undefined;
    case 'renamedFrom':
      return typeof value === 'string' ? t('settings.audit.alerts.renamedFrom', { name: value }) : undefined;
    case 'host':
      return typeof value === 'string' ? t('settings.audit.alerts.host', { host: value }) : undefined;
    case 'active':
      return typeof value === 'boolean'
        ? t(`settings.audit.alerts.${value ? 'active' : 'paused'}`)
        : undefined;
    case 'sensitivity':
      return typeof value === 'string' && SENSITIVITIES.has(value)
        ? t('settings.audit.alerts.sensitivity', {
            level: t(`settings.audit.alerts.level.${value as Sensitivity}`),
          })
        : undefined;
    case 'recipients':
    case 'webhooks':
      return typeof value === 'number' ? t(`settings.audit.alerts.${key}`, { count: value }) : undefined;
    case 'emailOn':
    case 'webhookOn': {
      const events = alertEvents(t, value);
      return events === undefined ? undefined : t(`settings.audit.alerts.${key}`, { events });
    }
    default:
      return undefined;
  }
}

/** `action` (e.g. alerts.webhook_updated) says what the details are of: a webhook's name is not the org's. */
export function detailsText(t: TFunction, details: unknown, action?: string): string {
  if (details === null || details === undefined) return '';
  if (typeof details !== 'object' || Array.isArray(details)) return plain(details);
  const record = details as Record<string, unknown>;
  const parts: string[] = [];
  // The person's name and email already show as the target.
  const skip = isPerson(details) ? new Set(['name', 'email']) : new Set<string>();
  // Strategy edits: the part of the plan, a KPI's kind, the parts of the plan changed, whose personal plan.
  if (typeof record.person === 'string') {
    parts.push(t('settings.audit.strategy.person', { name: record.person }));
    skip.add('person');
  }
  if (typeof record.section === 'string' && STRATEGY_SECTIONS.has(record.section)) {
    parts.push(t(`settings.audit.strategy.section.${record.section as StrategySection}`));
    skip.add('section');
    skip.add('fields');
    if (typeof record.kind === 'string') {
      parts.push(t(`strategy.vocab.kpiKind.${record.kind}`, { defaultValue: record.kind }));
      skip.add('kind');
    }
  }
  if (Array.isArray(record.parts)) {
    const names = record.parts
      .filter((p): p is StrategyPart => typeof p === 'string' && STRATEGY_PARTS.has(p))
      .map((p) => t(`settings.audit.strategy.part.${p}`));
    parts.push(t('settings.audit.strategy.parts', { parts: names.join(', ') }));
    skip.add('parts');
  }
  if (isRole(record.from) && isRole(record.to)) {
    parts.push(`${t(`roles.${record.from}`)} → ${t(`roles.${record.to}`)}`);
  }
  const alerts = action?.startsWith('alerts.') ?? false;
  const entries = Object.entries(record);
  // Stored as jsonb, details come back in the database's key order: alert details are put in reading order.
  if (alerts) entries.sort(([a], [b]) => alertOrder(a) - alertOrder(b));
  for (const [key, value] of entries) {
    const alert = alerts ? alertDetail(t, key, value) : undefined;
    if (alert !== undefined) {
      parts.push(alert);
      continue;
    }
    if (value === null || value === undefined || value === '' || key.endsWith('Id') || skip.has(key))
      continue;
    if ((key === 'from' || key === 'to') && isRole(record.from) && isRole(record.to)) continue;
    if (key === 'role' && isRole(value)) parts.push(t(`roles.${value}`));
    else if (key === 'failures' && typeof value === 'number')
      parts.push(t('settings.audit.failures', { count: value }));
    else if (key === 'alreadyMember') {
      if (value === true) parts.push(t('settings.audit.alreadyMember'));
    } else if (key === 'self') {
      if (value === true) parts.push(t('settings.audit.selfApproval'));
    } else if (key === 'approvalReset') {
      if (value === true) parts.push(t('settings.audit.approvalReset'));
    } else if ((key === 'requireApproval' || key === 'allowSelfApproval') && typeof value === 'boolean')
      parts.push(t(`settings.audit.${key}`, { value: t(`settings.audit.${value ? 'on' : 'off'}`) }));
    else if (key === 'name') parts.push(`${t('settings.org.name')}: ${plain(value)}`);
    else if (key === 'timeZone') parts.push(`${t('settings.org.timeZone')}: ${plain(value)}`);
    else if (key === 'defaultLocale') {
      parts.push(
        `${t('settings.org.defaultLocale')}: ${isLocale(value) ? LANGUAGE_NAMES[value] : plain(value)}`,
      );
    } else parts.push(`${key}: ${plain(value)}`);
  }
  return parts.join(' · ');
}
