// Setting a mention's sentiment by hand over real HTTP on PGlite and PostgreSQL: the mention, its monitor matches,
// its story's counts and the monitor's chart all follow in one go; who set it is shown; a re-run of the pipeline
// keeps it; a viewer may not, another organisation gets 404, a bad value 400 naming the field; the audit log has
// it; and org export/import carries it with the person who set it.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, freshDatabase } from '../../test/databases.ts';
import { addMember, adminInAnotherOrg, type Client, onboardAdmin, testApp } from '../../test/http.ts';
import { queryRows } from '../db/connect.ts';
import type { App } from '../http/app.ts';
import { exportOrg, importOrg } from '../team/transfer.ts';
import { type IncomingPost, ingest } from './pipeline.ts';
import { mentionMatches, mentions } from './schema.ts';

const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms);
const ARTICLE = 'https://nyheter.example/fjellvind-kraftpris';

interface Mention {
  id: string;
  text: string;
  sentiment: string;
  sentimentSetBy: { id: string; name: string } | null;
  sentimentSetAt: string | null;
}
interface Stats {
  totals: { total: number; positive: number; negative: number; neutral: number };
}
interface Story {
  sentiment: { positive: number; negative: number; neutral: number };
}

// Two posts about one article: one story. The first is sarcasm the lexicon reads as praise; the comms lead sets
// it negative.
const posts = (): IncomingPost[] => [
  {
    source: 'bluesky',
    id: 'at://did:plc:kari/app.bsky.feed.post/s1',
    author: 'kari.example',
    text: `Fjellvind senker kraftprisen med fantastiske 0,1 øre. Helt fantastisk, takk skal dere ha! ${ARTICLE}`,
    links: [ARTICLE],
    lang: 'nb',
    publishedAt: ago(3 * HOUR),
  },
  {
    source: 'bluesky',
    id: 'at://did:plc:ola/app.bsky.feed.post/s2',
    author: 'ola.example',
    text: `Fjellvind senker kraftprisen fra neste måned, melder avisen. ${ARTICLE}`,
    links: [ARTICLE],
    lang: 'nb',
    publishedAt: ago(2 * HOUR),
  },
];

