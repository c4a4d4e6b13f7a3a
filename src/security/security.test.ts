import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords.ts';
import { loadOrCreateKey, parseKey, SecretBox } from './secret-box.ts';

describe('passwords', () => {
  it('verifies the right password and refuses a wrong one; hashes are salted', async () => {
    const a = await hashPassword('korrekt hest batteri stift');
    const b = await hashPassword('korrekt hest batteri stift');
    expect(a).not.toBe(b);
    expect(a.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(await verifyPassword('korrekt hest batteri stift', a)).toBe(true);
    expect(await verifyPassword('korrekt hest batteri stiftx', a)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });

  it('treats composed and decomposed æøå alike', async () => {
    const hash = await hashPassword('blåbærsyltetøy');
    expect(await verifyPassword('bla\u030abærsyltetøy', hash)).toBe(true);
  });
});

describe('SecretBox (AES-256-GCM)', () => {
  const box = new SecretBox(Buffer.alloc(32, 7));

  it('round-trips and never yields the same ciphertext twice', () => {
    const a = box.encrypt('app-password-1234', 'channel:1');
    expect(a).not.toContain('app-password');
    expect(box.encrypt('app-password-1234', 'channel:1')).not.toBe(a);
    expect(box.decrypt(a, 'channel:1')).toBe('app-password-1234');
  });

  it('refuses a tampered ciphertext, a wrong context and a wrong key', () => {
    const sealed = box.encrypt('token', 'ctx');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0]! ^= 1;
    const tampered = [parts[0], parts[1], parts[2], body.toString('base64url')].join('.');
    expect(() => box.decrypt(tampered, 'ctx')).toThrow();
    expect(() => box.decrypt(sealed, 'other')).toThrow();
    expect(() => new SecretBox(Buffer.alloc(32, 8)).decrypt(sealed, 'ctx')).toThrow();
  });

  it('generates a key into the data dir once and reads the same key afterwards', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stemme-key-'));
    const first = loadOrCreateKey(undefined, dir);
    expect(first.source).toBe('generated');
    expect((fs.statSync(path.join(dir, 'secret.key')).mode & 0o777).toString(8)).toBe('600');
    const second = loadOrCreateKey(undefined, dir);
    expect(second.source).toBe('file');
    expect(second.key.equals(first.key)).toBe(true);
    const hex = 'ab'.repeat(32);
    expect(loadOrCreateKey(hex, dir).key.equals(Buffer.from(hex, 'hex'))).toBe(true);
    expect(() => parseKey('c2hvcnQ=')).toThrow(/32 bytes/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
