// What a client may send to the strategy workspace: one zod schema per kind of row, with messages that name
// the problem. Routes validate with these; the service checks what zod cannot (ids belong to this plan).
import { z } from 'zod';
import {
  COMMITMENTS,
  GOAL_ORIENTATIONS,
  KPI_KIND_NAMES,
  type KpiKind,
  NETWORKS,
  OBJECTIVES,
  PARTICIPATION,
  REACH_CHOICES,
  TEXT_LIMITS,
  TOPIC_STANCES,
  WATCH_KINDS,
} from './vocabulary.ts';

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { message: `must be one of ${values.join(', ')}` });

const shortText = (required: boolean) => {
  const base = z.string().trim().max(TEXT_LIMITS.short, `must be at most ${TEXT_LIMITS.short} characters`);
  return required ? base.min(1, 'is required') : base;
};
const longText = z.string().trim().max(TEXT_LIMITS.long, `must be at most ${TEXT_LIMITS.long} characters`);
const textList = z
  .array(shortText(false))
  .max(TEXT_LIMITS.list, `must have at most ${TEXT_LIMITS.list} entries`)
  // Blank lines from a textarea are not entries.
  .transform((list) => [...new Set(list.filter((s) => s.length > 0))]);
const id = z.uuid('must be a UUID');
const hours = z.number().min(0, 'must be 0 or more').max(168, 'must be at most 168 (the hours in a week)');
const unit = z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');
const measure = z.number().finite('must be a number').min(-1e12).max(1e12);
const isoDate = z.iso.date('must be a date such as 2026-06-30');

export const planPatch = z.object({
  purpose: longText.optional(),
  goalOrientation: oneOf(GOAL_ORIENTATIONS).nullable().optional(),
  reach: oneOf(REACH_CHOICES).nullable().optional(),
  leaderUserId: id.nullable().optional(),
  leaderBacking: longText.optional(),
  rewards: longText.optional(),
  peerNetwork: longText.optional(),
  vision: longText.optional(),
  keyMessages: textList.optional(),
  notAppear: longText.optional(),
});
export type PlanPatch = z.infer<typeof planPatch>;

// Create schemas leave optional fields out; the columns' defaults ('' / [] / null) fill them in.
const goalFields = {
  title: shortText(true),
  objective: oneOf(OBJECTIVES),
  objectiveNote: longText.optional(),
};

export const kpiParams = z
  .object({
    term: shortText(false).nullable().optional(),
    competitors: textList.nullable().optional(),
    channelId: id.nullable().optional(),
    audienceId: id.nullable().optional(),
    description: shortText(false).nullable().optional(),
    unitLabel: z.string().trim().max(40, 'must be at most 40 characters').nullable().optional(),
  })
  .strict();

const kpiFields = {
  kind: z.enum(KPI_KIND_NAMES as [KpiKind, ...KpiKind[]], {
    message: `must be one of ${KPI_KIND_NAMES.join(', ')}`,
  }),
  params: kpiParams.optional(),
  baseline: measure.nullable().optional(),
  target: measure.nullable().optional(),
  targetDate: isoDate.nullable().optional(),
};

const audienceFields = {
  name: shortText(true),
  participation: oneOf(PARTICIPATION),
  description: longText.optional(),
  offer: longText.optional(),
};

const channelFields = {
  network: oneOf(NETWORKS),
  handle: shortText(true),
  x: unit.nullable().optional(),
  y: unit.nullable().optional(),
  reason: longText.optional(),
  contentPlan: longText.optional(),
  postsPerWeek: z.number().min(0, 'must be 0 or more').max(500, 'must be at most 500').nullable().optional(),
  audienceIds: z.array(id).max(50, 'must have at most 50 entries').optional(),
  ownerUserId: id.nullable().optional(),
};

/** A channel is either placed on the matrix (x and y) or not (neither). */
const placedTogether = {
  check: (c: { x?: number | null; y?: number | null }) =>
    (c.x === undefined && c.y === undefined) ||
    (c.x !== undefined && c.y !== undefined && (c.x === null) === (c.y === null)),
  params: {
    message: 'x and y are set together: a channel is either placed on the matrix or not',
    path: ['x'],
  },
};

const topicFields = {
  stance: oneOf(TOPIC_STANCES),
  name: shortText(true),
  examples: textList.optional(),
  note: longText.optional(),
};

const watchTermFields = {
  kind: oneOf(WATCH_KINDS),
  term: shortText(true),
  note: longText.optional(),
};

const responsibilityFields = {
  userId: id,
  responsibility: shortText(true),
  hoursPerWeek: hours.nullable().optional(),
  commitment: oneOf(COMMITMENTS).nullable().optional(),
};

export const goalCreate = z.object(goalFields);
export const goalPatch = goalCreate.partial();
export const kpiCreate = z.object(kpiFields);
export const kpiPatch = kpiCreate.partial();
export const audienceCreate = z.object(audienceFields);
export const audiencePatch = audienceCreate.partial();
export const channelCreate = z.object(channelFields).refine(placedTogether.check, placedTogether.params);
export const channelPatch = z
  .object(channelFields)
  .partial()
  .refine(placedTogether.check, placedTogether.params);
export const topicCreate = z.object(topicFields);
export const topicPatch = topicCreate.partial();
export const watchTermCreate = z.object(watchTermFields);
export const watchTermPatch = watchTermCreate.partial();
export const responsibilityCreate = z.object(responsibilityFields);
export const responsibilityPatch = responsibilityCreate.partial();
