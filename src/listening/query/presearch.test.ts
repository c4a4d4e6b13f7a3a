// The presearcher: which keys a monitor is indexed by, the MonitorIndex's bookkeeping, and a property test
// that the indexed matcher agrees with the naive one on random queries and posts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describe as normalise, QueryError } from './ast.ts';
import { compile, type Monitor } from './match.ts';
import { parse } from './parser.ts';
import { type Post, tokenize } from './post.ts';
import { MonitorIndex } from './presearch.ts';
import { requiredKeys } from './required.ts';

const keys = (query: string) =>
  requiredKeys(parse(query))
    ?.keys.map((k) => `${k.space}:${k.key}${k.prefix ? '*' : ''}`)
    .sort() ?? null;

describe('required keys', () => {
  it('indexes a term by itself, and an OR by all its parts', () => {
    expect(keys('Telenor')).toEqual(['words:telenor']);
    expect(keys('telenor OR telia')).toEqual(['words:telenor', 'words:telia']);
    expect(keys('#nrk OR @nrk')).toEqual(['hashtags:nrk', 'mentions:nrk']);
  });

  it('indexes an AND, phrase or NEAR by its most selective part', () => {
    expect(keys('og AND nettnøytralitet')).toEqual(['words:nettnøytralitet']);
    expect(keys('"sosiale medier og ledere"')).toEqual(['words:sosiale']);
    expect(keys('nett NEAR/3 nøytralitet')).toEqual(['words:nøytralitet']);
    expect(keys('lang:nb AND telenor')).toEqual(['words:telenor']);
    expect(keys('telenor AND author:nrk')).toEqual(['author:nrk']);
  });

  it('indexes hyphenated terms by a part or the joined word', () => {
    expect(keys('net-neutralitet')).toEqual(['words:netneutralitet', 'words:neutralitet']);
  });

  it('indexes wildcards and URLs by prefix', () => {
    expect(keys('nett*')).toEqual(['words:nett*']);
    expect(keys('te?m')).toEqual(['words:te*']);
    expect(keys('url:nrk.no/sport')).toEqual(['url:nrk.no/sport*']);
    expect(keys('site:nrk.no')).toEqual(['site:nrk.no']);
  });

  it('has no keys when nothing positive is required', () => {
    expect(keys('NOT telenor')).toBeNull();
    expect(keys('telenor OR NOT telia')).toBeNull();
    expect(keys('NOT (a AND b) AND NOT c')).toBeNull();
  });
});

describe('MonitorIndex', () => {
  const post: Post = { id: 'p1', text: 'Telenor og Telia om nettnøytralitet', lang: 'nb' };

  it('adds, matches, replaces and removes monitors', () => {
    const index = new MonitorIndex();
    index.add('a', 'telenor');
    index.add('b', compile('telia AND NOT telenor'));
    index.add('c', 'NOT tele2');
    expect(index.size).toBe(3);
    expect(index.alwaysChecked).toBe(1);
    expect(index.match(post).sort()).toEqual(['a', 'c']);
    index.add('a', 'tele2');
    expect(index.match(post).sort()).toEqual(['c']);
    expect(index.remove('c')).toBe(true);
    expect(index.remove('c')).toBe(false);
    expect(index.alwaysChecked).toBe(0);
    expect(index.match(post)).toEqual([]);
    expect(index.has('b')).toBe(true);
  });

  it('checks only candidates', () => {
    const index = new MonitorIndex<number>();
    for (let i = 0; i < 100; i++) index.add(i, `telenor AND sjeldent${i}`);
    index.add(100, 'nettnøytralitet');
    const t = tokenize(post);
    expect(index.candidates(t)).toEqual([100]);
    expect(index.match(t)).toEqual([100]);
    expect(index.stats).toEqual({ posts: 1, candidates: 1 });
  });

  it('finds wildcard monitors through prefix buckets, and forgets them on removal', () => {
    const index = new MonitorIndex<number>();
    index.add(1, 'nett*');
    index.add(2, 'nettnøy*');
    index.add(3, 'ne?t');
    index.add(4, 'url:nrk.no/sport');
    const p = { id: 'x', text: 'nettnøytralitet nest', url: 'https://www.nrk.no/sport/1' };
    expect(index.match(p).sort()).toEqual([1, 2, 3, 4]);
    index.remove(1);
    index.remove(3);
    expect(index.match(p).sort()).toEqual([2, 4]);
    index.remove(2);
    index.remove(4);
    expect(index.candidates(p)).toEqual([]);
  });

  it('refuses a bad query with a QueryError and keeps the old monitor', () => {
    const index = new MonitorIndex();
    index.add('a', 'telenor');
    expect(() => index.add('a', '"telenor')).toThrow(QueryError);
    expect(index.match(post)).toEqual(['a']);
  });
});

// Random queries and posts over a small vocabulary, so that they often meet.
const WORDS = [
  'net',
  'neutralitet',
  'netneutralitet',
  'øl',
  'ol',
  'öl',
  'blåbær',
  'telenor',
  'telia',
  'og',
  'ja',
  'bt',
];
const cased = (w: string) =>
  fc.constantFrom(w, w.toUpperCase(), w[0]!.toUpperCase() + w.slice(1), w.normalize('NFD'));
