// Checks on audiences: a defined audience with a reason to listen, reached by a channel, and high enough on the
// participation ladder for what the goals ask of it (002, advice 1 and 3; 003, practice 1; 004, point 1).
import { type Objective, PARTICIPATION, type Participation } from '../../vocabulary.ts';
import type { Finding, HealthCheck, StrategySnapshot } from '../types.ts';

export function checkAudiencesExist(s: StrategySnapshot): Finding[] {
  if (s.audiences.length > 0) return [];
  return [{ check: 'audiences-exist', severity: 'critical', fix: { section: 'audiences' } }];
}

export function checkAudienceOffer(s: StrategySnapshot): Finding[] {
  return s.audiences
    .filter((a) => a.offer.trim().length === 0)
    .map((a) => ({
      check: 'audience-offer',
      severity: 'warning',
      subject: { kind: 'audience', id: a.id, name: a.name },
      fix: { section: 'audiences', anchor: `audience-${a.id}` },
    }));
}

/** An audience that no planned channel is meant for is an audience nobody talks to. */
export function checkAudienceReached(s: StrategySnapshot): Finding[] {
  const reached = new Set(s.channels.flatMap((c) => c.audienceIds));
  return s.audiences
    .filter((a) => !reached.has(a.id))
    .map((a) => ({
      check: 'audience-reached',
      severity: 'warning',
      subject: { kind: 'audience', id: a.id, name: a.name },
      fix: { section: 'channels', anchor: 'channel-list' },
    }));
}

/**
 * Goals that need people who act, not only read: co-innovation needs critics and creators, ambassadors need at
 * least joiners who pass things on. The lowest rung each objective needs on the ladder.
 */
export const LADDER_NEEDS: Partial<Record<Objective, Participation>> = {
  co_innovation: 'critics',
  ambassadors: 'joiners',
};

const rung = (p: Participation) => PARTICIPATION.indexOf(p);

export function checkParticipationFit(s: StrategySnapshot): Finding[] {
  const highest = Math.max(...s.audiences.map((a) => rung(a.participation)));
  const findings: Finding[] = [];
  for (const [objective, needed] of Object.entries(LADDER_NEEDS) as [Objective, Participation][]) {
    const goal = s.goals.find((g) => g.objective === objective);
    if (goal && highest < rung(needed)) {
      findings.push({
        check: 'participation-fit',
        severity: 'warning',
        subject: { kind: 'goal', id: goal.id, name: goal.title },
        params: { objective, needed },
        fix: { section: 'audiences' },
      });
    }
  }
  return findings;
}

const hasAudiences = (s: StrategySnapshot) => s.audiences.length > 0;

export const AUDIENCE_CHECKS: HealthCheck[] = [
  { id: 'audiences-exist', weight: 3, run: checkAudiencesExist },
  { id: 'audience-offer', weight: 2, applies: hasAudiences, run: checkAudienceOffer },
  {
    id: 'audience-reached',
    weight: 2,
    applies: (s) => hasAudiences(s) && s.channels.length > 0,
    run: checkAudienceReached,
  },
  {
    id: 'participation-fit',
    weight: 2,
    applies: (s) => hasAudiences(s) && s.goals.some((g) => g.objective in LADDER_NEEDS),
    run: checkParticipationFit,
  },
];
