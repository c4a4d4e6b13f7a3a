// The clusterer's pure parts: shingles and MinHash, link normalisation, entities, and the join rule — with a
// property test: a post and a small edit of it are joined; unrelated posts are not.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EnrichedPost, IncomingPost } from '../pipeline.ts';
import { joins } from './cluster.ts';
import { refsOf } from './index.ts';
import {
  bandKeys,
  entities,
  features,
  KIND,
  minhash,
  normaliseLink,
  refKey,
  shingles,
  similarity,
  storyLink,
} from './signature.ts';

/** Would the clusterer put b in a's story, judging by these two posts alone? */
function sameStory(a: Parameters<typeof features>[0], b: Parameters<typeof features>[0]): boolean {
  const fa = features(a);
  const fb = features(b);
  const aKeys = new Map(fa.keys.map((key, i) => [key, fa.kinds[i]!]));
  const m = {
    c: { mentionId: 'a', storyId: 's', minhash: fa.minhash },
    strong: false,
    band: false,
    entities: 0,
  };
  for (let i = 0; i < fb.keys.length; i++) {
    const key = fb.keys[i]!;
    const kind = fb.kinds[i]!;
    if (!aKeys.has(key)) continue;
    if (kind === KIND.link || kind === KIND.post) m.strong = true;
    else if (kind === KIND.band) m.band = true;
    else m.entities++;
  }
  return joins(fb, [m]).length === 1;
}

// Nordic-flavoured vocabulary so the words look like our users' posts; long enough that random posts rarely
// share a bigram.
const VOCAB = (
  'nettet kunder prisen tjenesten mobil dekning styret ledelsen regjeringen strøm fiber kabel ' +
  'selskapet rapporten kvartal resultat vekst fall aksjen børsen avtale konkurrent marked ansatte ' +
  'streik lønn sjefen uttalelse kritikk skandale ros lansering produkt app feil nedetid kundeservice ' +
  'nettnøytralitet personvern data sikkerhet angrep løsning plan strategi fremtid investering ' +
  'kommune fylke skole helse sykehus vei bane buss tog fly ferje hytte fjell sjø fisk laks olje gass ' +
  'vind sol vann regn snø kulde varme sommer vinter høst vår morgen kveld natt uke måned år'
).split(' ');

const word = fc.constantFrom(...VOCAB);
const post = fc.array(word, { minLength: 25, maxLength: 60 });

