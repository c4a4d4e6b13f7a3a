// What a reply is checked for (guideline hits, the scenario's expected and forbidden elements, tone) and the
// debrief at the end: per beat what happened and how it was answered, response times, and a score whose
// every point comes with its reason.
import type { GuidelineHit } from '../guidelines/check.ts';
import { detectLanguage, sentiment } from '../listening/nlp/index.ts';
import type { Locale } from '../team/schema.ts';
import { findPhrase, firstPhrase } from './engine.ts';
import type { BeatAction, Persona, Scenario } from './scenario.ts';

export interface ReplyCheck {
  guidelineHits: GuidelineHit[];
  /** Ids of the expected elements the reply contains. */
  expected: string[];
  forbidden: { id: string; match: string }[];
  /**
   * Tone of the reply with the drill's expected phrases left out ("we apologise" reads negative to a lexicon,
   * but it is what the drill asks for); `harsh` (score ≤ HARSH_TONE) is what the debrief counts against you.
   */
  tone: { label: 'positive' | 'negative' | 'neutral'; score: number; lang: string; harsh: boolean };
}

export const HARSH_TONE = -0.65;

/** The pure part of checking a reply; the guideline hits come from checkDraft. */
export function checkReply(
  scenario: Scenario,
  locale: Locale,
  text: string,
  guidelineHits: GuidelineHit[],
): ReplyCheck {
  const expected = scenario.goodAnswer.expected
    .filter((e) => firstPhrase(text, e.phrases[locale]) !== null)
    .map((e) => e.id);
  const forbidden: ReplyCheck['forbidden'] = [];
  for (const f of scenario.goodAnswer.forbidden) {
    const match = firstPhrase(text, f.phrases[locale]);
    if (match !== null) forbidden.push({ id: f.id, match });
  }
  const detected = detectLanguage(text).lang;
  // Short replies are where detection guesses; the drill's language is the better bet then.
  const lang = detected === 'und' || text.length < 40 ? locale : detected;
  let toneText = text;
  for (const e of scenario.goodAnswer.expected) {
    for (const phrase of e.phrases[locale]) {
      for (let i = findPhrase(toneText, phrase); i >= 0; i = findPhrase(toneText, phrase)) {
        toneText = `${toneText.slice(0, i)} ${toneText.slice(i + phrase.trim().length)}`;
      }
    }
  }
  const score = sentiment(toneText, lang);
  const rounded = Math.round(score.score * 100) / 100;
  return {
    guidelineHits,
    expected,
    forbidden,
    tone: { label: score.label, score: rounded, lang, harsh: rounded <= HARSH_TONE },
  };
}

export type ReasonCode =
  | 'unanswered'
  | 'slow'
  | 'quick'
  | 'expected_met'
  | 'expected_missing'
  | 'forbidden_used'
  | 'guideline_hit'
  | 'negative_tone'
  | 'deleted';

export interface Reason {
  code: ReasonCode;
  /** Points added (positive) or taken (negative); 0 for a note. */
  points: number;
  params: Record<string, string | number>;
}

export interface DebriefAnswer {
  eventId: string;
  text: string;
  atMs: number;
  responseMs: number | null;
  deleted: boolean;
  deletedAtMs: number | null;
  check: ReplyCheck | null;
}

export interface DebriefBeat {
  eventId: string;
  beatId: string;
  member: string;
  name: string;
  persona: Persona;
  action: BeatAction;
  atMs: number;
  text: string;
  skipped: boolean;
  expectsAnswer: boolean;
  answers: DebriefAnswer[];
}

export interface Debrief {
  score: number;
  reasons: Reason[];
  elapsedMs: number;
  respondWithinSeconds: number;
  medianResponseMs: number | null;
  replies: number;
  deletedReplies: DebriefAnswer[];
  beats: DebriefBeat[];
  expected: { id: string; label: string; met: boolean; phrases: string[] }[];
  forbidden: { id: string; label: string; used: boolean; phrases: string[] }[];
  summary: string;
}

export interface EventForDebrief {
  id: string;
  kind: 'audience' | 'reply' | 'opening';
  beatId: string | null;
  skipped: boolean;
  atMs: number;
  text: string;
  replyToEventId: string | null;
  responseMs: number | null;
  deletedAtMs: number | null;
  check: ReplyCheck | null;
}

export const POINTS = {
  unanswered: -15,
  slow: -5,
  expectedMissing: -10,
  forbiddenUsed: -15,
  guidelineBlock: -10,
  guidelineWarn: -5,
  negativeTone: -5,
} as const;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}

const excerpt = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

