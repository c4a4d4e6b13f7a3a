// Compiles a monitor query into a test over tokenized posts: the naive matcher, and the one the presearcher
// runs on its candidates.
import { describe, type FieldName, isLeaf, QueryError, type QueryNode } from './ast.ts';
import { urlMatches } from './fields.ts';
import { parse } from './parser.ts';
import { type FieldValue, fieldValue, leafPlan, type Plan } from './plan.ts';
import { type Post, TokenizedPost, tokenize } from './post.ts';
import { type SpanSource, spanSource, Word } from './spans.ts';

export interface Monitor {
  /** The query as written. */
  readonly query: string;
  readonly ast: QueryNode;
  /** The canonical form (see `describe`). */
  readonly normalised: string;
  test(post: TokenizedPost): boolean;
}

/** The plan of a positional node: a leaf, NEAR, or an OR group of them. */
export function positionalPlan(node: QueryNode): Plan {
  if (isLeaf(node)) return leafPlan(node);
  if (node.kind === 'near')
    return {
      kind: 'near',
      left: positionalPlan(node.left),
      right: positionalPlan(node.right),
      distance: node.distance,
      ordered: node.ordered,
    };
  if (node.kind === 'or') return { kind: 'union', items: node.children.map(positionalPlan) };
  throw new Error(`not a positional node: ${node.kind}`);
}

/** A compiled query node. Classes rather than closures: 100,000 monitors share a few hot, optimised methods. */
export interface Check {
  test(post: TokenizedPost): boolean;
}

class All implements Check {
  constructor(readonly parts: Check[]) {}
  test(p: TokenizedPost): boolean {
    for (const c of this.parts) if (!c.test(p)) return false;
    return true;
  }
}

class Any implements Check {
  constructor(readonly parts: Check[]) {}
  test(p: TokenizedPost): boolean {
    for (const c of this.parts) if (c.test(p)) return true;
    return false;
  }
}

class Not implements Check {
  constructor(readonly inner: Check) {}
  test(p: TokenizedPost): boolean {
    return !this.inner.test(p);
  }
}

class InText implements Check {
  constructor(
    readonly source: SpanSource,
    readonly title: boolean,
  ) {}
  test(p: TokenizedPost): boolean {
    return this.source.has(this.title ? p.title : p.body);
  }
}

/** A plain word in the text: the commonest leaf, checked without going through a SpanSource. */
class HasWord implements Check {
  constructor(readonly key: string) {}
  test(p: TokenizedPost): boolean {
    return p.body.words.has(this.key);
  }
}

/** AND / OR of plain words, as one flat object: fewer pointers to chase through 10,000s of monitors. */
class Words implements Check {
  constructor(
    readonly keys: string[],
    readonly all: boolean,
  ) {}
  test(p: TokenizedPost): boolean {
    const words = p.body.words;
    for (const k of this.keys) if (words.has(k) !== this.all) return !this.all;
    return this.all;
  }
}

function combine(parts: Check[], all: boolean): Check {
  if (parts.length > 1 && parts.every((c) => c instanceof HasWord))
    return new Words(
      parts.map((c) => (c as HasWord).key),
      all,
    );
  return all ? new All(parts) : new Any(parts);
}

class FieldCheck implements Check {
  constructor(readonly v: FieldValue) {}
  test(p: TokenizedPost): boolean {
    const { field, value, prefix } = this.v;
    switch (field) {
      case 'author':
        return prefix ? p.author.startsWith(value) : p.author === value;
      case 'site':
        return p.hosts.has(value);
      case 'url':
        return p.url !== '' && urlMatches(value, prefix, p.url);
      case 'links':
        return p.links.some((l) => urlMatches(value, prefix, l));
      case 'lang':
        return p.langs.includes(value);
      case 'source':
        return p.source === value;
    }
  }
}

/** A rough cost of testing a node: AND and OR try cheap children first (the tests are pure, order is free). */
function cost(node: QueryNode): number {
  switch (node.kind) {
    case 'term':
    case 'phrase':
    case 'case':
    case 'hashtag':
    case 'mention': {
      if (/[*?]/.test(node.text)) return 8;
      if (node.kind === 'phrase') return node.slop === undefined ? 3 : 5;
      return /[^\p{L}\p{N}\p{M}]/u.test(node.text) ? 3 : node.kind === 'case' ? 2 : 1;
    }
    case 'near':
      return 6 + cost(node.left) + cost(node.right);
    case 'not':
      return cost(node.child);
    case 'and':
    case 'or':
      return node.children.reduce((sum, c) => sum + cost(c), 0);
    case 'field':
      return node.field === 'title' ? cost(node.value) : 2;
  }
}

const cheapFirst = (nodes: QueryNode[]) => [...nodes].sort((a, b) => cost(a) - cost(b));

/** `field` is set inside author:/site:/… values; title: searches the title's words instead of the body's. */
function compileNode(node: QueryNode, field: FieldName | null): Check {
  switch (node.kind) {
    case 'and':
      return combine(
        cheapFirst(node.children).map((c) => compileNode(c, field)),
        true,
      );
    case 'or':
      return combine(
        cheapFirst(node.children).map((c) => compileNode(c, field)),
        false,
      );
    case 'not':
      return new Not(compileNode(node.child, field));
    case 'field':
      return compileNode(node.value, node.field);
    default: {
      if (field && field !== 'title' && isLeaf(node)) return new FieldCheck(fieldValue(field, node));
      const source = spanSource(positionalPlan(node));
      if (source instanceof Word && field !== 'title') return new HasWord(source.key);
      return new InText(source, field === 'title');
    }
  }
}

class CompiledMonitor implements Monitor {
  readonly normalised: string;
  readonly #root: Check;
  constructor(
    readonly query: string,
    readonly ast: QueryNode,
  ) {
    this.normalised = describe(ast);
    this.#root = compileNode(ast, null);
  }
  test(post: TokenizedPost): boolean {
    return this.#root.test(post);
  }
}

/** Compiles a parsed query. */
export function compileAst(ast: QueryNode, query = describe(ast)): Monitor {
  return new CompiledMonitor(query, ast);
}

/** Parses and compiles a monitor query; throws QueryError for a bad one. */
export function compile(query: string): Monitor {
  return compileAst(parse(query), query);
}

/** Whether a monitor matches a post. Tokenize the post once (`tokenize`) when testing it against many. */
export function matches(monitor: Monitor, post: Post | TokenizedPost): boolean {
  return monitor.test(post instanceof TokenizedPost ? post : tokenize(post));
}

export type Validation =
  | { ok: true; ast: QueryNode; normalised: string }
  | {
      ok: false;
      error: {
        position: number;
        reason: string;
        message: string;
        code: string;
        params: Record<string, string>;
      };
    };

/** For the editor and the API: the parsed query, or why and where it is refused. */
export function validate(query: string): Validation {
  try {
    const ast = parse(query);
    return { ok: true, ast, normalised: describe(ast) };
  } catch (err) {
    if (!(err instanceof QueryError)) throw err;
    return {
      ok: false,
      error: {
        position: err.position,
        reason: err.reason,
        message: err.message,
        code: err.code,
        params: err.params,
      },
    };
  }
}
