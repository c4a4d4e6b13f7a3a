// The clusterer's key index against a Map of arrays doing the same thing: any keys below 2^53 (keys that share a
// half included, and enough of them to make the table grow), any values, any visit limit, and a renumbering sweep.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyIndex } from './key-index.ts';

const key = fc.oneof(
  fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  // Keys that differ only in the high or only in the low half.
  fc.integer({ min: 0, max: 7 }).map((h) => h * 0x100000000 + 12345),
  fc.integer({ min: 0, max: 7 }).map((l) => 0x1fffff * 0x100000000 + l),
);

describe('key index', () => {
  it('visits what a Map of arrays holds, newest first, up to the limit; a sweep keeps order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(key, fc.integer({ min: 0, max: 5_000 })), { maxLength: 400 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 2, max: 5 }),
        (adds, limit, modulo) => {
          const index = new KeyIndex(4);
          const reference = new Map<number, number[]>();
          for (const [k, v] of adds) {
            index.add(k, v);
            reference.set(k, [v, ...(reference.get(k) ?? [])]);
          }
          expect(index.size).toBe(reference.size);
          expect(index.entries).toBe(adds.length);
          for (const [k, values] of reference) {
            const seen: number[] = [];
            index.forEach(k, (v) => {
              seen.push(v);
              return true;
            });
            expect(seen).toEqual(values);
            const limited: number[] = [];
            index.forEach(k, (v) => void limited.push(v), limit);
            expect(limited).toEqual(values.slice(0, limit));
            const stopped: number[] = [];
            index.forEach(k, (v) => {
              stopped.push(v);
              return stopped.length < 2;
            });
            expect(stopped).toEqual(values.slice(0, 2));
          }
          // Values not divisible by `modulo` dropped, the others renumbered.
          const swept = index.remapped((v) => (v % modulo === 0 ? v / modulo : -1));
          for (const [k, values] of reference) {
            const seen: number[] = [];
            swept.forEach(k, (v) => void seen.push(v));
            expect(seen).toEqual(values.filter((v) => v % modulo === 0).map((v) => v / modulo));
          }
          // A key never added is not found.
          const missing: number[] = [];
          index.forEach(Number.MAX_SAFE_INTEGER - 1, (v) => void missing.push(v));
          expect(missing).toEqual(reference.get(Number.MAX_SAFE_INTEGER - 1) ?? []);
        },
      ),
      { numRuns: 300 },
    );
  });
});
