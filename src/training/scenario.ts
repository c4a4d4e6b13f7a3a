// A drill is data: one JSON document per scenario (src/training/drills/*.json, or uploaded by a team), checked
// by this schema. Every text exists in all four UI languages; beats refer to members and earlier beats by id,
// and a broken reference is reported with the file and the field it sits in.
import { z } from 'zod';
import { DomainError } from '../errors.ts';
import { LOCALES, type Locale } from '../team/schema.ts';

export const DRILL_FORMAT = 'stemme-drill';

const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);
const localized = (max: number) =>
  z.strictObject({ en: text(max), nb: text(max), da: text(max), de: text(max) });
const phraseList = z.array(text(100)).min(1, 'needs at least one phrase');
const localizedPhrases = z.strictObject({ en: phraseList, nb: phraseList, da: phraseList, de: phraseList });
const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lower-case letters, digits, "-" or "_", at most 40 characters');

export const PERSONAS = [
  'critic',
  'fan',
  'journalist',
  'customer',
  'troll',
  'ambassador',
  'colleague',
] as const;
export type Persona = (typeof PERSONAS)[number];

export const BEAT_ACTIONS = ['post', 'reply', 'quote', 'criticise'] as const;
export type BeatAction = (typeof BEAT_ACTIONS)[number];

/** Targets: an earlier beat's id, or the trainee's latest reply (TRAINEE_LAST). */
export const TRAINEE_LAST = 'trainee_last';

const member = z.strictObject({
  handle: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_]{0,29}$/, 'lower-case letters, digits or "_", at most 30 characters'),
  name: text(80),
  persona: z.enum(PERSONAS, { message: `must be one of ${PERSONAS.join(', ')}` }),
});

const condition = z.union(
  [
    z.strictObject({ unanswered: id }),
    z.strictObject({ answerContains: z.strictObject({ beat: id, phrases: localizedPhrases }) }),
    z.strictObject({ answerLacks: z.strictObject({ beat: id, phrases: localizedPhrases }) }),
  ],
  { message: 'must be { "unanswered": beat } or { "answerContains" | "answerLacks": { beat, phrases } }' },
);
export type BeatCondition = z.infer<typeof condition>;

const beat = z.strictObject({
  id,
  /** Seconds after the start of the drill. */
  at: z.number().int('whole seconds').min(0, 'must be 0 or more').max(3600, 'at most 3600 s (one hour)'),
  member: z.string().min(1, 'must name a member of the audience'),
  action: z.enum(BEAT_ACTIONS, { message: `must be one of ${BEAT_ACTIONS.join(', ')}` }),
  /** For reply, quote, criticise: an earlier beat's id or "trainee_last". */
  to: z.string().min(1).optional(),
  /** With to: "trainee_last", the beat to answer when the trainee has not replied yet (else a new post). */
  orTo: id.optional(),
  text: localized(500),
  /** Whether the trainee is expected to answer this post (an unanswered one costs points in the debrief). */
  expectsAnswer: z.boolean().default(false),
  if: condition.optional(),
});
export type Beat = z.infer<typeof beat>;

const element = z.strictObject({ id, label: localized(200), phrases: localizedPhrases });
export type AnswerElement = z.infer<typeof element>;

