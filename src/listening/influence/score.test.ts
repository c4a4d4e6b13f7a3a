// Influence scoring as a pure function: engagement by other relevant authors counts, weighted by who they are
// and how recent it is; self-engagement, engagement from people outside the topics and follower counts
// barely or not at all; every score explains itself.
import { describe, expect, it } from 'vitest';
import { type AuthorInput, type EdgeInput, networkRank, scoreAuthors } from './score.ts';

const NOW = Date.parse('2026-11-24T12:00:00Z');
const DAY = 86_400_000;
const author = (id: string, over: Partial<AuthorInput> = {}): AuthorInput => ({
  id,
  mentions: 1,
  monitors: 1,
  lastAt: NOW - DAY,
  followers: null,
  ...over,
});
const edge = (from: string, to: string, kind: EdgeInput['kind'] = 'reply', ageDays = 1): EdgeInput => ({
  from,
  to,
  kind,
  at: NOW - ageDays * DAY,
});

describe('influence score', () => {
  it('counts engagement by other relevant authors far above a huge follower count', () => {
    const s = scoreAuthors(
      [author('kari'), author('hans'), author('ola'), author('star', { followers: 5_000_000 })],
      [edge('hans', 'kari'), edge('ola', 'kari', 'quote')],
      NOW,
    );
    expect(s.get('kari')!.score).toBeGreaterThan(s.get('star')!.score);
    expect(s.get('kari')!.engagers).toBe(2);
    const parts = Object.fromEntries(s.get('kari')!.parts.map((p) => [p.key, p.count]));
    expect(parts).toEqual({ replies: 1, quotes: 1, monitors: 1, activity: 1 });
    const followers = s.get('star')!.parts.find((p) => p.key === 'followers')!;
    expect(followers.count).toBe(5_000_000);
    expect(followers.points).toBeLessThanOrEqual(3);
  });

  it('ignores self-engagement and engagement from authors with no matching mentions', () => {
    const s = scoreAuthors(
      [author('kari'), author('bot', { mentions: 0, monitors: 0 })],
      [edge('kari', 'kari'), edge('bot', 'kari'), edge('bot', 'kari', 'quote')],
      NOW,
    );
    expect(s.get('kari')!.engagers).toBe(0);
    expect(s.get('kari')!.parts.map((p) => p.key)).toEqual(['monitors', 'activity']);
    expect(s.get('bot')!.score).toBe(0);
  });

  it('values a reply from a well-connected author more than one from a peripheral author', () => {
    // hub is engaged with by three others; leaf by nobody. hub replies to a, leaf replies to b.
    const s = scoreAuthors(
      ['a', 'b', 'hub', 'leaf', 'x', 'y', 'z'].map((id) => author(id)),
      [edge('x', 'hub'), edge('y', 'hub'), edge('z', 'hub'), edge('hub', 'a'), edge('leaf', 'b')],
      NOW,
    );
    expect(s.get('a')!.score).toBeGreaterThan(s.get('b')!.score);
  });

  it('lets old engagement fade', () => {
    const s = scoreAuthors(
      [author('new'), author('old'), author('e1'), author('e2')],
      [edge('e1', 'new', 'reply', 1), edge('e2', 'old', 'reply', 60)],
      NOW,
    );
    expect(s.get('new')!.score).toBeGreaterThan(s.get('old')!.score);
  });

  it('counts each engager once, by their strongest engagement, and scores more engagers higher', () => {
    const one = scoreAuthors(
      [author('k'), author('e')],
      [edge('e', 'k'), edge('e', 'k'), edge('e', 'k', 'mention')],
      NOW,
    );
    const two = scoreAuthors([author('k'), author('e'), author('f')], [edge('e', 'k'), edge('f', 'k')], NOW);
    expect(one.get('k')!.engagers).toBe(1);
    expect(one.get('k')!.parts.find((p) => p.key === 'mentionedBy')!.count).toBe(1);
    expect(two.get('k')!.score).toBeGreaterThan(one.get('k')!.score);
    for (const s of [...one.values(), ...two.values()]) {
      expect(s.score).toBeGreaterThanOrEqual(0);
      expect(s.score).toBeLessThan(100);
    }
  });

  it('normalises the network rank so the most engaged-with author is 1', () => {
    const r = networkRank(['a', 'b', 'c'], [edge('a', 'c'), edge('b', 'c')], NOW);
    expect(r.get('c')).toBe(1);
    expect(r.get('a')!).toBeLessThan(1);
  });
});
