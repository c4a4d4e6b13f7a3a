// Reads a response body with a hard byte limit, streaming: a 100 MB feed is cut off at the limit
// without being held in memory. Compressed bodies count their decompressed size (zip bombs).
import type { IncomingMessage } from 'node:http';
import { pipeline, type Readable, type Transform } from 'node:stream';
import zlib from 'node:zlib';

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
  constructor(readonly limit: number) {
    super(`The feed is larger than the ${formatBytes(limit)} limit`);
  }
}

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MB` : `${Math.round(n / 1024)} kB`;
}

function decompressor(encoding: string): Transform | null {
  if (encoding === 'gzip' || encoding === 'x-gzip') return zlib.createGunzip();
  if (encoding === 'deflate') return zlib.createInflate();
  if (encoding === 'br') return zlib.createBrotliDecompress();
  return null;
}

function decompressed(res: IncomingMessage): Readable {
  const z = decompressor(
    String(res.headers['content-encoding'] ?? '')
      .toLowerCase()
      .trim(),
  );
  if (!z) return res;
  // pipeline (not pipe) so an aborted response also ends the decompressor instead of leaving it hanging.
  return pipeline(res, z, () => {});
}

/** The whole body as bytes, or BodyTooLargeError as soon as it passes `limit` bytes. */
export async function readLimited(res: IncomingMessage, limit: number): Promise<Uint8Array> {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit && !res.headers['content-encoding']) {
    res.destroy();
    throw new BodyTooLargeError(limit);
  }
  const stream = decompressed(res);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const buf = chunk as Buffer;
      total += buf.length;
      if (total > limit) throw new BodyTooLargeError(limit);
      chunks.push(buf);
    }
  } finally {
    // Stop the transfer at once on the limit or any error; the server may still be sending.
    if (total > limit || !res.complete) {
      res.destroy();
      if (stream !== res) stream.destroy();
    }
  }
  return Buffer.concat(chunks, total);
}
