// Which terms a post must contain for a monitor to match at all: the presearcher's index keys.
//
// For each query we pick one set of keys such that every matching post has at least one of them: a term's
// own key; for AND (and phrases, NEAR) the most selective child; for OR the union of its children. NOT
// contributes nothing, so a query without a required positive term gets no keys and is checked always.
import type { FieldName, QueryNode } from './ast.ts';
import { COMMON_WORDS } from './common-words.ts';
import { positionalPlan } from './match.ts';
import { fieldValue, type Plan } from './plan.ts';

/** Where a key is looked up: a kind of token in the text, or a field. */
export type KeySpace =
  | 'words'
  | 'hashtags'
  | 'mentions'
  | 'author'
  | 'site'
  | 'url'
  | 'links'
  | 'lang'
  | 'source';

export interface IndexKey {
  space: KeySpace;
  key: string;
  /** The post's value need only start with `key` (wildcards, url: and links: values). */
  prefix: boolean;
}

/** Keys and how selective they are together (higher: fewer posts have any of them). */
export interface Required {
  keys: IndexKey[];
  weight: number;
}

/** Guesses without corpus statistics: longer words are rarer, function words and lang:/source: are common. */
function keyWeight({ space, key, prefix }: IndexKey): number {
  switch (space) {
    case 'words': {
      if (!prefix && COMMON_WORDS.has(key)) return 0.5;
      const length = Math.min([...key].length, 12);
      return prefix ? Math.max(0.25, length - 1.5) : length;
    }
    case 'hashtags':
    case 'mentions':
      return Math.min([...key].length, 12) + (prefix ? 0.5 : 2);
    case 'author':
      return prefix ? 10 : 20;
    case 'url':
      return 15;
    case 'links':
      return 8;
    case 'site':
      return 6;
    case 'lang':
      return 0.2;
    case 'source':
      return 0.1;
  }
}

const one = (key: IndexKey): Required => ({ keys: [key], weight: keyWeight(key) });

/** All of these must hold: the most selective one is enough to index by. */
function best(options: (Required | null)[]): Required | null {
  let out: Required | null = null;
  for (const o of options) if (o && (!out || o.weight > out.weight)) out = o;
  return out;
}

/** Any of these may hold: every one needs a key, and the union is as weak as its weakest part. */
function union(options: (Required | null)[]): Required | null {
  const keys: IndexKey[] = [];
  let weight = Number.POSITIVE_INFINITY;
  for (const o of options) {
    if (!o) return null;
    keys.push(...o.keys);
    weight = Math.min(weight, o.weight);
  }
  return { keys, weight: weight - 0.1 * (keys.length - 1) };
}

function fromPlan(plan: Plan): Required | null {
  switch (plan.kind) {
    case 'token':
      return one({ space: plan.tokens, key: plan.key, prefix: !plan.exact });
    case 'seq':
    case 'prox':
      return best(plan.items.map(fromPlan));
    case 'near':
      return best([fromPlan(plan.left), fromPlan(plan.right)]);
    case 'union':
      return union(plan.items.map(fromPlan));
  }
}

/** `field` is set inside a field's value; title words are body words too, so title: uses the body's keys. */
function fromNode(node: QueryNode, field: FieldName | null): Required | null {
  switch (node.kind) {
    case 'and':
      return best(node.children.map((c) => fromNode(c, field)));
    case 'or':
      return union(node.children.map((c) => fromNode(c, field)));
    case 'not':
      return null;
    case 'field':
      return fromNode(node.value, node.field);
    default: {
      if (field && field !== 'title' && node.kind !== 'near') {
        const v = fieldValue(field, node);
        return one({
          space: v.field,
          key: v.value,
          prefix: v.prefix || v.field === 'url' || v.field === 'links',
        });
      }
      return fromPlan(positionalPlan(node));
    }
  }
}

/** The keys to index a parsed query under, or null when it has none and must be checked against every post. */
export function requiredKeys(ast: QueryNode): Required | null {
  return fromNode(ast, null);
}
