// One test per check on topics, presence and listening.
import { describe, expect, it } from 'vitest';
import { emptySnapshot, healthySnapshot, healthyWith } from '../fixtures.ts';
import {
  checkDefensive,
  checkLeaderNameWatched,
  checkMonitors,
  checkNotAppear,
  checkOffensive,
  checkSignals,
  checkTopicExamples,
  checkTopicsIn,
  checkTopicsOut,
  namesPerson,
  suggestedQuery,
} from './voice.ts';

describe('topics-out (000, risk area 2)', () => {
  it('warns when nothing is out of bounds', () => {
    expect(checkTopicsOut(emptySnapshot())).toMatchObject([{ fix: { anchor: 'topics-out' } }]);
    expect(
      checkTopicsOut(healthyWith((s) => (s.topics = s.topics.filter((t) => t.stance === 'in')))),
    ).toHaveLength(1);
    expect(checkTopicsOut(healthySnapshot())).toEqual([]);
  });
});

describe('topics-in (BI, advice 10)', () => {
  it('warns when there is nothing to talk about', () => {
    expect(
      checkTopicsIn(healthyWith((s) => (s.topics = s.topics.filter((t) => t.stance === 'out')))),
    ).toHaveLength(1);
    expect(checkTopicsIn(healthySnapshot())).toEqual([]);
  });
});

describe('topic-examples (BI, advice 6)', () => {
  it('advises example phrases for each topic without them', () => {
    const s = healthyWith((s) => (s.topics[1]!.examples = []));
    expect(checkTopicExamples(s)).toMatchObject([
      { severity: 'info', subject: { id: 't2' }, params: { stance: 'out' } },
    ]);
    expect(checkTopicExamples(healthySnapshot())).toEqual([]);
  });
});

describe('not-appear (BI, advice 5)', () => {
  it('warns when nobody wrote how we do not want to appear', () => {
    expect(checkNotAppear(emptySnapshot())).toMatchObject([
      { fix: { section: 'topics', anchor: 'not-appear' } },
    ]);
    expect(checkNotAppear(healthySnapshot())).toEqual([]);
  });
});

describe('offensive (003, practice 2)', () => {
  it('warns separately about a missing vision and missing key messages', () => {
    expect(checkOffensive(emptySnapshot()).map((f) => f.variant)).toEqual(['vision', 'messages']);
    expect(checkOffensive(healthyWith((s) => (s.plan.keyMessages = [])))).toMatchObject([
      { variant: 'messages' },
    ]);
    expect(checkOffensive(healthySnapshot())).toEqual([]);
  });
});

describe('defensive (003, practice 2; BI, advice 4)', () => {
  it('warns when no name or brand is protected; competitors alone do not count', () => {
    const s = healthyWith((s) => (s.watchTerms = s.watchTerms.filter((w) => w.kind === 'competitor')));
    expect(checkDefensive(s)).toHaveLength(1);
    expect(checkDefensive(healthySnapshot())).toEqual([]);
  });
});

describe('leader-name-watched (000/001: the net-neutrality storm)', () => {
  it("warns when the leader's own name is not watched", () => {
    const s = healthyWith((s) => (s.watchTerms = s.watchTerms.filter((w) => w.kind !== 'leader')));
    expect(checkLeaderNameWatched(s)).toMatchObject([{ params: { leader: 'Astrid Berg' } }]);
    s.watchTerms.push({ id: 'w9', kind: 'person', term: '"astrid  BERG"' });
    expect(checkLeaderNameWatched(s)).toEqual([]);
    expect(checkLeaderNameWatched(healthySnapshot())).toEqual([]);
  });
  it('matches names, not fragments', () => {
    expect(namesPerson('Astrid Berg AS', 'Astrid Berg')).toBe(true);
    expect(namesPerson('Berg', 'Astrid Berg')).toBe(false);
    expect(namesPerson('Ærlig Øvre', 'ærlig øvre')).toBe(true);
  });
});

describe('monitors (000/001: the net-neutrality storm; Listening’s queries)', () => {
  it('says honestly that it cannot check when the monitors cannot be read', () => {
    expect(checkMonitors(emptySnapshot())).toMatchObject([
      { severity: 'info', unavailable: true, fix: { area: 'listen' } },
    ]);
  });
  it("is critical when no monitor's query catches the leader's name, and warns for other protected names", () => {
    const s = healthyWith(
      (s) => (s.signals.monitors = [{ id: 'm', name: 'Competitors', query: 'Havkraft', active: true }]),
    );
    const found = checkMonitors(s);
    expect(found).toMatchObject([
      { severity: 'critical', variant: 'leader', params: { term: 'Astrid Berg' } },
      {
        severity: 'warning',
        variant: 'term',
        subject: { kind: 'channel', id: 'c3' },
        params: { term: '@astrid.fjellvind.no' },
      },
      {
        severity: 'warning',
        variant: 'term',
        subject: { kind: 'watch', id: 'w2' },
        params: { term: 'Fjellvind' },
      },
    ]);
    // The fix opens a new monitor with a query that covers the name and the leader's handle.
    const link = new URL(`http://x${(found[0]!.fix as { path: string }).path}`);
    expect(link.pathname).toBe('/listen/monitors/new');
    expect(link.searchParams.get('query')).toBe('"Astrid Berg" OR @astrid.fjellvind.no');
    expect(checkMonitors(healthySnapshot())).toEqual([]);
  });
  it('tests the name against the query engine, not by substring', () => {
    const covers = (query: string) =>
      checkMonitors(
        healthyWith((s) => {
          s.signals.monitors = [{ id: 'm', name: 'M', query, active: true }];
          s.signals.connectedChannels = [];
          s.watchTerms = s.watchTerms.filter((w) => w.kind !== 'brand');
        }),
      ).length === 0;
    expect(covers('astrid AND berg')).toBe(true);
    expect(covers('berg NOT strøm')).toBe(true);
    expect(covers('"Astrid Bergen"')).toBe(false);
    expect(covers('"Astrid Berg" AND strøm')).toBe(false);
    expect(covers('astrid NOT berg')).toBe(false);
    expect(covers('(((')).toBe(false);
  });
  it('finds a paused monitor that would cover the name, and links to it', () => {
    const s = healthyWith((s) => (s.signals.monitors![0]!.active = false));
    expect(checkMonitors(s)[0]).toMatchObject({
      severity: 'warning',
      variant: 'leader-paused',
      params: { monitor: 'Our names' },
      fix: { path: '/listen/monitors/m1/edit' },
    });
  });
  it('suggests a query that parses, with names outside ASCII', () => {
    expect(suggestedQuery('Łukasz “Ōsaka” Nowak', ['@lukasz@mastodon.social'])).toBe(
      '"Łukasz Ōsaka Nowak" OR @lukasz@mastodon.social',
    );
    expect(suggestedQuery('Fjellvind')).toBe('Fjellvind');
  });
});

describe('signals (003, practice 4)', () => {
  it('advises scouting competitors and thought leaders', () => {
    expect(checkSignals(emptySnapshot())).toMatchObject([{ severity: 'info' }]);
    expect(checkSignals(healthySnapshot())).toEqual([]);
  });
});
