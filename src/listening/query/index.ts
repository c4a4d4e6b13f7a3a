// The monitor query engine: parse and check Brandwatch-style queries, match them against posts, one by one or
// many at once through the presearching MonitorIndex. Pure functions; no I/O.
export {
  describe,
  FIELDS,
  type FieldName,
  type Leaf,
  MAX_DISTANCE,
  QueryError,
  type QueryNode,
} from './ast.ts';
export {
  compile,
  compileAst,
  type Monitor,
  matches,
  type Validation,
  validate,
} from './match.ts';
export { parse } from './parser.ts';
export { MIN_WILDCARD_STEM } from './plan.ts';
export { type Post, TokenizedPost, tokenize } from './post.ts';
export { MonitorIndex } from './presearch.ts';
export { type IndexKey, type Required, requiredKeys } from './required.ts';
export { fold } from './text.ts';
