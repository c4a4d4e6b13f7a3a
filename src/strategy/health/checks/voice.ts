// Checks on what we say and what we watch: topics in and out of bounds, how we do not want to appear, the
// offensive and defensive presence, and listening for our own names (000/001: the net-neutrality storm;
// 002, advice 4, 5, 6 and 10; 003, practices 2 and 4).
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

/** Listening's monitors against the names we said we protect; the leader's own name above all. */
export function checkMonitors(s: StrategySnapshot): Finding[] {
  const monitors = s.signals.monitors;
  const leader = s.plan.leaderName ?? '';
  if (monitors === null)
    return [
      { check: 'monitors', severity: 'info', unavailable: true, params: { leader }, fix: { area: 'listen' } },
    ];
  const covered = (term: string) =>
    monitors.some((m) => m.terms.some((mt) => namesPerson(mt, term) || normalise(mt) === normalise(term)));
  const findings: Finding[] = [];
  if (leader && !covered(leader))
    findings.push({
      check: 'monitors',
      severity: 'critical',
      variant: 'leader',
      params: { leader, term: leader },
      fix: { area: 'listen' },
    });
  for (const w of s.watchTerms) {
    if (!DEFENSIVE_WATCH_KINDS.includes(w.kind) || covered(w.term) || (leader && namesPerson(w.term, leader)))
      continue;
    findings.push({
      check: 'monitors',
      severity: 'warning',
      variant: 'term',
      params: { leader, term: w.term },
      fix: { area: 'listen' },
    });
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
