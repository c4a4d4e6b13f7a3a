// Readable lines for the audit log's free-form `target` and `details`: what an entry is about by name, and its
// details as phrases in the UI's words (roles, settings, posts, monitors, alerts, channels, guidelines).
import type { TFunction } from 'i18next';
import { isLocale, isRole, type Locale } from '../../api.ts';
import { LANGUAGE_NAMES } from '../../i18n/resources.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every action the server records, each with its name in the translations (audit.<action>). */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.locked',
  'member.role_changed',
  'member.removed',
  'invitation.created',
  'invitation.accepted',
  'invitation.revoked',
  'org.created',
  'org.updated',
  'channel.connect',
  'channel.disconnect',
  'channel.reconnect',
  'channel.sandbox_revoke',
  'post.create',
  'post.delete',
  'post.retry',
  'post.update',
  'post.edit',
  'post.reschedule',
  'post.submit',
  'post.approve',
  'post.send_back',
  'post.comment',
  'channel.slots_updated',
  'publishing.settings_updated',
  'training.drill_imported',
  'training.drill_updated',
  'training.drill_deleted',
  'guidelines.proposal_created',
  'guidelines.proposal_withdrawn',
  'guidelines.version_published',
  'guidelines.rule_created',
  'guidelines.rule_updated',
  'guidelines.rule_deleted',
  'monitor.created',
  'monitor.updated',
  'monitor.deleted',
  'alerts.rule_updated',
  'alerts.webhook_created',
  'alerts.webhook_deleted',
  'alerts.webhook_updated',
  'alerts.webhook_secret_rotated',
  'feed.added',
  'feed.removed',
  'mention.sentiment_set',
  'strategy.plan_updated',
  'strategy.item_added',
  'strategy.item_changed',
  'strategy.item_removed',
  'strategy.personal_plan_created',
  'strategy.personal_plan_deleted',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

