// Encrypts stored secrets (network tokens) with AES-256-GCM under the instance key.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const VERSION = 'v1';

export class SecretBox {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('the secret key must be 32 bytes');
    this.#key = key;
  }

  /** `v1.<iv>.<tag>.<ciphertext>` in base64url. The optional context binds a secret to its row (as AAD). */
  encrypt(plaintext: string, context = ''): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), body]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  decrypt(sealed: string, context = ''): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('not a sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }
}

export function parseKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new Error('STEMME_SECRET_KEY must decode to exactly 32 bytes');
  return key;
}

/**
 * The key from STEMME_SECRET_KEY, or the one kept in the data dir, generated there on first start.
 * Processes sharing one PostgreSQL must share the key: set STEMME_SECRET_KEY for them.
 */
export function loadOrCreateKey(
  configured: string | undefined,
  dataDir: string,
): { key: Buffer; source: 'env' | 'file' | 'generated' } {
  if (configured) return { key: parseKey(configured), source: 'env' };
  const file = path.join(dataDir, 'secret.key');
  if (fs.existsSync(file)) return { key: parseKey(fs.readFileSync(file, 'utf8')), source: 'file' };
  fs.mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  try {
    fs.writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another process created it in the meantime: use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST')
      return { key: parseKey(fs.readFileSync(file, 'utf8')), source: 'file' };
    throw err;
  }
  return { key, source: 'generated' };
}