describeEachDb('setting a mention’s sentiment by hand', (get) => {
  let app: App;
  let admin: Client;
  let editor: Client;
  let viewer: Client;
  let outsider: Client;
  let orgId: string;
  let editorId: string;
  let monitorId: string;
  let target: Mention;

  beforeAll(async () => {
    app = await testApp(get());
    ({ admin, orgId } = await onboardAdmin(app));
    ({ client: editor, userId: editorId } = await addMember(app, admin, 'editor', 'kari@example.no'));
    ({ client: viewer } = await addMember(app, admin, 'viewer', 'vera@example.no'));
    outsider = await adminInAnotherOrg(app);
    const monitor = await admin.post<{ id: string }>('/api/monitors', {
      name: 'Fjellvind',
      query: 'Fjellvind',
    });
    expect(monitor.status).toBe(201);
    monitorId = monitor.body.id;
    await ingest(get().db, orgId, posts());
    const list = await viewer.get<{ mentions: Mention[] }>(`/api/mentions?monitor=${monitorId}`);
    expect(list.body.mentions).toHaveLength(2);
    target = list.body.mentions.find((m) => m.text.includes('takk skal dere ha'))!;
    expect(target.sentiment).toBe('positive');
    expect(target.sentimentSetBy).toBeNull();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  const storyOf = async (mentionId: string) =>
    (
      await queryRows<{ story_id: string }>(
        get().db,
        sql`select story_id from story_members where mention_id = ${mentionId}`,
      )
    )[0]!.story_id;

  it('an editor sets it: the mention, its matches, its story and the monitor’s chart follow; the pipeline keeps it', async () => {
    const storyId = await storyOf(target.id);
    const before = await viewer.get<Story>(`/api/stories/${storyId}`);
    expect(before.status).toBe(200);
    expect(before.body.sentiment.positive).toBeGreaterThanOrEqual(1);
    const statsBefore = await viewer.get<Stats>(`/api/monitors/${monitorId}/stats?bucket=hour`);

    const res = await editor.patch<Mention & { storyId: string }>(`/api/mentions/${target.id}`, {
      sentiment: 'negative',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ sentiment: 'negative', sentimentSetBy: { id: editorId }, storyId });
    expect(res.body.sentimentSetBy!.name).toBeTruthy();

    const list = await viewer.get<{ mentions: Mention[] }>(`/api/mentions?monitor=${monitorId}`);
    const after = list.body.mentions.find((m) => m.id === target.id)!;
    expect(after.sentiment).toBe('negative');
    expect(after.sentimentSetBy).toEqual(res.body.sentimentSetBy);
    expect(after.sentimentSetAt).toBe(res.body.sentimentSetAt);
    const negativeOnly = await viewer.get<{ mentions: Mention[] }>('/api/mentions?sentiment=negative');
    expect(negativeOnly.body.mentions.map((m) => m.id)).toContain(target.id);

    const matches = await get()
      .db.select({ sentiment: mentionMatches.sentiment })
      .from(mentionMatches)
      .where(eq(mentionMatches.mentionId, target.id));
    expect(matches).toEqual([{ sentiment: 'negative' }]);

    const story = await viewer.get<Story>(`/api/stories/${storyId}`);
    expect(story.body.sentiment).toEqual({
      ...before.body.sentiment,
      negative: before.body.sentiment.negative + 1,
      positive: before.body.sentiment.positive - 1,
    });

    const stats = await viewer.get<Stats>(`/api/monitors/${monitorId}/stats?bucket=hour`);
    expect(stats.body.totals).toEqual({
      ...statsBefore.body.totals,
      negative: statsBefore.body.totals.negative + 1,
      positive: statsBefore.body.totals.positive - 1,
    });

    // The pipeline seeing the same post again stores nothing and leaves the correction alone.
    const again = await ingest(get().db, orgId, posts());
    expect(again.stored).toBe(0);
    const [row] = await get()
      .db.select({ sentiment: mentions.sentiment, by: mentions.sentimentSetBy })
      .from(mentions)
      .where(eq(mentions.id, target.id));
    expect(row).toEqual({ sentiment: 'negative', by: editorId });

    const audit = await admin.get<{
      entries: { action: string; target: string; details: Record<string, unknown> }[];
    }>('/api/audit');
    const entry = audit.body.entries.find((e) => e.action === 'mention.sentiment_set');
    expect(entry).toMatchObject({
      target: target.id,
      details: { sentiment: 'negative', previous: 'positive' },
    });
    expect(String(entry!.details.mention)).toContain('Fjellvind senker kraftprisen');
  });

  it('refuses a viewer (403), another organisation (404) and a bad value (400 naming sentiment)', async () => {
    const viewerTry = await viewer.patch(`/api/mentions/${target.id}`, { sentiment: 'neutral' });
    expect(viewerTry.status).toBe(403);
    const elsewhere = await outsider.patch(`/api/mentions/${target.id}`, { sentiment: 'neutral' });
    expect(elsewhere.status).toBe(404);
    const bad = await editor.patch<{ error: string; message: string; details: unknown }>(
      `/api/mentions/${target.id}`,
      { sentiment: 'furious' },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBeTruthy();
    expect(bad.body.message).toContain('sentiment');
    expect(JSON.stringify(bad.body.details)).toContain('sentiment');
    const missing = await editor.patch(`/api/mentions/${target.id}`, {});
    expect(missing.status).toBe(400);
    const [row] = await get()
      .db.select({ sentiment: mentions.sentiment })
      .from(mentions)
      .where(eq(mentions.id, target.id));
    expect(row!.sentiment).toBe('negative');
  });

  it('travels through org export and import with who set it', async () => {
    const exported = await exportOrg(get().db, orgId);
    const other = await freshDatabase('pglite');
    try {
      await importOrg(other.db, JSON.parse(JSON.stringify(exported)));
      const rows = await queryRows<{ sentiment: string; email: string | null; set_at: unknown }>(
        other.db,
        sql`select m.sentiment, u.email, m.sentiment_set_at as set_at
          from mentions m left join users u on u.id = m.sentiment_set_by where m.id = ${target.id}`,
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ sentiment: 'negative', email: 'kari@example.no' });
      expect(rows[0]!.set_at).toBeTruthy();
      const [match] = await queryRows<{ sentiment: string }>(
        other.db,
        sql`select sentiment from mention_matches where mention_id = ${target.id}`,
      );
      expect(match!.sentiment).toBe('negative');
    } finally {
      await other.close();
    }
  });
});
