// The draft checker that publishing calls before a post is submitted or scheduled: what in the draft goes
// against the organisation's guidelines and topics, each hit explained with the text it comes from.
// First version: out-of-bounds topics from the organisation's strategy plan (their names and example phrases).
import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/connect.ts';
import { strategyPlans, strategyTopics } from '../strategy/schema.ts';

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
}

export interface DraftToCheck {
  text: string;
  channelIds: string[];
}

/** Lower-cased, for matching phrases case-insensitively without folding Nordic letters. */
const fold = (s: string) => s.toLocaleLowerCase('und');

function findPhrase(text: string, phrase: string): number {
  const p = fold(phrase.trim());
  if (!p) return -1;
  const t = fold(text);
  let from = 0;
  while (from <= t.length) {
    const i = t.indexOf(p, from);
    if (i < 0) return -1;
    const before = i === 0 ? '' : t[i - 1];
    const after = t[i + p.length] ?? '';
    const word = /[\p{L}\p{N}]/u;
    if (!(before && word.test(before)) && !(after && word.test(after))) return i;
    from = i + 1;
  }
  return -1;
}

export async function checkDraft(db: DbOrTx, orgId: string, draft: DraftToCheck): Promise<GuidelineHit[]> {
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
      const index = findPhrase(draft.text, phrase);
      if (index < 0) continue;
      hits.push({
        kind: 'out_of_bounds_topic',
        severity: 'warn',
        match: draft.text.slice(index, index + phrase.trim().length),
        index,
        message: `“${phrase.trim()}” touches the out-of-bounds topic “${topic.name}”.`,
        source: { label: topic.name, text: topic.note || topic.name },
      });
      break;
    }
  }
  return hits;
}
