// What each operator, field and term form matches, on posts in our users' languages.
import { describe, expect, it } from 'vitest';
import { compile, matches } from './match.ts';
import type { Post } from './post.ts';

const post = (text: string, extra: Partial<Post> = {}): Post => ({ id: 'p', text, ...extra });
const hit = (query: string, p: Post | string) => matches(compile(query), typeof p === 'string' ? post(p) : p);

/** Asserts which of the texts the query matches. */
function only(query: string, texts: string[], expected: string[]): void {
  expect(
    texts.filter((t) => hit(query, t)),
    query,
  ).toEqual(expected);
}

describe('boolean operators', () => {
  const texts = ['telenor og telia', 'telenor alene', 'telia alene', 'ingen av dem'];

  it('AND, OR, NOT, AND NOT, -term and implicit AND', () => {
    only('telenor AND telia', texts, ['telenor og telia']);
    only('telenor telia', texts, ['telenor og telia']);
    only('telenor OR telia', texts, texts.slice(0, 3));
    only('NOT telenor', texts, ['telia alene', 'ingen av dem']);
    only('telenor AND NOT telia', texts, ['telenor alene']);
    only('telenor -telia', texts, ['telenor alene']);
    only('telenor NOT telia', texts, ['telenor alene']);
  });

  it('applies precedence NOT > AND > OR', () => {
    only('ingen OR telenor AND telia', texts, ['telenor og telia', 'ingen av dem']);
    only('(ingen OR telenor) AND telia', texts, ['telenor og telia']);
    only('NOT telenor OR telia', texts, ['telenor og telia', 'telia alene', 'ingen av dem']);
    only('NOT (telenor OR telia)', texts, ['ingen av dem']);
  });

  it('treats lowercase and/or/not as words', () => {
    only('and', ['en and i dammen', 'andelen'], ['en and i dammen']);
  });
});

describe('letters and case', () => {
  it('is case-insensitive by default', () => {
    expect(hit('telenor', 'TELENOR svarer')).toBe(true);
    expect(hit('TELENOR', 'Telenor svarer')).toBe(true);
  });

  it('keeps æ ø å ä ö ü ß apart from plain letters', () => {
    only('øl', ['kald øl', 'kald ol', 'kald öl', 'ØL nå'], ['kald øl', 'ØL nå']);
    only('blåbær', ['blåbær', 'blabaer', 'blabær', 'BLÅBÆR'], ['blåbær', 'BLÅBÆR']);
    only('straße', ['Straße', 'strasse'], ['Straße']);
    only('bär', ['der Bär', 'die Bar'], ['der Bär']);
    only('bar', ['der Bär', 'die Bar'], ['die Bar']);
  });

  it('matches composed and decomposed forms alike, both ways', () => {
    expect(hit('blåbær', 'bla\u030abær')).toBe(true);
    expect(hit('bla\u030abær', 'blåbær')).toBe(true);
    expect(hit('"kjøp blåbær"', 'Kjøp BLA\u030aBÆR')).toBe(true);
  });

  it('folds other accents', () => {
    expect(hit('ide', 'en god idé')).toBe(true);
    expect(hit('idé', 'en god ide')).toBe(true);
  });

  it('matches {exact case} only', () => {
    only('{BT}', ['BT skriver', 'bt skriver', 'Bt skriver'], ['BT skriver']);
    only('{Big Tech}', ['Big Tech', 'big tech', 'Big Tech-selskap'], ['Big Tech', 'Big Tech-selskap']);
    only('{IT-CEO}', ['IT-CEO', 'it-ceo', 'ITCEO'], ['IT-CEO', 'ITCEO']);
    only('{NRK*}', ['NRKs sjef', 'nrks sjef'], ['NRKs sjef']);
  });
});

describe('phrases and compounds', () => {
  it('matches exact phrases, across punctuation but not other words', () => {
    only(
      '"net neutralitet"',
      ['om net neutralitet', 'net, neutralitet', 'net og neutralitet', 'neutralitet net'],
      ['om net neutralitet', 'net, neutralitet'],
    );
  });

  it('finds hyphenated compounds from the phrase, the joined word and the hyphenated term', () => {
    const texts = ['net-neutralitet', 'net neutralitet', 'netneutralitet', 'nettnøytralitet'];
    only('"net neutralitet"', texts, ['net-neutralitet', 'net neutralitet']);
    only('netneutralitet', texts, ['net-neutralitet', 'netneutralitet']);
    only('net-neutralitet', texts, ['net-neutralitet', 'net neutralitet', 'netneutralitet']);
    only('neutralitet', texts, ['net-neutralitet', 'net neutralitet']);
  });

  it('continues a phrase after a joined compound', () => {
    expect(hit('"netneutralitet er viktig"', 'net-neutralitet er viktig')).toBe(true);
    expect(hit('"net-neutralitet er"', 'netneutralitet er')).toBe(true);
  });

  it('finds the words of CamelCase hashtags', () => {
    expect(hit('"net neutralitet"', 'dagens #NetNeutralitet')).toBe(true);
  });
});

