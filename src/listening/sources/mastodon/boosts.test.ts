// Mastodon boosts through the real pipeline, on PGlite and PostgreSQL: statuses made by the contract server
// (src/listening/sources/mastodon/contract-server.ts) in Mastodon's documented shape go to the pipeline's sink as
// a timeline that carries boosts (home, list) would hand them over (Mastodon's public and hashtag timelines, which
// Stemme reads, leave boosts out). A boost by
// another author is stored as that author's repost: it joins the original's story, becomes a repost edge that
// raises the original author's influence score (and says so in the explanation), and the mentions API names
// what it reposts. Boosting one's own status counts for nothing.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../../../test/databases.ts';
import { type Client, onboardAdmin, testApp } from '../../../../test/http.ts';
import type { App } from '../../../http/app.ts';
import { partCount, scoredAuthor } from '../../influence/test-support.ts';
import { pipelineSink } from '../../pipeline.ts';
import { account, MastodonTimelineServer } from './contract-server.ts';
import { statusPosts } from './status.ts';

interface StoryView {
  id: string;
  size: number;
}
interface MentionView {
  id: string;
  externalId: string;
  author: string | null;
  text: string;
  repostOf: { author: string | null; url: string | null } | null;
}

const hans = account('hans', 'chaos.social', 'Hans Müller');
const kari = account('kari', 'fjord.social', 'Kari Nordmann');
const ola = account('ola', 'fjord.social', 'Ola Nordmann');

describeEachDb('Mastodon boosts in stories and influence', (get) => {
  let server: MastodonTimelineServer;
  let app: App;
  let admin: Client;
  let orgId: string;
  let poll: () => Promise<unknown>;

  beforeAll(async () => {
    server = new MastodonTimelineServer();
    await server.start();
    app = await testApp(get());
    ({ admin, orgId } = await onboardAdmin(app));
    const monitor = await admin.post('/api/monitors', {
      name: 'Nettnøytralitet',
      query: 'nettnøytralitet OR netzneutralität',
    });
    expect(monitor.status).toBe(201);
    const sink = pipelineSink(get().db, orgId);
    let handed = 0;
    // What is new since the last hand-over, boosts included, each as the posts it makes.
    poll = async () => {
      const fresh = server.statuses.slice(handed);
      handed = server.statuses.length;
      const posts = fresh.flatMap((s) => statusPosts(s, 'original', server.url).map((p) => p.post));
      await sink.write({ posts, deletes: [] });
    };
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await server?.stop();
  });

  const author = (handle: string) => scoredAuthor(get().db, admin, orgId, handle);

  it("a boost by another author is their repost: in the original's story, and a repost edge for the original's author", async () => {
    const original = server.publish(
      hans,
      '<p>Netzneutralität ist kein Luxus: die Netzbetreiber müssen sich daran halten.</p>',
      { language: 'de' },
    );
    // An unrelated story, so "one story" below means something.
    server.publish(
      ola,
      '<p>Nettnøytralitet og strømpriser: to helt forskjellige saker i Stortinget i dag.</p>',
    );
    await poll();
    const before = await author('hans@chaos.social');
    expect(before).toBeDefined();
    expect(partCount(before, 'reposts')).toBe(0);

    const boost = server.publish(kari, '', { reblog: original, language: null });
    const own = server.publish(hans, '', { reblog: original, language: null });
    await poll();

    const after = await author('hans@chaos.social');
    expect(partCount(after, 'reposts')).toBe(1);
    expect(after!.engagers).toBe(before!.engagers + 1);
    expect(after!.score).toBeGreaterThan(before!.score);
    const detail = await admin.get<{ engagedBy: { display: string; kinds: string[] }[] }>(
      `/api/authors/${after!.id}`,
    );
    // Kari's boost counts; Hans boosting himself does not.
    expect(detail.body.engagedBy.map((e) => [e.display, e.kinds])).toEqual([
      ['kari@fjord.social', ['repost']],
    ]);

    // The boosts are mentions of their own, stored once each, and the original is stored once.
    const listed = await admin.get<{ mentions: MentionView[] }>('/api/mentions?source=mastodon');
    const byUri = new Map(listed.body.mentions.map((m) => [m.externalId, m]));
    expect(listed.body.mentions.filter((m) => m.externalId === original.uri)).toHaveLength(1);
    expect(byUri.get(boost.uri)).toMatchObject({
      author: 'kari@fjord.social',
      text: byUri.get(original.uri)!.text,
      repostOf: { author: 'hans@chaos.social', url: original.url },
    });
    expect(byUri.get(own.uri)?.repostOf?.author).toBe('hans@chaos.social');
    expect(byUri.get(original.uri)?.repostOf).toBeNull();

    // One story holds the original and both boosts; the unrelated post is elsewhere.
    const stories = await admin.get<{ stories: StoryView[] }>('/api/stories?minSize=2');
    expect(stories.body.stories.map((s) => s.size)).toEqual([3]);
    const story = await admin.get<{ posts: { id: string; author: string | null }[] }>(
      `/api/stories/${stories.body.stories[0]!.id}`,
    );
    expect(story.body.posts.map((p) => p.id).sort()).toEqual(
      [original.uri, boost.uri, own.uri].map((uri) => byUri.get(uri)!.id).sort(),
    );
  });
});
