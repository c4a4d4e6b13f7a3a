// Parsing monitor queries: structure, precedence, the normalised form, and every refusal with its position.
import { expect, describe as group, it } from 'vitest';
import { describe, QueryError, type QueryNode } from './ast.ts';
import { validate } from './match.ts';
import { parse } from './parser.ts';

/** Fully parenthesised structure, to see precedence. */
function tree(node: QueryNode): string {
  switch (node.kind) {
    case 'and':
    case 'or':
      return `${node.kind}(${node.children.map(tree).join(', ')})`;
    case 'not':
      return `not(${tree(node.child)})`;
    case 'near':
      return `near${node.ordered ? 'f' : ''}/${node.distance}(${tree(node.left)}, ${tree(node.right)})`;
    case 'field':
      return `${node.field}:${tree(node.value)}`;
    case 'phrase':
      return `"${node.text}"${node.slop === undefined ? '' : `~${node.slop}`}`;
    case 'case':
      return `{${node.text}}`;
    case 'hashtag':
      return `#${node.text}`;
    case 'mention':
      return `@${node.text}`;
    case 'term':
      return node.text;
  }
}

const t = (q: string) => tree(parse(q));

function refusal(query: string): { position: number; message: string } {
  try {
    parse(query);
  } catch (err) {
    if (err instanceof QueryError) return { position: err.position, message: err.message };
    throw err;
  }
  throw new Error(`accepted: ${query}`);
}

group('operators and precedence', () => {
  it('reads AND, OR, NOT and parentheses', () => {
    expect(t('a AND b')).toBe('and(a, b)');
    expect(t('a OR b')).toBe('or(a, b)');
    expect(t('NOT a')).toBe('not(a)');
    expect(t('(a OR b) AND c')).toBe('and(or(a, b), c)');
  });

  it('binds NOT tighter than AND, and AND tighter than OR', () => {
    expect(t('a OR b AND c')).toBe('or(a, and(b, c))');
    expect(t('a AND b OR c')).toBe('or(and(a, b), c)');
    expect(t('NOT a AND b')).toBe('and(not(a), b)');
    expect(t('NOT a OR b')).toBe('or(not(a), b)');
    expect(t('a AND NOT b OR c')).toBe('or(and(a, not(b)), c)');
    expect(t('NOT (a OR b)')).toBe('not(or(a, b))');
  });

  it('joins adjacent terms with an implicit AND', () => {
    expect(t('a b')).toBe('and(a, b)');
    expect(t('a b OR c')).toBe('or(and(a, b), c)');
    expect(t('a NOT b')).toBe('and(a, not(b))');
  });

  it('reads -term as NOT, also before phrases and groups', () => {
    expect(t('a -b')).toBe('and(a, not(b))');
    expect(t('-"x y" a')).toBe('and(not("x y"), a)');
    expect(t('a -(b OR c)')).toBe('and(a, not(or(b, c)))');
    expect(t('net-neutralitet')).toBe('net-neutralitet');
  });

  it('flattens chains of the same operator', () => {
    expect(t('a AND b AND c')).toBe('and(a, b, c)');
    expect(t('a AND (b AND c)')).toBe('and(a, b, c)');
    expect(t('a OR (b OR c) OR d')).toBe('or(a, b, c, d)');
  });

  it('keeps lowercase and/or/not as words (and = duck, or = alder)', () => {
    expect(t('and or not')).toBe('and(and, or, not)');
    expect(t('And')).toBe('And');
  });
});

group('terms', () => {
  it('reads phrases, proximity, case-sensitive terms, hashtags and mentions', () => {
    expect(t('"net neutralitet"')).toBe('"net neutralitet"');
    expect(t('"net neutralitet"~5')).toBe('"net neutralitet"~5');
    expect(t('{BT}')).toBe('{BT}');
    expect(t('{Big Tech}')).toBe('{Big Tech}');
    expect(t('#nettnøytralitet')).toBe('#nettnøytralitet');
    expect(t('@nrk.no')).toBe('@nrk.no');
  });

  it('accepts typographic quotes pasted from documents', () => {
    expect(t('“net neutralitet”')).toBe('"net neutralitet"');
    expect(t('«sosiale medier»')).toBe('"sosiale medier"');
  });

  it('reads NEAR/n, NEAR/nf and ONEAR/n', () => {
    expect(t('a NEAR/3 b')).toBe('near/3(a, b)');
    expect(t('a NEAR/3f b')).toBe('nearf/3(a, b)');
    expect(t('a ONEAR/3 b')).toBe('nearf/3(a, b)');
    expect(t('a NEAR/0 b')).toBe('near/0(a, b)');
  });

  it('binds NEAR tighter than NOT and AND, chaining to the left', () => {
    expect(t('x a NEAR/2 b')).toBe('and(x, near/2(a, b))');
    expect(t('NOT a NEAR/2 b')).toBe('not(near/2(a, b))');
    expect(t('a NEAR/2 b NEAR/4 c')).toBe('near/4(near/2(a, b), c)');
    expect(t('(a OR "b c") NEAR/5 #d')).toBe('near/5(or(a, "b c"), #d)');
  });

  it('accepts wildcards at the end with a stem of three, and ? inside', () => {
    expect(t('nett*')).toBe('nett*');
    expect(t('nøy*')).toBe('nøy*');
    expect(t('te?m')).toBe('te?m');
    expect(t('#nett*')).toBe('#nett*');
  });
});

