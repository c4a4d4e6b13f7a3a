// The training API's shapes as the UI reads them (src/training/service.ts and debrief.ts).
export type Persona = 'critic' | 'fan' | 'journalist' | 'customer' | 'troll' | 'ambassador' | 'colleague';

export interface DrillSummary {
  slug: string;
  source: 'builtin' | 'org';
  title: string;
  description: string;
  role: string;
  durationSeconds: number;
  beats: number;
  audience: { handle: string; name: string; persona: Persona }[];
}

export interface GuidelineHit {
  kind: 'out_of_bounds_topic' | 'banned_phrase' | 'missing_disclosure' | 'tone' | 'frequency';
  severity: 'block' | 'warn';
  match?: string;
  message: string;
  source: { label: string; text: string; version?: number };
}

export interface ReplyCheck {
  guidelineHits: GuidelineHit[];
  expected: string[];
  forbidden: { id: string; match: string }[];
  tone: { label: 'positive' | 'negative' | 'neutral'; score: number; lang: string; harsh: boolean };
}

export interface TimelineItem {
  id: string;
  kind: 'audience' | 'reply' | 'opening';
  author: string;
  name: string;
  persona: Persona | null;
  atMs: number;
  text: string;
  replyToEventId: string | null;
  quoteOfEventId: string | null;
  sandboxPostId: string | null;
  responseMs: number | null;
  deleted: boolean;
  deletedAtMs: number | null;
  check: ReplyCheck | null;
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

export interface DebriefAnswer {
  eventId: string;
  text: string;
  atMs: number;
  responseMs: number | null;
  deleted: boolean;
  deletedAtMs: number | null;
  check: ReplyCheck | null;
}

export interface Debrief {
  score: number;
  reasons: { code: ReasonCode; points: number; params: Record<string, string | number> }[];
  elapsedMs: number;
  respondWithinSeconds: number;
  medianResponseMs: number | null;
  replies: number;
  deletedReplies: DebriefAnswer[];
  beats: {
    eventId: string;
    beatId: string;
    member: string;
    name: string;
    persona: Persona;
    action: 'post' | 'reply' | 'quote' | 'criticise';
    atMs: number;
    text: string;
    skipped: boolean;
    expectsAnswer: boolean;
    answers: DebriefAnswer[];
  }[];
  expected: { id: string; label: string; met: boolean; phrases: string[] }[];
  forbidden: { id: string; label: string; used: boolean; phrases: string[] }[];
  summary: string;
}

export interface Run {
  id: string;
  kind: 'drill' | 'practice';
  drill: string;
  title: string;
  description: string;
  role: string;
  locale: string;
  startedAt: string;
  finishedAt: string | null;
  elapsedMs: number;
  durationMs: number;
  respondWithinSeconds: number;
  nextBeatInMs: number | null;
  trainee: { handle: string; name: string };
  audience: { handle: string; name: string; persona: Persona }[];
  mood: { atMs: number; score: number }[];
  timeline: TimelineItem[];
  score: number | null;
  debrief: Debrief | null;
}

export interface RunSummary {
  id: string;
  kind: 'drill' | 'practice';
  drillSlug: string;
  title: string;
  startedAt: string;
  finishedAt: string | null;
  score: number | null;
}

/** m:ss from milliseconds. */
export function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Seconds with one decimal below a minute, else m:ss. */
export function duration(ms: number): string {
  return ms < 60_000 ? `${(Math.round(ms / 100) / 10).toFixed(1)} s` : clock(ms);
}

export function initialsOf(name: string): string {
  const parts = name.split(/[\s._-]+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '?') + (parts[1]?.[0] ?? '')).toUpperCase();
}
