// Checks on what we say and what we watch: topics in and out of bounds, how we do not want to appear, the
// offensive and defensive presence, and listening for our own names (000/001: the net-neutrality storm;
// 002, advice 4, 5, 6 and 10; 003, practices 2 and 4).
import { compile, tokenize, validate } from '../../../listening/query/index.ts';
import { DEFENSIVE_WATCH_KINDS, SIGNAL_WATCH_KINDS } from '../../vocabulary.ts';
import type { Finding, HealthCheck, StrategySnapshot } from '../types.ts';

export function checkTopicsOut(s: StrategySnapshot): Finding[] {
  if (s.topics.some((t) => t.stance === 'out')) return [];
  return [{ check: 'topics-out', severity: 'warning', fix: { section: 'topics', anchor: 'topics-out' } }];
}

export function checkTopicsIn(s: StrategySnapshot): Finding[] {
  if (s.topics.some((t) => t.stance === 'in')) return [];
  return [{ check: 'topics-in', severity: 'warning', fix: { section: 'topics', anchor: 'topics-in' } }];
}

export function checkTopicExamples(s: StrategySnapshot): Finding[] {
  return s.topics
    .filter((t) => t.examples.length === 0)
    .map((t) => ({
      check: 'topic-examples',
      severity: 'info',
      subject: { kind: 'topic', id: t.id, name: t.name },
      params: { stance: t.stance },
      fix: { section: 'topics', anchor: `topic-${t.id}` },
    }));
}

export function checkNotAppear(s: StrategySnapshot): Finding[] {
  if (s.plan.notAppear.trim()) return [];
  return [{ check: 'not-appear', severity: 'warning', fix: { section: 'topics', anchor: 'not-appear' } }];
}

/** The offensive presence: a vision, and the key messages that carry it (003, practice 2). */
export function checkOffensive(s: StrategySnapshot): Finding[] {
  const findings: Finding[] = [];
  if (!s.plan.vision.trim())
    findings.push({
      check: 'offensive',
      severity: 'warning',
      variant: 'vision',
      fix: { section: 'presence', anchor: 'vision' },
    });
  if (s.plan.keyMessages.length === 0)
    findings.push({
      check: 'offensive',
      severity: 'warning',
      variant: 'messages',
      fix: { section: 'presence', anchor: 'key-messages' },
    });
  return findings;
}

export function checkDefensive(s: StrategySnapshot): Finding[] {
  if (s.watchTerms.some((w) => DEFENSIVE_WATCH_KINDS.includes(w.kind))) return [];
  return [{ check: 'defensive', severity: 'warning', fix: { section: 'presence', anchor: 'watch' } }];
}