group('fields', () => {
  it('reads every field, with words, phrases and groups', () => {
    expect(t('author:nrk')).toBe('author:nrk');
    expect(t('author:@nrk')).toBe('author:@nrk');
    expect(t('site:nrk.no')).toBe('site:nrk.no');
    expect(t('url:https://nrk.no/x')).toBe('url:https://nrk.no/x');
    expect(t('links:nrk.no/sport*')).toBe('links:nrk.no/sport*');
    expect(t('lang:no')).toBe('lang:no');
    expect(t('title:"net neutralitet"')).toBe('title:"net neutralitet"');
    expect(t('source:bluesky')).toBe('source:bluesky');
    expect(t('author:(nrk OR tv2)')).toBe('author:or(nrk, tv2)');
    expect(t('title:(a NEAR/2 b)')).toBe('title:near/2(a, b)');
    expect(t('title:{BT}')).toBe('title:{BT}');
    expect(t('Lang:NB')).toBe('lang:NB');
  });

  it('binds a field to its value only', () => {
    expect(t('lang:no telenor')).toBe('and(lang:no, telenor)');
    expect(t('-lang:en telenor')).toBe('and(not(lang:en), telenor)');
    expect(t('a OR author:b')).toBe('or(a, author:b)');
  });

  it('takes operator words literally as a field value', () => {
    expect(t('author:AND')).toBe('author:AND');
  });
});

group('normalised form', () => {
  it('spells operators one way, folds terms and adds only needed parentheses', () => {
    const cases: [string, string][] = [
      ['Telenor -Telia', 'telenor AND NOT telia'],
      ['a ONEAR/3 b', 'a NEAR/3f b'],
      ['(a AND b) OR c', 'a AND b OR c'],
      ['a AND (b OR c)', 'a AND (b OR c)'],
      ['NOT (a AND b)', 'NOT (a AND b)'],
      ['(a OR b) NEAR/2 c', '(a OR b) NEAR/2 c'],
      ['a NEAR/2 (b NEAR/1 c)', 'a NEAR/2 (b NEAR/1 c)'],
      ['“Øl  og Brus”~4', '"øl og brus"~4'],
      ['{BT} #Nett @NRK', '{BT} AND #nett AND @nrk'],
      ['author:(NRK OR TV2) lang:nb', 'author:(nrk OR tv2) AND lang:nb'],
      ['title:{BT}', 'title:{BT}'],
      ['Blåbær*', 'blåbær*'],
    ];
    for (const [query, normal] of cases) {
      expect(describe(parse(query)), query).toBe(normal);
      expect(describe(parse(normal)), normal).toBe(normal);
    }
  });

  it('validate() gives the tree and normalised form, or the error for the editor', () => {
    const ok = validate('Telenor OR Telia');
    expect(ok).toMatchObject({ ok: true, normalised: 'telenor OR telia' });
    expect(validate('"nrk')).toEqual({
      ok: false,
      error: {
        position: 0,
        reason: 'unclosed quote',
        message: 'unclosed quote at 0',
        code: 'unclosedQuote',
        params: {},
      },
    });
    expect(validate('a NEAR/1001 b')).toMatchObject({ error: { code: 'nearMax', params: { max: '1000' } } });
    expect(validate('site:#nrk')).toMatchObject({
      error: { code: 'fieldCannotHoldHashtag', params: { field: 'site' } },
    });
  });
});