describe('hashtags and mentions', () => {
  it('matches #tags as hashtags only, plain terms also in hashtags', () => {
    only('#nrk', ['#nrk nå', 'nrk nå', '@nrk nå'], ['#nrk nå']);
    only('nrk', ['#nrk nå', 'nrk nå', '@nrk nå'], ['#nrk nå', 'nrk nå']);
    only('#nett*', ['#nettvett', '#net', 'nettvett'], ['#nettvett']);
  });

  it('matches @mentions as mentions only', () => {
    only('@nrk', ['@nrk nå', 'nrk nå', '@NRK nå', '#nrk'], ['@nrk nå', '@NRK nå']);
    expect(hit('@kari', 'hei @kari@mastodon.social')).toBe(true);
    expect(hit('@kari@mastodon.social', 'hei @kari@mastodon.social')).toBe(true);
    expect(hit('@ola.bsky.social', 'takk @ola.bsky.social!')).toBe(true);
  });

  it('reads #tags and @mentions inside phrases as in posts', () => {
    only('"takk @ola"', ['takk @ola', 'takk ola', 'takk @kari'], ['takk @ola']);
    only('"stem #valg2025"', ['stem #Valg2025', 'stem valg2025'], ['stem #Valg2025', 'stem valg2025']);
  });
});

describe('emoji', () => {
  it('matches emoji as tokens, with or without a variation selector', () => {
    only('🚀', ['til månen 🚀', 'til månen', 'rakett🚀'], ['til månen 🚀', 'rakett🚀']);
    only('❤️', ['jeg ❤ NRK', 'jeg ❤️ NRK'], ['jeg ❤ NRK', 'jeg ❤️ NRK']);
    expect(hit('"❤ nrk"', 'jeg ❤️ NRK')).toBe(true);
  });
});

describe('wildcards', () => {
  it('matches trailing * on stems of three or more letters', () => {
    only('nett*', ['nett', 'nettvett', 'nettnøytralitet', 'net'], ['nett', 'nettvett', 'nettnøytralitet']);
    only('nøy*', ['nøytral', 'noytral', 'nöytral'], ['nøytral']);
  });

  it('matches ? as exactly one letter', () => {
    only('te?m', ['team', 'term', 'tem', 'teams', 'teøm'], ['team', 'term', 'teøm']);
    only('te?m*', ['teams', 'tem'], ['teams']);
  });

  it('works inside phrases and NEAR', () => {
    expect(hit('"sosiale medi*"', 'i sosiale medier')).toBe(true);
    expect(hit('leder* NEAR/2 medier', 'lederne i sosiale medier')).toBe(true);
  });
});

describe('proximity', () => {
  const text = 'lederne må være til stede i sosiale medier hver dag';

  it('NEAR/n allows n words between, in either order', () => {
    expect(hit('lederne NEAR/1 være', text)).toBe(true);
    expect(hit('lederne NEAR/0 være', text)).toBe(false);
    expect(hit('lederne NEAR/0 må', text)).toBe(true);
    expect(hit('medier NEAR/6 lederne', text)).toBe(true);
    expect(hit('medier NEAR/5 lederne', text)).toBe(false);
  });

  it('NEAR/nf and ONEAR/n keep the order', () => {
    expect(hit('lederne NEAR/6f medier', text)).toBe(true);
    expect(hit('medier NEAR/6f lederne', text)).toBe(false);
    expect(hit('medier ONEAR/6 lederne', text)).toBe(false);
    expect(hit('lederne ONEAR/6 medier', text)).toBe(true);
  });

  it('NEAR works on phrases and OR groups, and chains', () => {
    expect(hit('"sosiale medier" NEAR/5 (ledere OR lederne)', text)).toBe(true);
    expect(hit('"sosiale medier" NEAR/4 (ledere OR lederne)', text)).toBe(false);
    expect(hit('(twitter OR facebook) NEAR/3 lederne', text)).toBe(false);
    expect(hit('lederne NEAR/2 være NEAR/4 sosiale', text)).toBe(true);
  });

  it('needs separate occurrences for the same word', () => {
    expect(hit('ja NEAR/2 ja', 'ja takk')).toBe(false);
    expect(hit('ja NEAR/2 ja', 'ja takk ja')).toBe(true);
  });

  it('"a b"~n finds all the words with at most n others among them', () => {
    expect(hit('"lederne medier"~6', text)).toBe(true);
    expect(hit('"lederne medier"~5', text)).toBe(false);
    expect(hit('"medier lederne"~6', text)).toBe(true);
    expect(hit('"lederne sosiale dag"~7', text)).toBe(true);
    expect(hit('"lederne sosiale dag"~6', text)).toBe(false);
    expect(hit('"ja ja"~1', 'ja nei ja')).toBe(true);
    expect(hit('"ja ja"~1', 'ja nei')).toBe(false);
  });

  it('does not reach from the title into the text', () => {
    const p = post('sosiale medier', { title: 'Ledere' });
    expect(hit('ledere', p)).toBe(true);
    expect(hit('ledere NEAR/5 sosiale', p)).toBe(false);
    expect(hit('"ledere sosiale"', p)).toBe(false);
  });
});

