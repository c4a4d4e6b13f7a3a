// Splits a monitor query into tokens. Operators are UPPERCASE only, as in Brandwatch: "and" is a duck in
// Norwegian and Danish, "or" an alder, so lowercase words stay words.
import { FIELDS, type FieldName, MAX_DISTANCE, QueryError } from './ast.ts';

export type Token =
  | { type: 'word' | 'case' | 'hashtag' | 'mention'; text: string; at: number }
  | { type: 'phrase'; text: string; slop?: number; at: number }
  /** A field name; its value token follows without a space. */
  | { type: 'field'; field: FieldName; at: number }
  | { type: 'near'; distance: number; ordered: boolean; at: number }
  | { type: 'and' | 'or' | 'not' | 'minus' | 'lparen' | 'rparen' | 'eof'; at: number };

/** Straight and typographic quotes all open and close phrases: queries get pasted from documents. */
const QUOTES = '"“”„«»';
const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);
const ends = (c: string | undefined) =>
  c === undefined || isSpace(c) || '(){}'.includes(c) || QUOTES.includes(c);
const NEAR = /^(O?)NEAR\/(\d+)(f?)$/;
const FIELD = /^([A-Za-z]+):/;

export function lex(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  /** After `field:` the next word is a value: never an operator, a field or a negation. */
  let value = false;

  const readWord = (): string => {
    const start = i;
    while (!ends(query[i])) i++;
    return query.slice(start, i);
  };

  while (i < query.length) {
    const c = query[i]!;
    const at = i;
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')') {
      tokens.push({ type: c === '(' ? 'lparen' : 'rparen', at });
      i++;
    } else if (QUOTES.includes(c)) {
      let close = i + 1;
      while (close < query.length && !QUOTES.includes(query[close]!)) close++;
      if (close >= query.length) throw new QueryError(at, 'unclosed quote');
      const text = query.slice(i + 1, close);
      if (!text.trim()) throw new QueryError(at, 'empty phrase');
      i = close + 1;
      let slop: number | undefined;
      if (query[i] === '~') {
        const digits = /^\d+/.exec(query.slice(i + 1))?.[0];
        if (!digits) throw new QueryError(i, '~ needs a number after the phrase');
        slop = Number(digits);
        if (slop > MAX_DISTANCE) throw new QueryError(i, `proximity can be at most ${MAX_DISTANCE} words`);
        i += 1 + digits.length;
      }
      tokens.push(slop === undefined ? { type: 'phrase', text, at } : { type: 'phrase', text, slop, at });
    } else if (c === '{') {
      const close = query.indexOf('}', i);
      if (close < 0) throw new QueryError(at, 'unclosed {');
      const text = query.slice(i + 1, close);
      if (!text.trim()) throw new QueryError(at, 'empty {}');
      tokens.push({ type: 'case', text, at });
      i = close + 1;
    } else if (c === '}') {
      throw new QueryError(at, 'unmatched }');
    } else if (c === '-' && !value) {
      const next = query[i + 1];
      if (next === undefined || isSpace(next) || next === ')' || next === '}')
        throw new QueryError(at, '- must be directly followed by a term');
      tokens.push({ type: 'minus', at });
      i++;
      continue;
    } else {
      const word = readWord();
      tokens.push(...classify(word, at, value));
      const last = tokens[tokens.length - 1]!;
      if (last.type === 'field') {
        const next = query[i];
        if (next === undefined || isSpace(next) || next === ')')
          throw new QueryError(at, `${last.field}: needs a value`);
        value = true;
        continue;
      }
    }
    value = false;
  }
  tokens.push({ type: 'eof', at: query.length });
  return tokens;
}

function classify(word: string, at: number, value: boolean): Token[] {
  if (word.startsWith('#') || word.startsWith('@')) {
    const text = word.slice(1);
    if (!text)
      throw new QueryError(at, word === '#' ? '# needs a hashtag after it' : '@ needs a name after it');
    return [{ type: word[0] === '#' ? 'hashtag' : 'mention', text, at }];
  }
  if (value) return [{ type: 'word', text: word, at }];
  if (word === 'AND') return [{ type: 'and', at }];
  if (word === 'OR') return [{ type: 'or', at }];
  if (word === 'NOT') return [{ type: 'not', at }];
  if (/^O?NEAR(\/|$)/.test(word)) {
    const m = NEAR.exec(word);
    if (!m) throw new QueryError(at, 'NEAR needs a distance, as in NEAR/3,');
    const distance = Number(m[2]);
    if (distance > MAX_DISTANCE) throw new QueryError(at, `NEAR distance can be at most ${MAX_DISTANCE}`);
    return [{ type: 'near', distance, ordered: m[1] === 'O' || m[3] === 'f', at }];
  }
  const field = FIELD.exec(word);
  if (field) {
    const name = field[1]!.toLowerCase();
    if (!(FIELDS as readonly string[]).includes(name)) throw new QueryError(at, `unknown field ${name}:`);
    const rest = word.slice(field[0].length);
    const token: Token = { type: 'field', field: name as FieldName, at };
    return rest ? [token, ...classify(rest, at + field[0].length, true)] : [token];
  }
  return [{ type: 'word', text: word, at }];
}
