// The post tokenizer and folding: Nordic letters, Unicode forms, compounds, hashtags, mentions, links, emoji.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from './match.ts';
import { type Post, tokenize } from './post.ts';
import { fold, normaliseText } from './text.ts';
import { queryWords, splitCompound } from './words.ts';

const post = (text: string, extra: Partial<Post> = {}): Post => ({ id: 'p', text, ...extra });
/** Folded words with their [start, end) positions, in position order. */
function words(text: string): string[] {
  const out: [number, string][] = [];
  for (const [key, list] of tokenize(post(text)).body.words)
    for (const o of list)
      out.push([
        o.start * 100 + (o.end - o.start),
        `${key}@${o.start}${o.end > o.start + 1 ? `-${o.end}` : ''}`,
      ]);
  return out.sort((a, b) => a[0] - b[0]).map(([, w]) => w);
}

describe('fold', () => {
  it('lowercases and keeps æ ø å ä ö ü ß as letters of their own', () => {
    expect(fold('ØL')).toBe('øl');
    expect(fold('Blåbær')).toBe('blåbær');
    expect(fold('Öl Ärger Über Straße')).toBe('öl ärger über straße');
    expect(fold('ẞ')).toBe('ß');
    expect(fold('øl')).not.toBe(fold('ol'));
    expect(fold('å')).not.toBe(fold('a'));
    expect(fold('ä')).not.toBe(fold('æ'));
    expect(fold('ö')).not.toBe(fold('ø'));
  });

  it('drops other accents', () => {
    expect(fold('Idé Café Señor Crème')).toBe('ide cafe senor creme');
  });
});

