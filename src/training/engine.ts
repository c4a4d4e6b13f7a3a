// The drill's timeline as a pure function of run time: which beats are due, whether their condition holds at
// their own time, and what each answers. Conditions are judged against the replies as they were at the beat's
// time (not when someone happened to poll), so a late poll or a restart gives the same timeline.
import type { Locale } from '../team/schema.ts';
import { type Beat, type BeatCondition, type Scenario, TRAINEE_LAST } from './scenario.ts';

/** A trainee's reply as the engine sees it. */
export interface ReplyView {
  id: string;
  /** The audience beat it answers (null: it answers nothing in the script). */
  answersBeatId: string | null;
  atMs: number;
  deletedAtMs: number | null;
  text: string;
}

export type BeatTarget =
  | { kind: 'beat'; beatId: string }
  | { kind: 'reply'; replyId: string }
  | { kind: 'opening' };

export interface DueBeat {
  beat: Beat;
  atMs: number;
  skipped: boolean;
  /** What the audience post replies to (null: a new post). */
  replyTo: BeatTarget | null;
  /** The post it quotes. */
  quotes: BeatTarget | null;
}

const fold = (s: string) => s.toLocaleLowerCase('und');
const WORD = /[\p{L}\p{N}]/u;

/** Where a phrase occurs as whole words (case-insensitive), or -1. */
export function findPhrase(text: string, phrase: string): number {
  const p = fold(phrase.trim());
  if (!p) return -1;
  const t = fold(text);
  let from = 0;
  while (from <= t.length) {
    const i = t.indexOf(p, from);
    if (i < 0) return -1;
    const before = i === 0 ? '' : (t[i - 1] ?? '');
    const after = t[i + p.length] ?? '';
    if (!(before && WORD.test(before)) && !(after && WORD.test(after))) return i;
    from = i + 1;
  }
  return -1;
}

/** The first phrase found in the text, as written in the text. */
export function firstPhrase(text: string, phrases: readonly string[]): string | null {
  for (const phrase of phrases) {
    const i = findPhrase(text, phrase);
    if (i >= 0) return text.slice(i, i + phrase.trim().length);
  }
  return null;
}

/** Replies standing at time t: written by then and not deleted by then. */
function standingAt(replies: readonly ReplyView[], t: number): ReplyView[] {
  return replies.filter((r) => r.atMs <= t && (r.deletedAtMs === null || r.deletedAtMs > t));
}

export function conditionHolds(
  cond: BeatCondition,
  locale: Locale,
  replies: readonly ReplyView[],
  t: number,
) {
  const standing = standingAt(replies, t);
  if ('unanswered' in cond) return !standing.some((r) => r.answersBeatId === cond.unanswered);
  const spec = 'answerContains' in cond ? cond.answerContains : cond.answerLacks;
  const contains = standing.some(
    (r) => r.answersBeatId === spec.beat && firstPhrase(r.text, spec.phrases[locale]) !== null,
  );
  return 'answerContains' in cond ? contains : !contains;
}

/**
 * The beats due by `elapsedMs` that are not in `done` yet, in order. `hasOpening` says whether the run has the
 * trainee's own opening post (free practice): "trainee_last" falls back to it.
 */
export function dueBeats(
  scenario: Scenario,
  locale: Locale,
  elapsedMs: number,
  done: ReadonlySet<string>,
  replies: readonly ReplyView[],
  opts: { hasOpening?: boolean; skippedBeats?: ReadonlySet<string> } = {},
): DueBeat[] {
  const out: DueBeat[] = [];
  const skipped = new Set(opts.skippedBeats ?? []);
  for (const beat of scenario.beats) {
    const atMs = beat.at * 1000;
    if (atMs > elapsedMs) break;
    if (done.has(beat.id)) continue;
    const holds = beat.if ? conditionHolds(beat.if, locale, replies, atMs) : true;
    if (!holds) {
      skipped.add(beat.id);
      out.push({ beat, atMs, skipped: true, replyTo: null, quotes: null });
      continue;
    }
    const posted = (id: string | undefined) => (id && !skipped.has(id) ? id : undefined);
    let target: BeatTarget | null = null;
    if (beat.action !== 'post') {
      const to = beat.to ?? TRAINEE_LAST;
      if (to === TRAINEE_LAST) {
        const last = standingAt(replies, atMs).at(-1);
        const fallback = posted(beat.orTo);
        target = last
          ? { kind: 'reply', replyId: last.id }
          : fallback
            ? { kind: 'beat', beatId: fallback }
            : opts.hasOpening
              ? { kind: 'opening' }
              : null;
      } else {
        const id = posted(to);
        target = id ? { kind: 'beat', beatId: id } : null;
      }
    }
    // A quote is a new post that embeds its target; the others reply to theirs.
    const quoting = beat.action === 'quote';
    out.push({
      beat,
      atMs,
      skipped: false,
      replyTo: quoting ? null : target,
      quotes: quoting ? target : null,
    });
  }
  return out;
}

/** When the next beat is due (ms run time), or null when the script has played out. */
export function nextBeatAtMs(scenario: Scenario, elapsedMs: number): number | null {
  const next = scenario.beats.find((b) => b.at * 1000 > elapsedMs);
  return next ? next.at * 1000 : null;
}
