// The draft checker that publishing calls before a post is submitted or scheduled: what in the draft goes
// against the organisation's guidelines and topics, each hit explained with the guideline text it comes from.
// Applies the out-of-bounds topics of the organisation's strategy plan and every rule in guideline_rules
// (banned phrases, required disclosures, tone limits, posts per channel per day or week).
import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/connect.ts';
import { channels, posts, publishTargets } from '../publishing/schema.ts';
import { strategyPlans, strategyTopics } from '../strategy/schema.ts';
import { orgs } from '../team/schema.ts';
import { listRules, type RuleRow } from './rules.ts';
import type { GuidelineSection } from './schema.ts';
import { currentVersion } from './service.ts';
import { capsMeasure, cleanPhrase, exclamations, findAll } from './text.ts';

export type GuidelineHitKind =
  | 'out_of_bounds_topic'
  | 'banned_phrase'
  | 'missing_disclosure'
  | 'tone'
  | 'frequency';

export interface GuidelineHit {
  kind: GuidelineHitKind;
  /** 'block': may not be submitted as it is; 'warn': the approver sees it. */
  severity: 'block' | 'warn';
  /** What in the draft triggered it (a phrase), and where (UTF-16 offset into the text), when it is a span. */
  match?: string | undefined;
  index?: number | undefined;
  /** English explanation; the UI translates by kind and shows `source`. */
  message: string;
  /** The guideline or topic text the rule comes from. */
  source: { label: string; text: string; version?: number | undefined };
  /** The rule that fired (absent for strategy topics). */
  ruleId?: string | undefined;
  /** The guideline section the rule belongs to (GuidelineSection.key), when it has one. */
  sectionKey?: string | undefined;
  /** Every span in the text the hit is about (all occurrences, all shouted words), for highlighting. */
  spans?: { index: number; length: number }[] | undefined;
  /** Numbers behind a tone or frequency hit: what was found and what the limit is. */
  measured?: { value: number; limit: number; window?: 'day' | 'week' | undefined } | undefined;
  /** The channel a frequency hit is about. */
  channelId?: string | undefined;
}

export interface DraftToCheck {
  text: string;
  channelIds: string[];
  /** When it would go out (frequency limits count that day or week in the organisation's time zone); default now. */
  scheduledAt?: Date | undefined;
  /** The post being checked, so its own targets are not counted against the frequency limit. */
  excludePostId?: string | undefined;
}

const SEVERITY_ORDER = { block: 0, warn: 1 } as const;

function excerpt(text: string, max = 600): string {
  const t = text.trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

export async function checkDraft(db: DbOrTx, orgId: string, draft: DraftToCheck): Promise<GuidelineHit[]> {
  const hits: GuidelineHit[] = [];
  const version = await currentVersion(db, orgId);
  // Topic hits point at the guidelines' section about topics, when the guidelines have one (the template does).
  const topicSection = version?.sections.some((s) => s.key === 'topics') ? 'topics' : undefined;
  hits.push(...(await topicHits(db, orgId, draft.text)).map((h) => ({ ...h, sectionKey: topicSection })));

  const rules = await listRules(db, orgId);
  if (rules.length > 0) {
    const sections = new Map<string, GuidelineSection>((version?.sections ?? []).map((s) => [s.key, s]));
    const sourceOf = (rule: RuleRow): GuidelineHit['source'] => {
      const section = rule.sectionKey ? sections.get(rule.sectionKey) : undefined;
      if (section && version) {
        return { label: section.title, text: excerpt(section.body), version: version.number };
      }
      return { label: rule.note || rule.kind, text: rule.note };
    };
    for (const rule of rules) {
      const base = {
        severity: rule.severity,
        source: sourceOf(rule),
        ruleId: rule.id,
        sectionKey: rule.sectionKey ?? undefined,
      };
      for (const hit of await ruleHits(db, orgId, rule, draft)) hits.push({ ...hit, ...base });
    }
  }
  return hits.sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.index ?? 1e9) - (b.index ?? 1e9),
  );
}

async function topicHits(db: DbOrTx, orgId: string, text: string): Promise<GuidelineHit[]> {
  const topics = await db
    .select({ name: strategyTopics.name, examples: strategyTopics.examples, note: strategyTopics.note })
    .from(strategyTopics)
    .innerJoin(strategyPlans, eq(strategyPlans.id, strategyTopics.planId))
    .where(
      and(
        eq(strategyTopics.orgId, orgId),
        eq(strategyTopics.stance, 'out'),
        isNull(strategyPlans.personUserId),
      ),
    );
  const hits: GuidelineHit[] = [];
  for (const topic of topics) {
    for (const phrase of [topic.name, ...topic.examples]) {
      const spans = findAll(text, phrase);
      const first = spans[0];
      if (!first) continue;
      hits.push({
        kind: 'out_of_bounds_topic',
        severity: 'warn',
        match: text.slice(first.index, first.index + first.length),
        index: first.index,
        spans,
        message: `“${cleanPhrase(phrase)}” touches the out-of-bounds topic “${topic.name}”.`,
        source: { label: topic.name, text: topic.note || topic.name },
      });
      break;
    }
  }
  return hits;
}

