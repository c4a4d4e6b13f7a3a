// The monitor editor's test query says when a query is very broad: it matches at least half of a week's stored
// mentions (of enough of them to say so).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.ts';
import { type Client, onboardAdmin, testApp } from '../../test/http.ts';
import type { App } from '../http/app.ts';
import { BROAD_MIN_SCANNED } from './monitors.ts';
import { ingest } from './pipeline.ts';

describeEachDb('broad test queries', (get) => {
  let app: App;
  let admin: Client;
  let orgId: string;

  beforeAll(async () => {
    app = await testApp(get());
    ({ admin, orgId } = await onboardAdmin(app));
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  const test = async (query: string) =>
    (await admin.post<{ matched: number; scanned: number; broad: boolean }>('/api/monitors/test', { query }))
      .body;

  it('is broad when it matches half or more of enough stored mentions, and not before there are enough', async () => {
    const post = (i: number, text: string) => ({
      source: 'mastodon' as const,
      id: `broad-${i}`,
      text,
      publishedAt: new Date(Date.now() - i * 60_000),
    });
    // Too few mentions stored to say: never broad.
    await ingest(get().db, orgId, [post(0, 'Strømprisen stiger i dag'), post(1, 'Strømprisen faller')]);
    expect(await test('strømprisen')).toMatchObject({ matched: 2, scanned: 2, broad: false });

    const posts = [];
    for (let i = 2; i < BROAD_MIN_SCANNED + 10; i++)
      posts.push(
        post(i, i % 3 === 0 ? `Fjellvind melder om ny vindpark nummer ${i}` : `Strømprisen er høy, dag ${i}`),
      );
    await ingest(get().db, orgId, posts);
    const broad = await test('strømprisen');
    expect(broad.scanned).toBe(BROAD_MIN_SCANNED + 10);
    expect(broad.matched / broad.scanned).toBeGreaterThanOrEqual(0.5);
    expect(broad.broad).toBe(true);
    const narrow = await test('fjellvind AND vindpark');
    expect(narrow.matched).toBeGreaterThan(0);
    expect(narrow.broad).toBe(false);
  });
});
