// Drills as data: the built-in files validate, broken ones name file and field, the timeline engine follows
// the script's conditions at the beats' own times, free practice answers in the post's language, and the debrief
// explains every point.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDebrief, checkReply, type EventForDebrief } from './debrief.ts';
import { builtInDrills, loadDrillDir } from './drills.ts';
import { dueBeats, findPhrase, type ReplyView } from './engine.ts';
import { practiceLocale, practiceScenario, topicWord } from './practice.ts';
import { scenarioDurationSeconds, scenarioProblems } from './scenario.ts';

const storm = () => builtInDrills().get('net-neutrality-storm')!;
const complaint = () => builtInDrills().get('customer-complaint')!;

describe('drill files', () => {
  it('the three built-in drills load, with every text in four languages', () => {
    const drills = builtInDrills();
    expect([...drills.keys()].sort()).toEqual([
      'ambassador-praise',
      'customer-complaint',
      'net-neutrality-storm',
    ]);
    for (const d of drills.values()) {
      for (const b of d.beats)
        for (const l of ['en', 'nb', 'da', 'de'] as const) expect(b.text[l].length).toBeGreaterThan(0);
      expect(scenarioDurationSeconds(d)).toBeGreaterThan(60);
    }
    // The storm's texts really differ by language (not English copies).
    expect(new Set(Object.values(storm().beats[0]!.text)).size).toBe(4);
  });

  it('a broken drill names the file and the field', () => {
    const bad = structuredClone(storm()) as unknown as Record<string, unknown> & {
      beats: Record<string, unknown>[];
    };
    (bad.beats[2]!.text as Record<string, string>).de = '';
    bad.beats[3]!.member = 'nobody';
    bad.beats[1]!.to = 'later';
    const result = scenarioProblems('storm.json', bad);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toContain('storm.json: beats[2].text.de: must not be empty');
    expect(problems).toContain('storm.json: beats[3].member: no audience member "nobody"');
    expect(problems).toContain('storm.json: beats[1].to: no beat "later" before this one');
  });

  it('a folder with a broken file stops with every problem listed', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drills-'));
    fs.writeFileSync(path.join(dir, 'a.json'), '{ not json');
    fs.writeFileSync(path.join(dir, 'b.json'), JSON.stringify({ ...storm(), title: { en: 'Only English' } }));
    expect(() => loadDrillDir(dir)).toThrow(/a\.json: not valid JSON[\s\S]*b\.json: title\.nb/);
  });
});

describe('the timeline engine', () => {
  const reply = (
    id: string,
    beat: string,
    atMs: number,
    text = 'ok',
    deletedAtMs: number | null = null,
  ): ReplyView => ({
    id,
    answersBeatId: beat,
    atMs,
    deletedAtMs,
    text,
  });

  it('posts beats as their time comes, never before', () => {
    const s = complaint();
    expect(dueBeats(s, 'en', 0, new Set(), []).map((d) => d.beat.id)).toEqual(['complaint']);
    expect(dueBeats(s, 'en', 29_999, new Set(['complaint']), [])).toEqual([]);
  });

  it('"unanswered" is judged at the beat time: an answer in time stops the follow-up, a late one does not', () => {
    const s = complaint();
    const inTime = dueBeats(s, 'en', 30_000, new Set(['complaint']), [reply('r1', 'complaint', 20_000)]);
    expect(inTime[0]).toMatchObject({ beat: { id: 'louder' }, skipped: true });
    const late = dueBeats(s, 'en', 40_000, new Set(['complaint']), [reply('r1', 'complaint', 35_000)]);
    expect(late[0]).toMatchObject({ beat: { id: 'louder' }, skipped: false });
    // A reply deleted before the beat's time does not count as an answer.
    const deleted = dueBeats(s, 'en', 30_000, new Set(['complaint']), [
      reply('r1', 'complaint', 10_000, 'x', 15_000),
    ]);
    expect(deleted[0]).toMatchObject({ beat: { id: 'louder' }, skipped: false });
  });

  it('"trainee_last" replies to the latest standing reply, else the fallback beat', () => {
    const s = complaint();
    const done = new Set(['complaint', 'louder', 'me-too']);
    const none = dueBeats(s, 'en', 70_000, done, []);
    expect(none[0]).toMatchObject({ beat: { id: 'when' }, replyTo: { kind: 'beat', beatId: 'complaint' } });
    const some = dueBeats(s, 'en', 70_000, done, [
      reply('r1', 'complaint', 10_000),
      reply('r2', 'me-too', 50_000),
    ]);
    expect(some[0]).toMatchObject({ replyTo: { kind: 'reply', replyId: 'r2' } });
  });

  it('answerContains / answerLacks pick one of two branches, in the drill language', () => {
    const s = complaint();
    const done = new Set(['complaint', 'louder', 'me-too', 'when', 'press', 'troll']);
    const kind = dueBeats(s, 'nb', 160_000, done, [
      reply('r', 'when', 80_000, 'Vi beklager! Du får kompensasjon.'),
    ]);
    expect(kind.map((d) => [d.beat.id, d.skipped])).toEqual([
      ['calmer', false],
      ['angrier', true],
    ]);
    const stingy = dueBeats(s, 'nb', 160_000, done, [reply('r', 'when', 80_000, 'Vi ser på saken.')]);
    expect(stingy.map((d) => [d.beat.id, d.skipped])).toEqual([
      ['calmer', true],
      ['angrier', false],
    ]);
  });

  it('phrases match whole words, case-insensitively', () => {
    expect(findPhrase('Sorry about that', 'sorry')).toBe(0);
    expect(findPhrase('Sorrytown', 'sorry')).toBe(-1);
    expect(findPhrase('Vi BEKLAGER', 'beklager')).toBe(3);
  });
});

