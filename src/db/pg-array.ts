// PostgreSQL array literals for bulk statements: `insert … select … from unnest($1::text[], $2::uuid[], …)`
// sends a few array parameters instead of several parameters a row, which is far cheaper to build, send and
// parse (PGlite especially).

const NEEDS_ESCAPE = /["\\]/;

/** A PostgreSQL array literal of text values (NULL for null). Callers keep NUL out of the values. */
export function pgArray(values: readonly (string | null)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (i > 0) out += ',';
    if (v === null) out += 'NULL';
    else if (NEEDS_ESCAPE.test(v)) out += `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`;
    else out += `"${v}"`;
  }
  return `${out}}`;
}