function plain(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return JSON.stringify(value);
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

const SENTIMENT_NAMES = ['positive', 'negative', 'neutral'] as const;
const isSentiment = (v: unknown): v is (typeof SENTIMENT_NAMES)[number] =>
  typeof v === 'string' && (SENTIMENT_NAMES as readonly string[]).includes(v);

const ALERT_EVENT_NAMES = ['opened', 'escalated', 'updated', 'closed'] as const;
type AlertEvent = (typeof ALERT_EVENT_NAMES)[number];
const ALERT_EVENTS = new Set<string>(ALERT_EVENT_NAMES);
const SENSITIVITY_NAMES = ['low', 'normal', 'high'] as const;
type Sensitivity = (typeof SENSITIVITY_NAMES)[number];
const SENSITIVITIES = new Set<string>(SENSITIVITY_NAMES);

/** One audit entry as the API sends it. */
export interface AuditLine {
  action: string;
  target?: unknown;
  details?: unknown;
}

const RULE_KIND_NAMES = ['banned_phrase', 'disclosure', 'caps', 'exclamations', 'frequency'] as const;
type RuleKind = (typeof RULE_KIND_NAMES)[number];
const RULE_KINDS = new Set<string>(RULE_KIND_NAMES);
const SEVERITY_NAMES = ['block', 'warn'] as const;
type RuleSeverity = (typeof SEVERITY_NAMES)[number];
const RULE_SEVERITIES = new Set<string>(SEVERITY_NAMES);
const POST_STAGE_NAMES = ['draft', 'pending_approval', 'changes_requested', 'ready'] as const;
type PostStage = (typeof POST_STAGE_NAMES)[number];
const POST_STAGES = new Set<string>(POST_STAGE_NAMES);
const POST_FIELD_NAMES = [
  'text',
  'thread',
  'images',
  'channelIds',
  'variants',
  'scheduledAt',
  'slot',
  'writtenBy',
] as const;
type PostField = (typeof POST_FIELD_NAMES)[number];
const POST_FIELDS = new Set<string>(POST_FIELD_NAMES);
const MONITOR_FIELD_NAMES = ['name', 'query', 'sources', 'languages', 'ownerUserId', 'active'] as const;
type MonitorField = (typeof MONITOR_FIELD_NAMES)[number];
const MONITOR_FIELDS = new Set<string>(MONITOR_FIELD_NAMES);
/** Proper names of networks; the practice network is named in the reader's language. */
const NETWORK_NAMES: Record<string, string> = { bluesky: 'Bluesky', mastodon: 'Mastodon' };

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const recordOf = (details: unknown): Record<string, unknown> =>
  typeof details === 'object' && details !== null && !Array.isArray(details)
    ? (details as Record<string, unknown>)
    : {};

/** A feed's address without the scheme: what people recognise it by. */
function shortUrl(url: string): string {
  return url.replace(/^https?:\/\//, '').replace(/\/$/, '');
}

/**
 * What the entry is about, by name, and the detail keys that named it (so the details do not say it again).
 * Undefined when the entry carries no name for its target.
 */
function namedTarget(t: TFunction, line: AuditLine): { text: string; keys: string[] } | undefined {
  const d = recordOf(line.details);
  const { action } = line;
  if (isPerson(d)) return { text: d.name, keys: ['name', 'email'] };
  const named = (key: string) => {
    const value = str(d[key]);
    return value ? { text: value, keys: [key] } : undefined;
  };
  switch (action.split('.')[0]) {
    case 'monitor':
      return named('name');
    case 'alerts':
      return action === 'alerts.rule_updated' ? named('monitor') : named('name');
    case 'channel': {
      const name = str(d.name);
      if (name) return { text: name, keys: name === d.handle ? ['name', 'handle'] : ['name'] };
      return named('handle');
    }
    case 'feed': {
      const url = str(d.url);
      return url ? { text: shortUrl(url), keys: ['url'] } : undefined;
    }
    case 'mention': {
      const mention = str(d.mention);
      return mention ? { text: t('settings.audit.quoted', { text: mention }), keys: ['mention'] } : undefined;
    }
    case 'post': {
      const post = str(d.post);
      if (post === undefined) return undefined;
      return {
        text: post ? t('settings.audit.quoted', { text: post }) : t('settings.audit.post.noText'),
        keys: ['post'],
      };
    }
    case 'training': {
      // A drill's title in the reader's language (recorded in all four; older entries hold the English one).
      const title = d.title;
      if (typeof title === 'string') return title ? { text: title, keys: ['title'] } : undefined;
      if (typeof title !== 'object' || title === null) return undefined;
      const titles = title as Partial<Record<Locale, unknown>>;
      const lng = (t as { lng?: unknown }).lng;
      const text = str(titles[isLocale(lng) ? lng : 'en']) ?? str(titles.en);
      return text ? { text, keys: ['title'] } : undefined;
    }
    case 'guidelines': {
      const kind = str(line.target);
      if (action.startsWith('guidelines.rule_') && kind && RULE_KINDS.has(kind))
        return { text: t(`guidelines.kinds.${kind as RuleKind}`), keys: [] };
      if (action === 'guidelines.version_published' && typeof d.version === 'number')
        return { text: t('settings.audit.guidelines.version', { number: d.version }), keys: ['version'] };
      return undefined;
    }
    case 'strategy':
      return action.startsWith('strategy.personal_plan_') ? named('person') : undefined;
    case 'publishing':
      // The publishing settings: the action says it all.
      return line.target === 'publishing' ? { text: '', keys: [] } : undefined;
    default:
      return undefined;
  }
}

/**
 * The target by name: recorded in the entry (a monitor's, webhook's, channel's or drill's name, the start of a
 * post, a feed's address, a person's name), else a member's name for a user id, else the id shortened.
 */
export function targetText(t: TFunction, line: AuditLine, names: ReadonlyMap<string, string>): string {
  const named = namedTarget(t, line);
  if (named) return named.text;
  const text = plain(line.target);
  if (!UUID.test(text)) return text;
  return names.get(text) ?? `${text.slice(0, 8)}…`;
}

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

/** A list of changed fields ("text, scheduledAt" as recorded, or an array), in the UI's words. */
function fieldList(value: unknown, known: ReadonlySet<string>, name: (field: string) => string) {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : undefined;
  if (!list) return undefined;
  const fields = list.map((f) => String(f).trim()).filter(Boolean);
  if (!fields.every((f) => known.has(f))) return undefined;
  return fields.map(name).join(', ');
}

// Stored as jsonb, details come back in the database's key order (shortest key first): they are put in
// reading order.
const READING_ORDER = [
  'name',
  'renamedFrom',
  'timeZone',
  'defaultLocale',
  'network',
  'handle',
  'host',
  'active',
  'query',
  'fields',
  'self',
  'stage',
  'channels',
  'channel',
  'part',
  'scheduledAt',
  'slot',
  'from',
  'to',
  'approvalReset',
  'guidelineHits',
  'cancelled',
  'deleted',
  'kept',
  'requeued',
  'slots',
  'severity',
  'sensitivity',
  'recipients',
  'webhooks',
  'emailOn',
  'webhookOn',
];
const readingOrder = (key: string) => {
  const i = READING_ORDER.indexOf(key);
  return i < 0 ? READING_ORDER.length : i;
};

/**
 * One detail in the UI's words: a string to show, null for nothing to show (a flag that is off, a count of
 * nothing), undefined when the key or value is not one we know (shown as recorded, and caught by the tests).
 */
function detailText(
  t: TFunction,
  action: string,
  key: string,
  record: Record<string, unknown>,
  dateTime: (iso: string) => string,
): string | null | undefined {
  const value = record[key];
  const family = action.split('.')[0];
  const count = typeof value === 'number' ? value : undefined;
  switch (key) {
    case 'failures':
      return count === undefined ? undefined : t('settings.audit.failures', { count });
    case 'alreadyMember':
      return value === true ? t('settings.audit.alreadyMember') : null;
    case 'self':
      return value === true ? t('settings.audit.selfApproval') : null;
    case 'approvalReset':
      return value === true ? t('settings.audit.approvalReset') : null;
    case 'requireApproval':
    case 'allowSelfApproval':
      return typeof value === 'boolean'
        ? t(`settings.audit.${key}`, { value: t(`settings.audit.${value ? 'on' : 'off'}`) })
        : undefined;
    case 'role':
      return isRole(value) ? t(`roles.${value}`) : undefined;
    case 'sentiment':
      // A mention's sentiment set by hand: the lexicon's (or the previous person's) → the new one.
      if (!isSentiment(value)) return undefined;
      return isSentiment(record.previous)
        ? t('settings.audit.mention.sentiment', {
            from: t(`listen.sentiment.${record.previous}`),
            to: t(`listen.sentiment.${value}`),
          })
        : t('settings.audit.mention.sentimentTo', { to: t(`listen.sentiment.${value}`) });
    case 'previous':
      return family === 'mention' ? null : undefined;
    case 'name':
      return family === 'org' ? `${t('settings.org.name')}: ${plain(value)}` : undefined;
    case 'timeZone':
      return `${t('settings.org.timeZone')}: ${plain(value)}`;
    case 'defaultLocale':
      return `${t('settings.org.defaultLocale')}: ${isLocale(value) ? LANGUAGE_NAMES[value] : plain(value)}`;
    case 'renamedFrom':
      return typeof value === 'string' ? t('settings.audit.alerts.renamedFrom', { name: value }) : undefined;
    case 'host':
      return typeof value === 'string' ? t('settings.audit.alerts.host', { host: value }) : undefined;
    case 'active':
      if (typeof value !== 'boolean') return undefined;
      if (family === 'monitor') return t(`settings.audit.monitor.${value ? 'switchedOn' : 'paused'}`);
      return t(`settings.audit.alerts.${value ? 'active' : 'paused'}`);
    case 'sensitivity':
      return typeof value === 'string' && SENSITIVITIES.has(value)
        ? t('settings.audit.alerts.sensitivity', {
            level: t(`settings.audit.alerts.level.${value as Sensitivity}`),
          })
        : undefined;
    case 'recipients':
    case 'webhooks':
      return count === undefined ? undefined : t(`settings.audit.alerts.${key}`, { count });
    case 'emailOn':
    case 'webhookOn': {
      const events = alertEvents(t, value);
      return events === undefined ? undefined : t(`settings.audit.alerts.${key}`, { events });
    }
    case 'query':
      return typeof value === 'string' ? t('settings.audit.monitor.query', { query: value }) : undefined;
    case 'fields': {
      const fields =
        family === 'monitor'
          ? fieldList(value, MONITOR_FIELDS, (f) => t(`settings.audit.monitor.field.${f as MonitorField}`))
          : family === 'post'
            ? fieldList(value, POST_FIELDS, (f) => t(`settings.audit.post.field.${f as PostField}`))
            : undefined;
      return fields === undefined ? undefined : t('settings.audit.changed', { fields });
    }
    case 'network': {
      if (typeof value !== 'string') return undefined;
      return value === 'sandbox'
        ? t('settings.audit.channel.sandbox')
        : t('settings.audit.channel.network', { network: NETWORK_NAMES[value] ?? value });
    }
    case 'handle':
      return typeof value === 'string' ? t('settings.audit.channel.handle', { handle: value }) : undefined;
    case 'requeued':
      if (count === undefined) return undefined;
      return count > 0 ? t('settings.audit.channel.requeued', { count }) : null;
    case 'slots':
      if (count === undefined) return undefined;
      return count > 0 ? t('settings.audit.channel.slots', { count }) : t('settings.audit.channel.noSlots');
    case 'stage':
      return typeof value === 'string' && POST_STAGES.has(value)
        ? t(`settings.audit.post.stage.${value as PostStage}`)
        : undefined;
    case 'channels':
      return count === undefined ? undefined : t('settings.audit.post.channels', { count });
    case 'channel':
      return typeof value === 'string' ? t('settings.audit.post.on', { channel: value }) : undefined;
    case 'part':
      if (count === undefined) return undefined;
      return count > 1 ? t('settings.audit.post.part', { part: count }) : null;
    case 'scheduledAt':
      return typeof value === 'string'
        ? t('settings.audit.post.planned', { time: dateTime(value) })
        : undefined;
    case 'slot':
      return value === 'next' ? t('settings.audit.post.nextSlot') : undefined;
    case 'from': {
      // A post moved in time: from and to are recorded times, or null for none.
      if (family !== 'post') return undefined;
      const when = (iso: unknown) =>
        typeof iso === 'string' ? dateTime(iso) : t('settings.audit.post.noTime');
      return t('settings.audit.post.moved', { from: when(value), to: when(record.to) });
    }
    case 'to':
      return family === 'post' ? null : undefined;
    case 'guidelineHits':
      return count === undefined ? undefined : t('settings.audit.post.guidelineHits', { count });
    case 'cancelled':
    case 'deleted':
    case 'kept':
      if (count === undefined) return undefined;
      return count > 0 ? t(`settings.audit.post.${key}`, { count }) : null;
    case 'severity':
      return typeof value === 'string' && RULE_SEVERITIES.has(value)
        ? `${t('guidelines.rules.severity')}: ${t(`guidelines.severity.${value as RuleSeverity}`)}`
        : undefined;
    default:
      return undefined;
  }
}

/**
 * The details of an entry as phrases in the UI's words, in reading order. The target's name is left out (the
 * Target column shows it), and so are ids. `dateTime` formats a recorded time for the reader.
 */
export function detailsText(t: TFunction, line: AuditLine, dateTime: (iso: string) => string): string {
  const { details, action } = line;
  if (details === null || details === undefined) return '';
  if (typeof details !== 'object' || Array.isArray(details)) return plain(details);
  const record = details as Record<string, unknown>;
  const parts: string[] = [];
  const skip = new Set(namedTarget(t, line)?.keys ?? []);
  // Strategy edits: the part of the plan, a KPI's kind, the parts of the plan changed, whose personal plan.
  if (typeof record.person === 'string' && !skip.has('person')) {
    parts.push(t('settings.audit.strategy.person', { name: record.person }));
  }
  skip.add('person');
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
    skip.add('from');
    skip.add('to');
  }
  const entries = Object.entries(record).sort(([a], [b]) => readingOrder(a) - readingOrder(b));
  for (const [key, value] of entries) {
    if (value === undefined || key.endsWith('Id') || skip.has(key)) continue;
    const text = detailText(t, action, key, record, dateTime);
    // Nothing to show: a flag that is off, a count of nothing, an empty value.
    if (text === null || (text === undefined && (value === null || value === ''))) continue;
    parts.push(text ?? `${key}: ${plain(value)}`);
  }
  return parts.join(' · ');
}