describe('MinHash over word bigrams', () => {
  it('is the same for the same text, and estimates Jaccard similarity', () => {
    const a = 'Telenor-sjefen sa at nettnøytralitet er en dårlig idé for kundene og for markedet i Norge';
    const sa = minhash(shingles(a))!;
    expect(minhash(shingles(a))).toEqual(sa);
    expect(similarity(sa, sa)).toBe(1);
    const b = `${a} i dag`;
    expect(similarity(sa, minhash(shingles(b))!)).toBeGreaterThan(0.6);
    const c = 'Været i Bergen var fint i dag med sol og lite vind langs kysten og i fjellet';
    expect(similarity(sa, minhash(shingles(c))!)).toBeLessThan(0.2);
    expect(bandKeys(sa)).toHaveLength(20);
  });

  it('gives texts of fewer than four bigrams no signature', () => {
    expect(minhash(shingles('Flott dag!'))).toBeNull();
    expect(features({ text: 'Flott dag!' }).kinds.filter((k) => k === KIND.band)).toHaveLength(0);
  });

  it('joins a post and a small edit of it (property)', () => {
    fc.assert(
      fc.property(
        post,
        fc.nat(),
        word,
        fc.constantFrom('replace', 'insert', 'delete', 'case', 'punct'),
        (w, at, nw, op) => {
          const i = at % w.length;
          const edited = [...w];
          if (op === 'replace') edited[i] = nw;
          else if (op === 'insert') edited.splice(i, 0, nw);
          else if (op === 'delete') edited.splice(i, 1);
          else if (op === 'case') edited[i] = edited[i]!.toUpperCase();
          else edited[i] = `${edited[i]}!`;
          return sameStory({ text: w.join(' ') }, { text: edited.join(' ') });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps unrelated posts apart (property)', () => {
    fc.assert(
      fc.property(post, post, (a, b) => {
        const shared = [...shingles(a.join(' '))].filter((s) => shingles(b.join(' ')).has(s)).length;
        fc.pre(shared <= 3);
        return !sameStory({ text: a.join(' ') }, { text: b.join(' ') });
      }),
      { numRuns: 300 },
    );
  });
});

describe('links', () => {
  it('strips tracking parameters, scheme, www, fragment and trailing slash; sorts the rest', () => {
    expect(normaliseLink('https://www.NRK.no/norge/sak-123/?utm_source=x&b=2&fbclid=abc&a=1#top')).toBe(
      'nrk.no/norge/sak-123?a=1&b=2',
    );
    expect(normaliseLink('http://nrk.no/norge/sak-123')).toBe('nrk.no/norge/sak-123');
    expect(normaliseLink('ftp://nrk.no/x')).toBeNull();
    expect(normaliseLink('not a link')).toBeNull();
  });

  it('does not cluster by a bare homepage', () => {
    expect(storyLink('https://www.nrk.no/')).toBeNull();
    expect(storyLink('https://www.nrk.no/?utm_source=x')).toBeNull();
    expect(storyLink('https://www.nrk.no/sak')).toBe('nrk.no/sak');
  });

  it('names a Bluesky post the same by at:// URI and by bsky.app address', () => {
    expect(refKey('at://did:plc:abc/app.bsky.feed.post/3kxyz')).toBe('bsky:3kxyz');
    expect(refKey('https://bsky.app/profile/kari.bsky.social/post/3kxyz')).toBe('bsky:3kxyz');
    expect(refKey('https://bsky.app/profile/did:plc:abc/post/3kxyz')).toBe('bsky:3kxyz');
  });
});

describe('entities', () => {
  it('finds capitalised names, @handles and #tags, without sentence-start words', () => {
    const e = entities(
      'Det sa Jon Fredrik Baksaas til @kari.bsky.social om #Nettnøytralitet. The New Board met.',
    );
    expect(e).toContain('jon fredrik baksaas');
    expect(e).toContain('@kari.bsky.social');
    expect(e).toContain('#nettnøytralitet');
    expect(e).toContain('new board');
    expect(e.some((x) => x.startsWith('det '))).toBe(false);
  });
});

describe('the join rule', () => {
  const article = 'https://www.fjordnytt.no/nyheter/telenor-sjefen-om-nettnoytralitet';
  it('joins posts in different languages that share a link', () => {
    expect(
      sameStory(
        { text: `Sjefen i Telenor mener nettnøytralitet er unødvendig ${article}` },
        {
          text: 'Der Chef von Telenor hält Netzneutralität für unnötig',
          links: [`${article}?utm_medium=social`],
        },
      ),
    ).toBe(true);
  });

  it('joins posts that share two names, but not one', () => {
    expect(
      sameStory(
        { text: 'Jon Fredrik Baksaas snakket om #nettnøytralitet i går' },
        { text: 'Jon Fredrik Baksaas sprach gestern über #nettnøytralitet und Kunden' },
      ),
    ).toBe(true);
    expect(
      sameStory(
        { text: 'Jon Fredrik Baksaas snakket om nettnøytralitet i går' },
        { text: 'Jon Fredrik Baksaas var på ferie i Spania med familien' },
      ),
    ).toBe(false);
  });

  it('joins a quote to the quoted post', () => {
    expect(
      sameStory(
        { text: 'Original post about the network', externalId: 'at://did:plc:abc/app.bsky.feed.post/3kq' },
        { text: 'Wrong, completely', refs: ['https://bsky.app/profile/kari.example/post/3kq'] },
      ),
    ).toBe(true);
  });
});

describe('what a mention points at', () => {
  const enriched = (post: Partial<IncomingPost>): EnrichedPost => ({
    post: { id: 'x1', text: '', source: 'mastodon', ...post },
    lang: 'nb',
    langConfidence: 1,
    sentiment: 'neutral',
    sentimentScore: 0,
    at: new Date(),
    monitorIds: [],
  });

  it("records a post's own @mentions, but not those in a repost's borrowed text", () => {
    const text = 'Spør @ola@fjord.social om nettleien https://energi.example.no/2026/nettleie';
    const own = refsOf('org', 'm1', enriched({ author: 'kari@fjord.social', text }));
    expect(own.filter((r) => r.kind === 'mention').map((r) => r.target)).toEqual(['h:ola@fjord.social']);
    const repost = refsOf(
      'org',
      'm2',
      enriched({ author: 'per@fjord.social', text, repostOf: 'https://chaos.social/users/hans/statuses/1' }),
    );
    expect(repost.map((r) => r.kind).sort()).toEqual(['link', 'repost', 'self']);
  });
});
