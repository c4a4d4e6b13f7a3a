// Story members' signatures and keys as bytes: the codec round-trips every value, and migration 0014 turns the
// arrays stored before into exactly the bytes the codec reads.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packKeys, packSignature, unpackKeys, unpackSignature } from './packed.ts';
import { storyMembers } from './schema.ts';

const migrations = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../db/migrations');

describe('packed signatures and keys', () => {
  it('round-trip any signature and any key below 2^53', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 80 }), (sig) => {
        const packed = packSignature(Int32Array.from(sig));
        expect(packed.length).toBe(sig.length * 4);
        expect([...unpackSignature(packed)]).toEqual(sig);
      }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), { maxLength: 40 }),
        (keys) => {
          const packed = packKeys(keys);
          expect(unpackKeys(packed)).toEqual(keys);
          // Read from inside a larger buffer (drivers hand out views).
          const wider = new Uint8Array(packed.length + 3);
          wider.set(packed, 3);
          expect(unpackKeys(wider.subarray(3))).toEqual(keys);
        },
      ),
    );
  });

  it('migration 0014 converts stored arrays to the same bytes the codec reads', async () => {
    // The migrations up to 0013 first, a member stored the old way, then the rest.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stemme-mig-'));
    fs.cpSync(migrations, dir, { recursive: true });
    const journalPath = path.join(dir, 'meta', '_journal.json');
    const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
    const at = journal.entries.findIndex((e) => e.tag.startsWith('0014_'));
    expect(at).toBeGreaterThan(0);
    fs.writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
    const client = await PGlite.create(undefined, { extensions: { pg_trgm } });
    try {
      const db = drizzle(client);
      await migrate(db, { migrationsFolder: dir });
      const sig = [1, -2, 2_147_483_647, -2_147_483_648, 0];
      const keys = [0, Number.MAX_SAFE_INTEGER, 4_294_967_296, 123_456_789_012];
      const [{ id: org }] = (
        await client.query<{ id: string }>(`insert into orgs (name) values ('O') returning id`)
      ).rows as [{ id: string }];
      const [{ id: mention }] = (
        await client.query<{ id: string }>(
          `insert into mentions (org_id, source, external_id, text, lang, sentiment, at)
           values ($1, 'rss', 'x1', 'Hei', 'nb', 'neutral', now()) returning id`,
          [org],
        )
      ).rows as [{ id: string }];
      const [{ id: story }] = (
        await client.query<{ id: string }>(
          `insert into stories (org_id, first_at, last_at, title) values ($1, now(), now(), 'Hei') returning id`,
          [org],
        )
      ).rows as [{ id: string }];
      await client.query(
        `insert into story_members (mention_id, org_id, story_id, minhash, at, keys, kinds)
         values ($1, $2, $3, $4::int[], now(), $5::bigint[], '{1,1,1,1}')`,
        [mention, org, story, `{${sig.join(',')}}`, `{${keys.join(',')}}`],
      );
      // A member without a signature (a text too short for one) and without keys.
      const [{ id: short }] = (
        await client.query<{ id: string }>(
          `insert into mentions (org_id, source, external_id, text, lang, sentiment, at)
           values ($1, 'rss', 'x2', 'Ja', 'nb', 'neutral', now()) returning id`,
          [org],
        )
      ).rows as [{ id: string }];
      await client.query(
        `insert into story_members (mention_id, org_id, story_id, at) values ($1, $2, $3, now())`,
        [short, org, story],
      );
      await migrate(db, { migrationsFolder: migrations });
      const [row] = await db.select().from(storyMembers).where(eq(storyMembers.mentionId, mention));
      expect(row!.minhash).toEqual(sig);
      expect(row!.keys).toEqual(keys);
      const [empty] = await db.select().from(storyMembers).where(eq(storyMembers.mentionId, short));
      expect(empty!.minhash).toBeNull();
      expect(empty!.keys).toEqual([]);
    } finally {
      await client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
