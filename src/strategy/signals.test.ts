// The health check reads live data: Publishing's channels and authorship ledger, Listening's monitors (through
// the query engine) and the guidelines. Each finding is made from the real tables, and fixing the thing in its
// own area makes the finding go away.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.ts';
import { addMember, type Client, onboardAdmin, testApp } from '../../test/http.ts';
import type { App } from '../http/app.ts';
import { channels, posts, publishTargets } from '../publishing/schema.ts';
import type { HealthReport } from './health/report.ts';

describeEachDb('strategy health check on live publishing data', (get) => {
  let app: App;
  let admin: Client;
  let orgId: string;
  let planId: string;
  let leaderId: string;
  let editorId: string;
  let editor: Client;

  beforeAll(async () => {
    app = await testApp(get());
    ({ admin, orgId, userId: leaderId } = await onboardAdmin(app));
    ({ userId: editorId, client: editor } = await addMember(app, admin, 'editor', 'jonas@example.no'));
    planId = (await admin.get<{ plans: { id: string }[] }>('/api/strategy/plans')).body.plans[0]!.id;
  });
  afterAll(async () => app?.close());

  const connectedFindings = async () => {
    const report = await admin.get<HealthReport>(`/api/strategy/plans/${planId}/health`);
    return report.body.findings.filter((f) => f.check === 'channels-connected');
  };

  it('finds a planned channel nobody has connected, and forgets it once the account is connected', async () => {
    expect((await connectedFindings()).every((f) => !f.unavailable)).toBe(true);
    const planned = await admin.post(`/api/strategy/plans/${planId}/channels`, {
      network: 'bluesky',
      handle: '@Ingrid.stemme.test',
    });
    expect(planned.status).toBe(201);
    const before = await connectedFindings();
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ unavailable: false, subject: { name: '@Ingrid.stemme.test' } });

    // A connected account as Publishing stores it (connecting for real needs a PDS: see src/publishing tests).
    await get().db.insert(channels).values({
      orgId,
      network: 'bluesky',
      name: 'Ingrid',
      handle: 'ingrid.stemme.test',
      remoteAccountId: 'did:plc:ingrid',
      accountUrl: 'https://bsky.app/profile/ingrid.stemme.test',
    });
    expect(await connectedFindings()).toEqual([]);
  });

  const health = async () =>
    (await admin.get<HealthReport>(`/api/strategy/plans/${planId}/health?locale=en`)).body;
  const of = async (check: string) => (await health()).findings.filter((f) => f.check === check);

  it("finds no monitor on the leader's name, and a monitor made from the fix link covers it", async () => {
    expect((await admin.patch(`/api/strategy/plans/${planId}`, { leaderUserId: leaderId })).status).toBe(200);
    // A monitor that mentions the leader only together with another word does not cover every mention.
    await admin.post('/api/monitors', {
      name: 'Ingrid on prices',
      query: '"Ingrid Admin" AND strømpris',
      sources: [],
      languages: [],
    });
    const [leader] = (await of('monitors')).filter((f) => f.id === 'monitors:leader');
    expect(leader).toMatchObject({ severity: 'critical', unavailable: false });
    expect(leader!.title).toBe("No monitor covers Ingrid Admin's own name");
    const link = new URL(`http://stemme${leader!.fix}`);
    expect(link.pathname).toBe('/listen/monitors/new');
    const made = await admin.post('/api/monitors', {
      name: link.searchParams.get('name'),
      query: link.searchParams.get('query'),
      sources: [],
      languages: [],
    });
    expect(made.status).toBe(201);
    expect((await of('monitors')).map((f) => f.id)).not.toContain('monitors:leader');
  });

  it('asks for published guidelines, then names who has not acknowledged them', async () => {
    expect(await of('guidelines-published')).toMatchObject([
      { severity: 'warning', fix: '/guidelines?tab=proposals', unavailable: false },
    ]);
    const proposal = await admin.post<{ id: string }>('/api/guidelines/proposals', {});
    expect(proposal.status).toBe(201);
    const published = await admin.post<{ number: number }>(
      `/api/guidelines/proposals/${proposal.body.id}/publish`,
      {},
    );
    expect(published.status).toBe(201);
    expect(await of('guidelines-published')).toEqual([]);
    // Publishing a version counts as its publisher having read it; the editor has not.
    const [acks] = await of('guidelines-acknowledged');
    expect(acks).toMatchObject({ severity: 'warning', fix: '/guidelines?tab=acknowledgements' });
    expect(acks!.title).toBe('1 of 2 members have not acknowledged guidelines version 1');
    expect(acks!.explanation).toContain('editor person');
    expect(acks!.explanation).not.toContain('Ingrid Admin');
    await editor.post('/api/guidelines/acknowledge', { version: published.body.number });
    expect(await of('guidelines-acknowledged')).toEqual([]);
  });

  it("reads the authorship ledger of the leader's own channel, and sees a silent planned channel", async () => {
    expect(await of('authorship')).toMatchObject([{ severity: 'info', id: 'authorship:no-channel' }]);
    const [own] = await get()
      .db.insert(channels)
      .values({
        orgId,
        network: 'mastodon',
        name: 'Ingrid',
        handle: '@ingrid@social.example',
        remoteAccountId: '1',
        accountUrl: 'https://social.example/@ingrid',
        ownerUserId: leaderId,
      })
      .returning();
    const planned = await admin.post<{ id: string }>(`/api/strategy/plans/${planId}/channels`, {
      network: 'mastodon',
      handle: '@ingrid@social.example',
      postsPerWeek: 2,
    });
    expect(planned.status).toBe(201);
    const activity = async () =>
      (await of('channel-activity')).filter((f) => f.subject?.id === planned.body.id);
    expect(await activity()).toMatchObject([
      { id: `channel-activity:empty:${planned.body.id}`, fix: `/publish/compose?channel=${own!.id}` },
    ]);

    const day = 24 * 60 * 60 * 1000;
    const publish = async (writtenBy: string, daysAgo: number, authorship: 'own_words' | 'on_behalf') => {
      const [post] = await get()
        .db.insert(posts)
        .values({ orgId, text: 'Strømprisen forklart', writtenBy, createdBy: writtenBy })
        .returning();
      await get()
        .db.insert(publishTargets)
        .values({
          orgId,
          postId: post!.id,
          channelId: own!.id,
          variant: { parts: [{ text: 'Strømprisen forklart', mediaIds: [] }] },
          status: 'published',
          publishedAt: new Date(Date.now() - daysAgo * day),
          authorship,
        });
    };
    // Her own words, but 100 days ago: outside the 90 days the check reads.
    await publish(leaderId, 100, 'own_words');
    for (const daysAgo of [2, 9, 40]) await publish(editorId, daysAgo, 'on_behalf');
    expect(await of('authorship')).toMatchObject([
      {
        severity: 'warning',
        id: 'authorship:none',
        title: "All 3 of Ingrid Admin's posts in the last 90 days were written by others",
      },
    ]);
    await publish(leaderId, 1, 'own_words');
    expect(await of('authorship')).toEqual([]);
    // Three posts in four weeks on a channel planned for two a week: behind, but no longer empty.
    expect(await activity()).toMatchObject([
      { severity: 'info', id: `channel-activity:behind:${planned.body.id}` },
    ]);
  });
});
