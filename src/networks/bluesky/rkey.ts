// Deterministic record keys: the same idempotency key always names the same record, so a repeated create
// collides with the first instead of making a second post. Post records are keyed by TIDs (timestamp + clock
// id), so the key is shaped as one: the timestamp is the second the first attempt began, and the sub-second
// microseconds and the clock id (30 bits) come from a hash of the key and the part of the thread.
import { createHash } from 'node:crypto';
import type { IdempotencyKey } from '../types.ts';

const S32 = '234567abcdefghijklmnopqrstuvwxyz';
const TID_PATTERN = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;

function s32(value: bigint, length: number): string {
  let out = '';
  let v = value;
  for (let i = 0; i < length; i++) {
    out = S32[Number(v & 31n)] + out;
    v >>= 5n;
  }
  return out;
}

export function isTid(rkey: string): boolean {
  return TID_PATTERN.test(rkey);
}

export function recordKeyFor(key: IdempotencyKey, part: number): string {
  const digest = createHash('sha256').update(`${key.key}\u0000${part}`).digest();
  const micros = digest.readUInt32BE(0) % 1_000_000;
  const clockId = digest.readUInt16BE(4) & 0x3ff;
  const seconds = BigInt(Math.floor(key.issuedAt.getTime() / 1000));
  const timestamp = seconds * 1_000_000n + BigInt(micros);
  return s32(timestamp, 11) + s32(BigInt(clockId), 2);
}