describe('fields', () => {
  const p = post('Ny strategi for nettet', {
    author: '@Telenor',
    lang: 'nb',
    url: 'https://www.telenor.no/presse/2024/strategi',
    links: ['https://e24.no/naeringsliv/telenor/a/123', 'https://tv.nrk.no/x'],
    title: 'Telenor legger fram strategi',
    source: 'rss',
  });

  it('author: compares handles without @ and case, with a trailing wildcard', () => {
    expect(hit('author:telenor', p)).toBe(true);
    expect(hit('author:@TELENOR', p)).toBe(true);
    expect(hit('author:"Telenor"', p)).toBe(true);
    expect(hit('author:tele*', p)).toBe(true);
    expect(hit('author:telia', p)).toBe(false);
    expect(hit('author:(telia OR telenor)', p)).toBe(true);
  });

  it('site: matches the domain of the address or a link, and its subdomains', () => {
    expect(hit('site:telenor.no', p)).toBe(true);
    expect(hit('site:www.telenor.no', p)).toBe(true);
    expect(hit('site:nrk.no', p)).toBe(true);
    expect(hit('site:vg.no', p)).toBe(false);
    expect(hit('site:nrk.no', post('se https://www.nrk.no/a'))).toBe(true);
  });

  it('url: matches the address at or under a path; links: any link', () => {
    expect(hit('url:telenor.no/presse', p)).toBe(true);
    expect(hit('url:https://telenor.no/presse/2024/strategi/', p)).toBe(true);
    expect(hit('url:telenor.no/pres', p)).toBe(false);
    expect(hit('url:telenor.no/pres*', p)).toBe(true);
    expect(hit('url:e24.no', p)).toBe(false);
    expect(hit('links:e24.no/naeringsliv', p)).toBe(true);
    expect(hit('links:tv.nrk.no', p)).toBe(true);
    expect(hit('links:telenor.no', p)).toBe(false);
  });

  it('lang: takes ISO 639-1 codes, no covering nb and nn', () => {
    const nn = post('', { lang: 'nn' });
    const no = post('', { lang: 'no' });
    expect(hit('lang:nb', p)).toBe(true);
    expect(hit('lang:no', p)).toBe(true);
    expect(hit('lang:no', nn)).toBe(true);
    expect(hit('lang:nb', nn)).toBe(false);
    expect(hit('lang:no', no)).toBe(true);
    expect(hit('lang:nb', no)).toBe(false);
    expect(hit('lang:da', p)).toBe(false);
    expect(hit('lang:de', post('', { lang: 'de-AT' }))).toBe(true);
  });

  it('title: searches the title only; bare terms search title and text', () => {
    expect(hit('title:telenor', p)).toBe(true);
    expect(hit('title:nettet', p)).toBe(false);
    expect(hit('title:"legger fram"', p)).toBe(true);
    expect(hit('title:(legger NEAR/1 strategi)', p)).toBe(true);
    expect(hit('legger AND nettet', p)).toBe(true);
  });

  it('source: names the network', () => {
    expect(hit('source:rss', p)).toBe(true);
    expect(hit('source:bluesky', p)).toBe(false);
    expect(hit('strategi -source:rss', p)).toBe(false);
  });

  it('never matches a field the post does not have', () => {
    const bare = post('telenor');
    for (const q of [
      'author:telenor',
      'site:telenor.no',
      'url:telenor.no',
      'links:telenor.no',
      'lang:nb',
      'source:rss',
    ])
      expect(hit(q, bare), q).toBe(false);
  });
});