const word = fc.constantFrom(...WORDS).chain(cased);

const postToken = fc.oneof(
  { weight: 6, arbitrary: word },
  { weight: 1, arbitrary: fc.tuple(word, word).map(([a, b]) => `${a}-${b}`) },
  { weight: 1, arbitrary: fc.tuple(word, word).map(([a, b]) => `#${a}${b[0]!.toUpperCase()}${b.slice(1)}`) },
  { weight: 1, arbitrary: word.map((w) => `@${w}`) },
  { weight: 1, arbitrary: fc.constantFrom(',', '.', '🚀', 'https://www.nrk.no/sport/1', 'x') },
);
const optional = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const postArb: fc.Arbitrary<Post> = fc.record({
  id: fc.constant('p'),
  text: fc.array(postToken, { maxLength: 14 }).map((t) => t.join(' ')),
  title: optional(fc.array(word, { maxLength: 4 }).map((t) => t.join(' '))),
  author: optional(fc.constantFrom('nrk', '@Telenor', 'telia')),
  lang: optional(fc.constantFrom('nb', 'nn', 'no', 'da', 'sv', 'de', 'en')),
  source: optional(fc.constantFrom('bluesky', 'mastodon', 'rss')),
  url: optional(fc.constantFrom('https://www.nrk.no/sport/1', 'https://telenor.no/a')),
  links: optional(fc.subarray(['https://vg.no/x', 'https://tv.nrk.no/y'])),
});

const wildcard = fc
  .tuple(fc.constantFrom(...WORDS.filter((w) => w.length >= 4)), fc.nat())
  .map(([w, n]) => (n % 2 ? `${w.slice(0, 3 + (n % (w.length - 2)))}*` : `${w.slice(0, 2)}?${w.slice(3)}`));
const phrase = fc
  .tuple(fc.array(word, { minLength: 1, maxLength: 3 }), optional(fc.nat(4)))
  .map(([ws, slop]) => `"${ws.join(' ')}"${slop === undefined ? '' : `~${slop}`}`);
const positional = fc.oneof(
  word,
  wildcard,
  phrase,
  fc.constantFrom('#netNeutralitet', '@telia', '{BT}', '{Øl}', 'net-neutralitet', '#øl'),
);
const field = fc.constantFrom(
  'author:nrk',
  'author:tel*',
  'lang:no',
  'lang:nb',
  'source:rss',
  'site:nrk.no',
  'url:nrk.no/sport',
  'links:vg.no*',
  'title:telenor',
  'title:"og ja"',
);
const queryArb: fc.Arbitrary<string> = fc.letrec<{ q: string }>((tie) => ({
  q: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    positional,
    field,
    fc
      .tuple(tie('q'), tie('q'), fc.constantFrom(' AND ', ' OR ', ' ', ' AND NOT '))
      .map(([a, b, op]) => a + op + b),
    tie('q').map((a) => `(${a})`),
    tie('q').map((a) => `NOT (${a})`),
    positional.map((a) => `-${a}`),
    fc
      .tuple(positional, positional, fc.nat(4), fc.constantFrom('NEAR/', 'ONEAR/'), fc.boolean())
      .map(([a, b, n, op, f]) => `${a} ${op}${n}${f && op === 'NEAR/' ? 'f' : ''} ${b}`),
    fc.tuple(positional, positional, positional).map(([a, b, c]) => `(${a} OR ${b}) NEAR/3 ${c}`),
  ),
})).q;

describe('presearcher property', () => {
  it('matches exactly what the naive matcher matches', () => {
    fc.assert(
      fc.property(
        fc.array(queryArb, { minLength: 1, maxLength: 12 }),
        fc.array(postArb, { minLength: 1, maxLength: 6 }),
        (queries, posts) => {
          const monitors: Monitor[] = queries.map((q) => compile(q));
          const index = new MonitorIndex<number>();
          for (const [i, m] of monitors.entries()) index.add(i, m);
          const check = (alive: (i: number) => boolean) => {
            for (const p of posts) {
              const t = tokenize(p);
              const naive = monitors.flatMap((m, i) => (alive(i) && m.test(t) ? [i] : []));
              expect(index.match(t).sort((a, b) => a - b)).toEqual(naive);
            }
          };
          check(() => true);
          for (let i = 0; i < monitors.length; i += 2) index.remove(i);
          check((i) => i % 2 === 1);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('gives a normalised form that parses back to itself and means the same', () => {
    fc.assert(
      fc.property(queryArb, fc.array(postArb, { minLength: 1, maxLength: 4 }), (query, posts) => {
        const normal = normalise(parse(query));
        expect(normalise(parse(normal))).toBe(normal);
        const [a, b] = [compile(query), compile(normal)];
        for (const p of posts) expect(b.test(tokenize(p))).toBe(a.test(tokenize(p)));
      }),
      { numRuns: 400 },
    );
  });
});
