// Recursive-descent parser for monitor queries. Precedence, loosest first: OR, AND (also implied between
// terms), NOT / -term, NEAR; parentheses group. Every refusal names the position and the reason.
import { type FieldName, isPositional, type Leaf, QueryError, type QueryNode } from './ast.ts';
import { lex, type Token } from './lexer.ts';
import { fieldValue, leafPlan } from './plan.ts';

const STARTS_PRIMARY = new Set<Token['type']>([
  'word',
  'phrase',
  'case',
  'hashtag',
  'mention',
  'field',
  'lparen',
]);
const STARTS_OPERAND = new Set<Token['type']>([...STARTS_PRIMARY, 'not', 'minus']);

class Parser {
  #i = 0;
  /** Inside field:( … ) the leaves are that field's values. */
  #field: FieldName | null = null;

  constructor(readonly tokens: Token[]) {}

  peek(): Token {
    return this.tokens[this.#i]!;
  }

  next(): Token {
    return this.tokens[this.#i++]!;
  }

  or(): QueryNode {
    const children = [this.and()];
    while (this.peek().type === 'or') {
      const op = this.next();
      if (!STARTS_OPERAND.has(this.peek().type)) throw new QueryError(op.at, 'OR needs a term on both sides');
      children.push(this.and());
    }
    return flat('or', children);
  }

  and(): QueryNode {
    const children = [this.unary()];
    for (;;) {
      const t = this.peek();
      if (t.type === 'and') {
        this.next();
        if (!STARTS_OPERAND.has(this.peek().type))
          throw new QueryError(t.at, 'AND needs a term on both sides');
      } else if (!STARTS_OPERAND.has(t.type)) break;
      children.push(this.unary());
    }
    return flat('and', children);
  }

  unary(): QueryNode {
    const t = this.peek();
    if (t.type !== 'not' && t.type !== 'minus') return this.near();
    this.next();
    // The lexer already refused "-" followed by a space; NOT at the end, or before AND/OR/), is refused here.
    if (!STARTS_OPERAND.has(this.peek().type)) throw new QueryError(t.at, 'NOT needs a term after it');
    return { kind: 'not', child: this.unary() };
  }

  near(): QueryNode {
    let leftAt = this.peek().at;
    let left = this.primary();
    while (this.peek().type === 'near') {
      const op = this.next() as Extract<Token, { type: 'near' }>;
      if (this.#field && this.#field !== 'title')
        throw new QueryError(op.at, `${this.#field}: cannot hold NEAR`);
      const rightAt = this.peek().at;
      if (!STARTS_PRIMARY.has(this.peek().type))
        throw new QueryError(op.at, 'NEAR needs a term on both sides');
      const right = this.primary();
      for (const [node, at] of [
        [left, leftAt],
        [right, rightAt],
      ] as const)
        if (!isPositional(node))
          throw new QueryError(
            at,
            'NEAR works on words, phrases and OR groups of them, not AND, NOT or fields',
          );
      left = { kind: 'near', left, right, distance: op.distance, ordered: op.ordered };
      leftAt = rightAt;
    }
    return left;
  }

  primary(): QueryNode {
    const t = this.next();
    switch (t.type) {
      case 'word':
        return this.leaf({ kind: 'term', text: t.text, at: t.at });
      case 'phrase':
        return this.leaf(
          t.slop === undefined
            ? { kind: 'phrase', text: t.text, at: t.at }
            : { kind: 'phrase', text: t.text, slop: t.slop, at: t.at },
        );
      case 'case':
      case 'hashtag':
      case 'mention':
        return this.leaf({ kind: t.type, text: t.text, at: t.at });
      case 'field': {
        if (this.#field) throw new QueryError(t.at, 'fields cannot be nested');
        this.#field = t.field;
        const value = this.primary();
        this.#field = null;
        return { kind: 'field', field: t.field, value, at: t.at };
      }
      case 'lparen': {
        if (this.peek().type === 'rparen') throw new QueryError(t.at, 'empty parentheses');
        if (this.peek().type === 'eof') throw new QueryError(t.at, 'unclosed (');
        const inner = this.or();
        if (this.peek().type !== 'rparen') throw new QueryError(t.at, 'unclosed (');
        this.next();
        return inner;
      }
      case 'rparen':
        throw new QueryError(t.at, 'unmatched )');
      case 'and':
      case 'or':
        throw new QueryError(t.at, `${t.type.toUpperCase()} needs a term on both sides`);
      case 'near':
        throw new QueryError(t.at, 'NEAR needs a term on both sides');
      case 'not':
      case 'minus':
        throw new QueryError(t.at, 'NOT needs a term after it');
      case 'eof':
        throw new QueryError(t.at, 'the query ends too early');
    }
  }

  /** Checks a leaf now, so a bad wildcard or field value is refused with its position. */
  leaf(leaf: Leaf): Leaf {
    if (this.#field && this.#field !== 'title') fieldValue(this.#field, leaf);
    else leafPlan(leaf);
    return leaf;
  }
}

function flat(kind: 'and' | 'or', children: QueryNode[]): QueryNode {
  if (children.length === 1) return children[0]!;
  return { kind, children: children.flatMap((c) => (c.kind === kind ? c.children : [c])) };
}

/** Parses a monitor query; throws QueryError for a bad one. */
export function parse(query: string): QueryNode {
  const tokens = lex(query);
  if (tokens[0]!.type === 'eof') throw new QueryError(0, 'empty query');
  const parser = new Parser(tokens);
  const node = parser.or();
  const rest = parser.peek();
  if (rest.type === 'rparen') throw new QueryError(rest.at, 'unmatched )');
  if (rest.type !== 'eof') throw new QueryError(rest.at, 'unexpected text');
  return node;
}