type RuleHit = Omit<GuidelineHit, 'severity' | 'source' | 'ruleId' | 'sectionKey'>;

async function ruleHits(db: DbOrTx, orgId: string, rule: RuleRow, draft: DraftToCheck): Promise<RuleHit[]> {
  const text = draft.text;
  const p = rule.params;
  switch (rule.kind) {
    case 'banned_phrase': {
      const out: RuleHit[] = [];
      for (const phrase of p.phrases ?? []) {
        const spans = findAll(text, phrase);
        const first = spans[0];
        if (!first) continue;
        out.push({
          kind: 'banned_phrase',
          match: text.slice(first.index, first.index + first.length),
          index: first.index,
          spans,
          message: `“${cleanPhrase(phrase)}” is a phrase our guidelines ask us not to use.`,
        });
      }
      return out;
    }
    case 'disclosure': {
      const trigger = (p.triggers ?? [])
        .map((phrase) => ({ phrase, spans: findAll(text, phrase) }))
        .find((t) => t.spans.length > 0);
      if (!trigger) return [];
      if ((p.tags ?? []).some((tag) => findAll(text, tag).length > 0)) return [];
      const first = trigger.spans[0]!;
      return [
        {
          kind: 'missing_disclosure',
          match: text.slice(first.index, first.index + first.length),
          index: first.index,
          spans: trigger.spans,
          message: `The text mentions “${cleanPhrase(trigger.phrase)}” but has no disclosure tag (${(p.tags ?? []).join(', ')}).`,
        },
      ];
    }
    case 'caps': {
      const m = capsMeasure(text);
      const limit = p.maxShare ?? 1;
      if (m.words < (p.minWords ?? 4) || m.caps === 0 || m.caps / m.words <= limit) return [];
      const first = m.examples[0]!;
      return [
        {
          kind: 'tone',
          match: text.slice(first.index, first.index + first.length),
          index: first.index,
          spans: m.examples,
          measured: { value: Math.round((m.caps / m.words) * 100) / 100, limit },
          message: `${m.caps} of ${m.words} words are in capitals (${Math.round((m.caps / m.words) * 100)} %; at most ${Math.round(limit * 100)} %).`,
        },
      ];
    }
    case 'exclamations': {
      const marks = exclamations(text);
      const limit = p.max ?? 0;
      if (marks.length <= limit) return [];
      return [
        {
          kind: 'tone',
          match: '!',
          index: marks[0]!.index,
          spans: marks,
          measured: { value: marks.length, limit },
          message: `${marks.length} exclamation marks (at most ${limit}).`,
        },
      ];
    }
    case 'frequency':
      return frequencyHits(db, orgId, rule, draft);
  }
}

/** Posts already planned or published on each channel in the same calendar day or week (org's time zone). */
async function frequencyHits(
  db: DbOrTx,
  orgId: string,
  rule: RuleRow,
  draft: DraftToCheck,
): Promise<RuleHit[]> {
  const limited = rule.params.channelIds ?? [];
  const channelIds = [...new Set(draft.channelIds)].filter(
    (id) => limited.length === 0 || limited.includes(id),
  );
  if (channelIds.length === 0) return [];
  const window = rule.params.window ?? 'day';
  const limit = rule.params.max ?? 1;
  const at = (draft.scheduledAt ?? new Date()).toISOString();
  const unit = sql.raw(`'${window}'`);
  const [org] = await db.select({ tz: orgs.timeZone }).from(orgs).where(eq(orgs.id, orgId));
  const tz = org?.tz ?? 'UTC';
  const when = sql`coalesce(${publishTargets.publishedAt}, ${publishTargets.dueAt})`;
  const rows = await db
    .select({ channelId: publishTargets.channelId, name: channels.name, n: sql<number>`count(*)::int` })
    .from(publishTargets)
    .innerJoin(posts, eq(posts.id, publishTargets.postId))
    .innerJoin(channels, eq(channels.id, publishTargets.channelId))
    .where(
      and(
        eq(publishTargets.orgId, orgId),
        inArray(publishTargets.channelId, channelIds),
        inArray(publishTargets.status, ['scheduled', 'publishing', 'published']),
        isNull(posts.deletedAt),
        ne(posts.stage, 'draft'),
        draft.excludePostId ? ne(publishTargets.postId, draft.excludePostId) : undefined,
        sql`date_trunc(${unit}, ${when} at time zone ${tz}) = date_trunc(${unit}, ${at}::timestamptz at time zone ${tz})`,
      ),
    )
    .groupBy(publishTargets.channelId, channels.name);
  const out: RuleHit[] = [];
  for (const row of rows) {
    if (row.n + 1 <= limit) continue;
    out.push({
      kind: 'frequency',
      channelId: row.channelId,
      measured: { value: row.n + 1, limit, window },
      message: `This would be post ${row.n + 1} on ${row.name} this ${window} (at most ${limit}).`,
    });
  }
  return out;
}