describe('free practice', () => {
  it('answers in the post language with the post’s own word', () => {
    expect(
      practiceLocale('Vi lanserer et nytt fiberabonnement for hytteeiere i dag, og vi gleder oss!', 'en'),
    ).toBe('nb');
    expect(topicWord('Vi lanserer et nytt fiberabonnement for hytteeiere', 'nb')).toBe('fiberabonnement');
    const { scenario, locale } = practiceScenario(
      'Heute starten wir unseren neuen Glasfaseranschluss für Ferienhäuser!',
      'en',
    );
    expect(locale).toBe('de');
    const customer = scenario.beats.find((b) => b.id === 'customer')!;
    expect(customer.text.de).toContain('Glasfaseranschluss');
    expect(scenario.audience.map((m) => m.persona)).toEqual([
      'fan',
      'customer',
      'journalist',
      'critic',
      'troll',
    ]);
  });
});

describe('tone', () => {
  it('an apology the drill asks for is not held against the tone; a harsh reply is', () => {
    const s = complaint();
    const nb = checkReply(
      s,
      'nb',
      'Vi beklager! Feilen er rettet i morgen klokken 12, og du får kompensasjon.',
      [],
    );
    expect(nb.expected.sort()).toEqual(['apology', 'compensation', 'when']);
    expect(nb.tone.harsh).toBe(false);
    const harsh = checkReply(s, 'en', 'This is a ridiculous and pathetic complaint. Terrible attitude.', []);
    expect(harsh.tone.harsh).toBe(true);
  });

  it('every built-in storm post after the clip but the colleague’s reads negative or neutral in all languages', () => {
    const s = storm();
    for (const l of ['en', 'nb', 'da', 'de'] as const) {
      const scores = s.beats
        .filter((b) => b.id !== 'colleague')
        .map((b) => checkReply(s, l, b.text[l], []).tone.score);
      expect(
        scores.every((x) => x <= 0),
        `${l}: ${scores.join(', ')}`,
      ).toBe(true);
    }
  });
});

describe('the debrief', () => {
  it('scores with reasons: unanswered, slow, elements, forbidden, guideline hits and tone; deleted replies are noted', () => {
    const s = complaint();
    const ev = (
      e: Partial<EventForDebrief> & { id: string; kind: EventForDebrief['kind']; atMs: number },
    ): EventForDebrief => ({
      beatId: null,
      skipped: false,
      text: '',
      replyToEventId: null,
      responseMs: null,
      deletedAtMs: null,
      check: null,
      ...e,
    });
    const hit = {
      kind: 'out_of_bounds_topic' as const,
      severity: 'warn' as const,
      match: 'Telenor',
      message: 'x',
      source: { label: 'Competitors', text: 'x' },
    };
    const events = [
      ev({ id: 'a1', kind: 'audience', beatId: 'complaint', atMs: 0, text: 'Day three' }),
      ev({ id: 'a2', kind: 'audience', beatId: 'louder', atMs: 30_000, skipped: true }),
      ev({ id: 'a3', kind: 'audience', beatId: 'me-too', atMs: 45_000 }),
      ev({
        id: 'r1',
        kind: 'reply',
        atMs: 12_000,
        replyToEventId: 'a1',
        responseMs: 12_000,
        text: 'Calm down',
        deletedAtMs: 14_000,
        check: checkReply(s, 'en', 'Calm down', []),
      }),
      ev({
        id: 'r2',
        kind: 'reply',
        atMs: 20_000,
        replyToEventId: 'a1',
        responseMs: 20_000,
        text: 'Sorry! It is fixed tomorrow at 12:00 – better than Telenor.',
        check: checkReply(s, 'en', 'Sorry! It is fixed tomorrow at 12:00 – better than Telenor.', [hit]),
      }),
      ev({
        id: 'r3',
        kind: 'reply',
        atMs: 145_000,
        replyToEventId: 'a3',
        responseMs: 100_000,
        text: 'Check your router, this is terrible and awful.',
        check: checkReply(s, 'en', 'Check your router, this is terrible and awful.', []),
      }),
    ];
    const d = buildDebrief(s, 'en', events, 150_000);
    const codes = d.reasons.map((r) => `${r.code}:${r.points}`);
    expect(codes).toContain('quick:0');
    expect(codes).toContain('slow:-5');
    expect(codes).toContain('expected_met:0');
    expect(codes).toContain('expected_missing:-10');
    expect(codes).toContain('forbidden_used:-15');
    expect(codes).toContain('guideline_hit:-5');
    expect(codes).toContain('negative_tone:-5');
    expect(codes).toContain('deleted:0');
    // The deleted "calm down" is not held against the trainee.
    expect(d.forbidden.find((f) => f.id === 'calm-down')!.used).toBe(false);
    expect(d.deletedReplies.map((r) => r.eventId)).toEqual(['r1']);
    expect(d.beats.find((b) => b.beatId === 'louder')!.skipped).toBe(true);
    expect(d.score).toBe(100 + d.reasons.reduce((s2, r) => s2 + r.points, 0));
    expect(d.medianResponseMs).toBe(60_000);
  });
});