export const normalise = (text: string) =>
  text
    .toLocaleLowerCase('nb')
    .replace(/["“”„«»]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** Whether a term (a watched name, a monitor's term) names the person. */
export function namesPerson(term: string, name: string): boolean {
  const t = normalise(term);
  const n = normalise(name);
  return n.length > 0 && t.length > 0 && (t.includes(n) || (n.includes(t) && t.includes(' ')));
}

export function checkLeaderNameWatched(s: StrategySnapshot): Finding[] {
  const leader = s.plan.leaderName;
  if (!leader) return [];
  if (s.watchTerms.some((w) => w.kind === 'leader' || namesPerson(w.term, leader))) return [];
  return [
    {
      check: 'leader-name-watched',
      severity: 'warning',
      params: { leader },
      fix: { section: 'presence', anchor: 'watch' },
    },
  ];
}

type MonitorSignal = NonNullable<StrategySnapshot['signals']['monitors']>[number];

/** A monitor's query compiled by Listening's own engine; null when it no longer parses. */
function compiledMonitors(monitors: MonitorSignal[]) {
  return monitors.map((m) => {
    try {
      return { monitor: m, query: compile(m.query) };
    } catch {
      return { monitor: m, query: null };
    }
  });
}

/** A handle as people write it in a post: @name, or @user@host for Mastodon. */
export const asMention = (handle: string) => `@${handle.trim().replace(/^@/, '')}`;

/** Connected channels the leader owns. */
export function leaderChannels(s: StrategySnapshot) {
  const leaderId = s.plan.leaderUserId;
  if (leaderId === null) return [];
  return (s.signals.connectedChannels ?? []).filter((c) => c.ownerUserId === leaderId);
}

/**
 * Which monitors would catch a post that says only this: the name or the handle, tested with the query engine
 * that Listening runs, so `"Astrid Berg"`, `astrid AND berg` and `berg` count and `"Astrid Bergen"` does not.
 */
export function monitorsCovering(
  monitors: MonitorSignal[],
  text: string,
): { active: string[]; paused: string[] } {
  const post = tokenize({ id: 'probe', text });
  const active: string[] = [];
  const paused: string[] = [];
  for (const { monitor, query } of compiledMonitors(monitors)) {
    if (!query?.test(post)) continue;
    (monitor.active ? active : paused).push(monitor.id);
  }
  return { active, paused };
}

/** A monitor query that covers the name and the handles, for the "create a monitor" link. */
export function suggestedQuery(name: string, handles: readonly string[] = []): string {
  const phrase = name
    .replace(/["“”„«»]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const parts = [phrase.includes(' ') ? `"${phrase}"` : phrase, ...handles.map(asMention)].filter(
    (p) => p && validate(p).ok,
  );
  return parts.join(' OR ');
}

const newMonitor = (name: string, query: string) =>
  `/listen/monitors/new?${new URLSearchParams({ name, query }).toString()}`;

/** Listening's monitors against the names we said we protect; the leader's own name above all (000/001). */
export function checkMonitors(s: StrategySnapshot): Finding[] {
  const monitors = s.signals.monitors;
  const leader = s.plan.leaderName ?? '';
  if (monitors === null)
    return [
      { check: 'monitors', severity: 'info', unavailable: true, params: { leader }, fix: { area: 'listen' } },
    ];
  const findings: Finding[] = [];
  const uncovered = (
    term: string,
    variant: 'leader' | 'term',
    severity: 'critical' | 'warning',
    handles: string[],
    subject?: Finding['subject'],
  ) => {
    const found = monitorsCovering(monitors, term);
    if (found.active.length > 0) return;
    const paused = monitors.find((m) => m.id === found.paused[0]);
    if (paused)
      findings.push({
        check: 'monitors',
        severity: 'warning',
        variant: `${variant}-paused`,
        ...(subject && { subject }),
        params: { leader, term, monitor: paused.name },
        fix: { path: `/listen/monitors/${paused.id}/edit` },
      });
    else
      findings.push({
        check: 'monitors',
        severity,
        variant,
        ...(subject && { subject }),
        params: { leader, term },
        fix: { path: newMonitor(term, suggestedQuery(term, handles)) },
      });
  };
  const own = leaderChannels(s);
  if (leader)
    uncovered(
      leader,
      'leader',
      'critical',
      own.map((c) => c.handle),
    );
  // The leader's own accounts: people write @handle as often as the name.
  for (const c of own)
    uncovered(asMention(c.handle), 'term', 'warning', [], { kind: 'channel', id: c.id, name: c.handle });
  for (const w of s.watchTerms) {
    if (!DEFENSIVE_WATCH_KINDS.includes(w.kind) || (leader && namesPerson(w.term, leader))) continue;
    uncovered(w.term, 'term', 'warning', [], { kind: 'watch', id: w.id, name: w.term });
  }
  return findings;
}

/** Scouting signals about competitors and thought leaders (003, practice 4). */
export function checkSignals(s: StrategySnapshot): Finding[] {
  if (s.watchTerms.some((w) => SIGNAL_WATCH_KINDS.includes(w.kind))) return [];
  return [{ check: 'signals', severity: 'info', fix: { section: 'presence', anchor: 'watch' } }];
}

export const VOICE_CHECKS: HealthCheck[] = [
  { id: 'topics-out', weight: 2, run: checkTopicsOut },
  { id: 'topics-in', weight: 2, run: checkTopicsIn },
  { id: 'topic-examples', weight: 1, applies: (s) => s.topics.length > 0, run: checkTopicExamples },
  { id: 'not-appear', weight: 2, run: checkNotAppear },
  { id: 'offensive', weight: 2, run: checkOffensive },
  { id: 'defensive', weight: 2, run: checkDefensive },
  {
    id: 'leader-name-watched',
    weight: 2,
    applies: (s) => s.plan.leaderName !== null,
    run: checkLeaderNameWatched,
  },
  { id: 'monitors', weight: 3, run: checkMonitors },
  { id: 'signals', weight: 1, run: checkSignals },
];