export const scenarioSchema = z
  .strictObject({
    format: z.literal(DRILL_FORMAT, { message: `must be "${DRILL_FORMAT}"` }),
    version: z.literal(1, { message: 'must be 1' }),
    slug: id,
    title: localized(120),
    description: localized(1000),
    /** Who the trainee plays. */
    role: localized(300),
    audience: z.array(member).min(1, 'needs at least one member').max(20, 'at most 20 members'),
    beats: z.array(beat).min(1, 'needs at least one beat').max(60, 'at most 60 beats'),
    goodAnswer: z.strictObject({
      /** A reply later than this (from the post it answers) counts as slow. */
      respondWithinSeconds: z.number().int().min(5).max(3600),
      summary: localized(1000),
      expected: z.array(element).max(10),
      forbidden: z.array(element).max(10),
    }),
  })
  .superRefine((s, ctx) => {
    const handles = new Set<string>();
    for (const [i, m] of s.audience.entries()) {
      if (handles.has(m.handle))
        ctx.addIssue({ code: 'custom', path: ['audience', i, 'handle'], message: `"${m.handle}" twice` });
      handles.add(m.handle);
    }
    const earlier = new Map<string, number>();
    for (const [i, b] of s.beats.entries()) {
      const at = (field: string) => ['beats', i, field];
      if (earlier.has(b.id)) ctx.addIssue({ code: 'custom', path: at('id'), message: `"${b.id}" twice` });
      if (!handles.has(b.member))
        ctx.addIssue({ code: 'custom', path: at('member'), message: `no audience member "${b.member}"` });
      const prev = s.beats[i - 1];
      if (prev && b.at < prev.at)
        ctx.addIssue({ code: 'custom', path: at('at'), message: 'beats must be in time order' });
      const before = (ref: string, path: (string | number)[]) => {
        if (!earlier.has(ref))
          ctx.addIssue({ code: 'custom', path, message: `no beat "${ref}" before this one` });
      };
      if (b.action === 'post') {
        if (b.to) ctx.addIssue({ code: 'custom', path: at('to'), message: 'a post answers nothing' });
      } else if (b.to === undefined) {
        if (b.action !== 'criticise')
          ctx.addIssue({ code: 'custom', path: at('to'), message: `a ${b.action} needs "to"` });
      } else if (b.to !== TRAINEE_LAST) before(b.to, at('to'));
      if (b.orTo !== undefined) before(b.orTo, at('orTo'));
      if (b.if) {
        const ref =
          'unanswered' in b.if
            ? b.if.unanswered
            : 'answerContains' in b.if
              ? b.if.answerContains.beat
              : b.if.answerLacks.beat;
        before(ref, [...at('if')]);
      }
      earlier.set(b.id, i);
    }
    const ids = new Set<string>();
    for (const [listName, list] of [
      ['expected', s.goodAnswer.expected],
      ['forbidden', s.goodAnswer.forbidden],
    ] as const) {
      for (const [i, e] of list.entries()) {
        if (ids.has(e.id))
          ctx.addIssue({
            code: 'custom',
            path: ['goodAnswer', listName, i, 'id'],
            message: `"${e.id}" twice`,
          });
        ids.add(e.id);
      }
    }
  });

export type Scenario = z.output<typeof scenarioSchema>;

function formatPath(path: PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out || '(top level)';
}

/** Readable problems, each naming the file and the field: "storm.json: beats[2].text.de: must not be empty". */
export function scenarioProblems(
  file: string,
  input: unknown,
): { ok: true; scenario: Scenario } | { ok: false; problems: string[] } {
  const parsed = scenarioSchema.safeParse(input);
  if (parsed.success) return { ok: true, scenario: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => `${file}: ${formatPath(issue.path)}: ${issue.message}`),
  };
}

/** Parses a drill or throws a 400-type DomainError listing the problems. */
export function parseScenario(file: string, input: unknown): Scenario {
  const result = scenarioProblems(file, input);
  if (result.ok) return result.scenario;
  const shown = result.problems.slice(0, 5).join('; ');
  const more = result.problems.length > 5 ? ` (and ${result.problems.length - 5} more)` : '';
  throw new DomainError('invalid', 'invalid_drill', `${shown}${more}`, { problems: result.problems });
}

export const isLocale = (v: unknown): v is Locale =>
  typeof v === 'string' && (LOCALES as readonly string[]).includes(v);

/** The drill's length: the last beat plus the time allowed to answer it. */
export function scenarioDurationSeconds(s: Scenario): number {
  const last = s.beats.reduce((max, b) => Math.max(max, b.at), 0);
  return last + s.goodAnswer.respondWithinSeconds;
}
