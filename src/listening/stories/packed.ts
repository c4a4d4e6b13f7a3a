// How a story member's MinHash signature and keys are stored: as bytes (bytea), big-endian, 4 bytes per
// signature value and 8 per key. Written for every stored post, so the cheapest form for both sides: the
// application writes base64, the server decodes it once, where int[] and bigint[] meant a text number per value
// parsed twice (array in array). The byte order is PostgreSQL's own (int4send / int8send), which is how
// migration 0014 converted the arrays that were stored before.
import { customType } from 'drizzle-orm/pg-core';

/** A signature as bytes. */
export function packSignature(sig: ArrayLike<number>): Buffer {
  const b = Buffer.allocUnsafe(sig.length * 4);
  for (let i = 0; i < sig.length; i++) b.writeInt32BE(sig[i]! | 0, i * 4);
  return b;
}

export function unpackSignature(bytes: Uint8Array): Int32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Int32Array(bytes.byteLength >>> 2);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt32(i * 4);
  return out;
}

const TWO_32 = 0x100000000;

/** Keys (non-negative integers below 2^53) as bytes. */
export function packKeys(keys: readonly number[]): Buffer {
  const b = Buffer.allocUnsafe(keys.length * 8);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    b.writeUInt32BE(Math.floor(k / TWO_32), i * 8);
    b.writeUInt32BE(k >>> 0, i * 8 + 4);
  }
  return b;
}

export function unpackKeys(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: number[] = new Array(bytes.byteLength >>> 3);
  for (let i = 0; i < out.length; i++) out[i] = view.getUint32(i * 8) * TWO_32 + view.getUint32(i * 8 + 4);
  return out;
}

/** A bytea value as the drivers return it: a Buffer (pg), a Uint8Array (PGlite), or `\x…` text. */
export function bytesOf(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string' && value.startsWith('\\x')) return Buffer.from(value.slice(2), 'hex');
  throw new TypeError('not a bytea value');
}

/** The column types: the rows read and written through drizzle (org export and import) carry plain arrays. */
export const signatureColumn = customType<{ data: number[]; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => packSignature(value),
  fromDriver: (value) => [...unpackSignature(bytesOf(value))],
});

export const keysColumn = customType<{ data: number[]; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => packKeys(value),
  fromDriver: (value) => unpackKeys(bytesOf(value)),
});