describe('tokenize', () => {
  it('gives words positions, case-folded', () => {
    expect(words('Telenor sier NEI.')).toEqual(['telenor@0', 'sier@1', 'nei@2']);
  });

  it('treats NFC and NFD the same, and strips soft hyphens', () => {
    const nfd = 'Bla\u030abær og O\u0308l'; // å and Ö decomposed
    expect(words(nfd)).toEqual(['blåbær@0', 'og@1', 'öl@2']);
    expect(words('Schreib\u00adweise')).toEqual(['schreibweise@0']);
    expect(tokenize(post(nfd)).body.words.get('blåbær')![0]!.raw).toBe('Blåbær');
  });

  it('splits hyphenated compounds into parts and also joins them', () => {
    expect(words('net-neutralitet er viktig')).toEqual([
      'net@0',
      'netneutralitet@0-2',
      'neutralitet@1',
      'er@2',
      'viktig@3',
    ]);
    expect(words('IT-CEO-en')).toEqual(['it@0', 'itceoen@0-3', 'ceo@1', 'en@2']);
  });

  it('splits other joiners without joining', () => {
    expect(words('nrk.no sa: «ja»')).toEqual(['nrk@0', 'no@1', 'sa@2', 'ja@3']);
    expect(words("Ola's 10:30")).toEqual(['ola@0', 's@1', '10@2', '30@3']);
    expect(words('og/eller')).toEqual(['og@0', 'eller@1']);
  });

  it('does not join across spaces or double hyphens', () => {
    expect(words('net - neutralitet')).toEqual(['net@0', 'neutralitet@1']);
    expect(words('net--neutralitet')).toEqual(['net@0', 'neutralitet@1']);
  });

  it('keeps hashtags as their own kind, also as words, CamelCase split', () => {
    const t = tokenize(post('Se #NetNeutralitet og #øl'));
    expect([...t.body.hashtags.keys()]).toEqual(['netneutralitet', 'øl']);
    expect(words('Se #NetNeutralitet og #øl')).toEqual([
      'se@0',
      'net@1',
      'netneutralitet@1-3',
      'neutralitet@2',
      'og@3',
      'øl@4',
    ]);
    const snake = tokenize(post('#net_neutralitet'));
    expect([...snake.body.words.keys()]).toEqual(['net', 'neutralitet']);
    expect([...snake.body.hashtags.keys()]).toEqual(['net_neutralitet']);
  });

  it('does not take C#, &#39; or URL fragments for hashtags', () => {
    const t = tokenize(post('C# and &#39;x https://nrk.no/#anchor'));
    expect(t.body.hashtags.size).toBe(0);
  });

  it('reads mentions, Bluesky and Mastodon style, not e-mail addresses', () => {
    const t = tokenize(post('Hei @ola.bsky.social og @kari@mastodon.social, mail ola@nrk.no.'));
    expect([...t.body.mentions.keys()]).toEqual(['ola.bsky.social', 'kari@mastodon.social', 'kari']);
    expect(tokenize(post('(@nrk.)')).body.mentions.has('nrk')).toBe(true);
  });

  it('collects links from the text without making words of them', () => {
    const t = tokenize(
      post('Les https://www.nrk.no/sport/a?x=1. og www.vg.no), takk', { links: ['https://e24.no/x'] }),
    );
    expect(words('Les https://www.nrk.no/sport/a og takk')).toEqual(['les@0', 'og@2', 'takk@3']);
    expect(t.links).toEqual(['e24.no/x', 'nrk.no/sport/a?x=1', 'vg.no']);
  });

  it('makes emoji tokens', () => {
    expect(words('bra 🚀 ja')).toEqual(['bra@0', '🚀@1', 'ja@2']);
  });

  it('puts the title first, far from the text', () => {
    const t = tokenize(post('tekst her', { title: 'Tittel' }));
    expect(t.title.words.get('tittel')![0]!.start).toBe(0);
    expect(t.body.words.get('tittel')).toBeDefined();
    expect(t.body.words.get('tekst')![0]!.start).toBeGreaterThan(1000);
    expect(t.title.words.has('tekst')).toBe(false);
  });

  it('normalises the fields', () => {
    const t = tokenize(
      post('', {
        author: '@NRK.no',
        lang: 'nb-NO',
        source: 'RSS',
        url: 'https://WWW.nrk.no/nyheter/',
        links: ['http://tv.nrk.no/a'],
      }),
    );
    expect(t.author).toBe('nrk.no');
    expect(t.langs).toEqual(['nb', 'no']);
    expect(t.source).toBe('rss');
    expect(t.url).toBe('nrk.no/nyheter');
    expect([...t.hosts].sort()).toEqual(['nrk.no', 'tv.nrk.no']);
    expect(tokenize(post('', { lang: 'nno' })).langs).toEqual(['nn', 'no']);
  });

  it('handles letters outside the BMP and other scripts', () => {
    expect(words('𝐀bc Привет мир 東京')).toEqual(['𝐀bc@0', 'привет@1', 'мир@2', '東京@3']);
  });
});

describe('query words', () => {
  it('splits like posts do, keeping wildcards', () => {
    expect(queryWords('net-neutral* er, ok')).toEqual(['net-neutral*', 'er', 'ok']);
    expect(splitCompound('a-b.c-d')).toEqual({
      parts: ['a', 'b', 'c', 'd'],
      hyphenRuns: [
        [0, 2],
        [2, 4],
      ],
    });
  });
});

describe('posts and queries agree', () => {
  // The post scanner is hand-written for speed, the query side uses a regular expression: same word model?
  const chars = [
    ...'abøåæäöüßéAØÅÉ0-9',
    '-',
    "'",
    '.',
    ':',
    '_',
    '/',
    '’',
    ' ',
    ' ',
    ',',
    '!',
    '#',
    '@',
    '&',
    '🚀',
  ];
  const unit = fc.oneof(
    fc.constantFrom(...chars),
    fc.constantFrom('a\u030a', 'İ', 'Σ', '\u00ad', '❤\ufe0f', 'ẞ'),
  );

  it('every text matches the phrase of itself, and each of its words', () => {
    fc.assert(
      fc.property(
        fc.array(unit, { maxLength: 30 }).map((u) => u.join('')),
        (text) => {
          const words = queryWords(normaliseText(text));
          if (words.length === 0) return;
          const t = tokenize(post(text));
          expect(compile(`"${text}"`).test(t)).toBe(true);
          for (const w of words) expect(compile(`"${w}"`).test(t), w).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