group('refusals', () => {
  it('names the position and the reason for every bad query', () => {
    const cases: [string, string][] = [
      ['', 'empty query at 0'],
      ['   ', 'empty query at 0'],
      ['telenor AND "net', 'unclosed quote at 12'],
      ['a ""', 'empty phrase at 2'],
      ['"a b"~', '~ needs a number after the phrase at 5'],
      ['"a b"~1001', 'proximity can be at most 1000 words at 5'],
      ['{BT', 'unclosed { at 0'],
      ['a { }', 'empty {} at 2'],
      ['a }', 'unmatched } at 2'],
      ['a - b', '- must be directly followed by a term at 2'],
      ['a -', '- must be directly followed by a term at 2'],
      ['a # b', '# needs a hashtag after it at 2'],
      ['@', '@ needs a name after it at 0'],
      ['a NEAR b', 'NEAR needs a distance, as in NEAR/3, at 2'],
      ['a NEAR/x b', 'NEAR needs a distance, as in NEAR/3, at 2'],
      ['a NEAR/1001 b', 'NEAR distance can be at most 1000 at 2'],
      ['a NEAR/3', 'NEAR needs a term on both sides at 2'],
      ['NEAR/3 b', 'NEAR needs a term on both sides at 0'],
      ['a NEAR/3 NOT b', 'NEAR needs a term on both sides at 2'],
      [
        'a NEAR/3 (b AND c)',
        'NEAR works on words, phrases and OR groups of them, not AND, NOT or fields at 9',
      ],
      ['lang:no NEAR/3 b', 'NEAR works on words, phrases and OR groups of them, not AND, NOT or fields at 0'],
      ['author:(a NEAR/2 b)', 'author: cannot hold NEAR at 10'],
      ['foo:bar', 'unknown field foo: at 0'],
      ['https://nrk.no', 'unknown field https: at 0'],
      ['author: nrk', 'author: needs a value at 0'],
      ['x lang:', 'lang: needs a value at 2'],
      ['a OR', 'OR needs a term on both sides at 2'],
      ['OR a', 'OR needs a term on both sides at 0'],
      ['a OR OR b', 'OR needs a term on both sides at 2'],
      ['a AND', 'AND needs a term on both sides at 2'],
      ['AND a', 'AND needs a term on both sides at 0'],
      ['(a AND) b', 'AND needs a term on both sides at 3'],
      ['a AND NOT', 'NOT needs a term after it at 6'],
      ['NOT', 'NOT needs a term after it at 0'],
      ['a NOT OR b', 'NOT needs a term after it at 2'],
      ['()', 'empty parentheses at 0'],
      ['a (b OR c', 'unclosed ( at 2'],
      ['a (', 'unclosed ( at 2'],
      ['a) b', 'unmatched ) at 1'],
      ['title:(author:x)', 'fields cannot be nested at 7'],
      ['a +++', 'term has no letters or digits at 2'],
      ['te*m', 'wildcard * only at the end of a word at 2'],
      ['a "ne*t nøy"', 'wildcard * only at the end of a word at 5'],
      ['a "net* nøy"~2 x*', 'wildcard needs at least 3 letters before * at 15'],
      ['ne*', 'wildcard needs at least 3 letters before * at 0'],
      ['#ne*', 'wildcard needs at least 3 letters before * at 1'],
      ['?ost', '? cannot start a word at 0'],
      ['#net-nøytralitet', 'a hashtag holds only letters, digits and _ at 0'],
      ['@nrk/x', 'a mention holds only letters, digits and _ . - @ at 0'],
      ['site:#nrk', 'site: cannot hold a hashtag at 5'],
      ['url:{X}', 'url: cannot hold a {case-sensitive} term at 4'],
      ['lang:@nrk', 'lang: cannot hold a mention at 5'],
      ['lang:norsk', 'lang: needs a two-letter ISO 639-1 code such as nb, nn, no, da, sv, de, en at 5'],
      ['source:blue/sky', 'source: needs a source name such as bluesky, mastodon or rss at 7'],
      ['site:nrk', 'site: needs a domain such as nrk.no at 5'],
      ['site:nrk.no/sport', 'site: needs a domain such as nrk.no at 5'],
      ['site:*.nrk.no', 'site: needs a domain such as nrk.no at 5'],
      ['url:nrk*.no', 'wildcard * only at the end of a url: value at 4'],
      ['links:*', 'links: needs an address at 6'],
      ['author:ab*', 'wildcard needs at least 3 letters before * at 7'],
      ['author:a*b', 'wildcard * only at the end of a word at 7'],
    ];
    for (const [query, message] of cases) {
      const { position, message: got } = refusal(query);
      expect(got, query).toBe(message);
      expect(message.endsWith(` at ${position}`), query).toBe(true);
      // Every reason has a code the UI can translate.
      const v = validate(query);
      expect(v.ok ? null : v.error.code, query).not.toBe('other');
    }
  });

  it('is a QueryError with position and reason', () => {
    try {
      parse('telenor AND (telia');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(QueryError);
      expect(err).toMatchObject({ position: 12, reason: 'unclosed (', message: 'unclosed ( at 12' });
    }
  });
});
