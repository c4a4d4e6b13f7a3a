// What a client may send to the guidelines: proposals with their sections, comments, and rules. Messages name
// the field and the problem; the service checks what zod cannot (ids of this organisation, section keys).
import { z } from 'zod';
import { RULE_KINDS, SEVERITIES } from './schema.ts';

export const LIMITS = {
  title: 200,
  body: 20_000,
  sections: 40,
  summary: 2_000,
  comment: 4_000,
  phrase: 200,
  phrases: 100,
  text: 20_000,
} as const;

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { message: `must be one of ${values.join(', ')}` });

const section = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{1,40}$/, 'must be 1–40 lower-case letters, digits or dashes')
    .optional(),
  title: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(LIMITS.title, `must be at most ${LIMITS.title} characters`),
  body: z.string().max(LIMITS.body, `must be at most ${LIMITS.body} characters`),
});

const sections = z
  .array(section)
  .min(1, 'needs at least one section')
  .max(LIMITS.sections, `must have at most ${LIMITS.sections} sections`);

const summary = z.string().trim().max(LIMITS.summary, `must be at most ${LIMITS.summary} characters`);
const title = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(LIMITS.title, `must be at most ${LIMITS.title} characters`);

export const proposalCreate = z.object({
  title: title.optional(),
  summary: summary.optional(),
  /** Omitted: start from the current version, or from the template in the organisation's language. */
  sections: sections.optional(),
});
export type ProposalCreate = z.infer<typeof proposalCreate>;

export const proposalPatch = z.object({
  title: title.optional(),
  summary: summary.optional(),
  sections: sections.optional(),
});
export type ProposalPatch = z.infer<typeof proposalPatch>;

export const commentCreate = z.object({
  body: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(LIMITS.comment, `must be at most ${LIMITS.comment} characters`),
  sectionKey: z.string().trim().max(40).nullable().optional(),
});

export const publishBody = z.object({
  /** The change summary; defaults to the proposal's own. */
  summary: summary.optional(),
});

export const acknowledgeBody = z.object({
  version: z.number().int('must be a whole number').min(1, 'must be 1 or more'),
});

const phraseList = z
  .array(z.string().trim().max(LIMITS.phrase, `must be at most ${LIMITS.phrase} characters`))
  .max(LIMITS.phrases, `must have at most ${LIMITS.phrases} entries`)
  .transform((list) => [...new Set(list.filter((s) => s.length > 0))]);

const ruleParams = z.object({
  phrases: phraseList.optional(),
  triggers: phraseList.optional(),
  tags: phraseList.optional(),
  maxShare: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').optional(),
  minWords: z.number().int('must be a whole number').min(1).max(1000).optional(),
  max: z.number().int('must be a whole number').min(0, 'must be 0 or more').max(1000).optional(),
  window: oneOf(['day', 'week'] as const).optional(),
  channelIds: z.array(z.uuid('must be a UUID')).max(100).optional(),
});

export const ruleCreate = z.object({
  kind: oneOf(RULE_KINDS),
  severity: oneOf(SEVERITIES).optional(),
  sectionKey: z.string().trim().max(40).nullable().optional(),
  params: ruleParams,
  note: z.string().trim().max(LIMITS.summary, `must be at most ${LIMITS.summary} characters`).optional(),
});
export type RuleCreate = z.infer<typeof ruleCreate>;

export const rulePatch = ruleCreate.omit({ kind: true }).partial();
export type RulePatch = z.infer<typeof rulePatch>;

export const checkBody = z.object({
  text: z.string().max(LIMITS.text, `must be at most ${LIMITS.text} characters`),
  channelIds: z.array(z.uuid('must be a UUID')).max(50, 'must have at most 50 entries').optional(),
  /** When the post would go out; frequency limits count the day or week around it. Default: now. */
  scheduledAt: z.iso.datetime({ offset: true, message: 'must be an ISO date and time' }).optional(),
});