export function buildDebrief(
  scenario: Scenario,
  locale: Locale,
  events: readonly EventForDebrief[],
  elapsedMs: number,
): Debrief {
  const members = new Map(scenario.audience.map((m) => [m.handle, m]));
  const beatsById = new Map(scenario.beats.map((b) => [b.id, b]));
  const replies = events.filter((e) => e.kind === 'reply');
  const kept = replies.filter((r) => r.deletedAtMs === null);
  const answer = (r: EventForDebrief): DebriefAnswer => ({
    eventId: r.id,
    text: r.text,
    atMs: r.atMs,
    responseMs: r.responseMs,
    deleted: r.deletedAtMs !== null,
    deletedAtMs: r.deletedAtMs,
    check: r.check,
  });
  const reasons: Reason[] = [];
  const limitMs = scenario.goodAnswer.respondWithinSeconds * 1000;

  const beats: DebriefBeat[] = [];
  for (const e of events) {
    if (e.kind !== 'audience' || !e.beatId) continue;
    const beat = beatsById.get(e.beatId);
    if (!beat) continue;
    const member = members.get(beat.member);
    const answers = replies.filter((r) => r.replyToEventId === e.id).map(answer);
    beats.push({
      eventId: e.id,
      beatId: beat.id,
      member: beat.member,
      name: member?.name ?? beat.member,
      persona: member?.persona ?? 'customer',
      action: beat.action,
      atMs: e.atMs,
      text: e.text,
      skipped: e.skipped,
      expectsAnswer: beat.expectsAnswer,
      answers,
    });
    if (e.skipped || !beat.expectsAnswer) continue;
    const first = answers.filter((a) => !a.deleted).sort((a, b) => a.atMs - b.atMs)[0];
    const name = member?.name ?? beat.member;
    if (!first) {
      reasons.push({ code: 'unanswered', points: POINTS.unanswered, params: { name } });
    } else if ((first.responseMs ?? 0) > limitMs) {
      reasons.push({
        code: 'slow',
        points: POINTS.slow,
        params: {
          name,
          seconds: Math.round((first.responseMs ?? 0) / 1000),
          target: scenario.goodAnswer.respondWithinSeconds,
        },
      });
    } else {
      reasons.push({
        code: 'quick',
        points: 0,
        params: {
          name,
          seconds: Math.round((first.responseMs ?? 0) / 1000),
          target: scenario.goodAnswer.respondWithinSeconds,
        },
      });
    }
  }

  const expected = scenario.goodAnswer.expected.map((el) => {
    const met = kept.some((r) => r.check?.expected.includes(el.id));
    const label = el.label[locale];
    reasons.push(
      met
        ? { code: 'expected_met', points: 0, params: { label } }
        : { code: 'expected_missing', points: POINTS.expectedMissing, params: { label } },
    );
    return { id: el.id, label, met, phrases: el.phrases[locale] };
  });
  const forbidden = scenario.goodAnswer.forbidden.map((el) => {
    const uses = kept.flatMap((r) => r.check?.forbidden.filter((f) => f.id === el.id) ?? []);
    const label = el.label[locale];
    if (uses[0])
      reasons.push({
        code: 'forbidden_used',
        points: POINTS.forbiddenUsed,
        params: { label, match: uses[0].match },
      });
    return { id: el.id, label, used: uses.length > 0, phrases: el.phrases[locale] };
  });
  for (const r of kept) {
    for (const hit of r.check?.guidelineHits ?? []) {
      reasons.push({
        code: 'guideline_hit',
        points: hit.severity === 'block' ? POINTS.guidelineBlock : POINTS.guidelineWarn,
        params: { match: hit.match ?? '', source: hit.source.label },
      });
    }
    if (r.check?.tone.harsh) {
      reasons.push({ code: 'negative_tone', points: POINTS.negativeTone, params: { text: excerpt(r.text) } });
    }
  }
  const deleted = replies.filter((r) => r.deletedAtMs !== null).map(answer);
  if (deleted.length > 0) reasons.push({ code: 'deleted', points: 0, params: { count: deleted.length } });

  const score = Math.max(0, Math.min(100, 100 + reasons.reduce((sum, r) => sum + r.points, 0)));
  return {
    score,
    reasons,
    elapsedMs,
    respondWithinSeconds: scenario.goodAnswer.respondWithinSeconds,
    medianResponseMs: median(kept.map((r) => r.responseMs).filter((v): v is number => v !== null)),
    replies: replies.length,
    deletedReplies: deleted,
    beats,
    expected,
    forbidden,
    summary: scenario.goodAnswer.summary[locale],
  };
}
