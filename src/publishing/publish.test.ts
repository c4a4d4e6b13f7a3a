// Publishing through the REST API and the worker, on PGlite and PostgreSQL: exactly once under retries and lost
// answers, auth failures that mark the channel, permanent failures without retries, late posts, deletion,
// authorship, and the approval guard.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.ts';
import { addMember, type Client, onboardAdmin, testApp } from '../../test/http.ts';
import { queryRows } from '../db/connect.ts';
import type { App } from '../http/app.ts';
import { type JobContext, silentLogger } from '../jobs/definition.ts';
import type { Worker } from '../jobs/worker.ts';
import { TINY_PNG } from '../networks/contract.ts';
import { revokeSandboxAccount } from '../networks/sandbox/network.ts';
import { exportOrg } from '../team/transfer.ts';
import { publishingJobs } from './jobs.ts';
import {
  registryWith,
  type Step,
  scriptedSandbox,
  settled,
  startWorker,
  targetsOf,
  testSecretBox,
} from './test-support.ts';

const png = TINY_PNG.toString('base64');

describeEachDb('publishing', (get) => {
  const script: Step[] = [];
  const sandbox = scriptedSandbox(script);
  const networks = registryWith(sandbox);
  let app: App;
  let admin: Client;
  let orgId: string;
  let adminId: string;
  let worker: Worker;
  let channelId: string;

  beforeAll(async () => {
    app = await testApp(get(), { networks });
    ({ admin, orgId, userId: adminId } = await onboardAdmin(app));
    const ch = await admin.post<{ id: string; status: string; limits: { text: { max: number } } }>(
      '/api/channels',
      { network: 'sandbox', handle: 'fjordkraft' },
    );
    expect(ch.status).toBe(201);
    expect(ch.body).toMatchObject({ status: 'active', limits: { text: { max: 500 } } });
    channelId = ch.body.id;
    worker = startWorker(get(), networks);
  });
  afterAll(async () => {
    await worker?.stop();
    await app?.close();
  });

  async function post(body: Record<string, unknown>) {
    const res = await admin.post<{ id: string }>('/api/posts', { channelIds: [channelId], ...body });
    if (res.status !== 201) throw new Error(`create post: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  async function sandboxCount(text: string): Promise<number> {
    const [row] = await queryRows<{ n: number }>(
      get().db,
      sql`select count(*)::int as n from sandbox_posts where text = ${text} and deleted_at is null`,
    );
    return row!.n;
  }

  it('publishes a post with an image once, with its history and authorship', async () => {
    const id = await post({
      text: 'Første innlegg',
      images: [{ data: png, mimeType: 'image/png', alt: 'Et punkt' }],
    });
    const [t] = await settled(admin, id);
    expect(t).toMatchObject({
      status: 'published',
      attempts: 1,
      late: false,
      authorship: 'organisation',
      publishedOnHandle: 'fjordkraft',
    });
    expect(t!.history.map((a) => a.outcome)).toEqual(['published']);
    expect(await sandboxCount('Første innlegg')).toBe(1);
  });

  it('refuses text over the limit with the reason per channel, and threads it when asked', async () => {
    const long = `${'ord '.repeat(200)}slutt`;
    const res = await admin.post<{
      error: string;
      message: string;
      details: { channels: Record<string, unknown> };
    }>('/api/posts', { text: long, channelIds: [channelId] });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('post_has_problems');
    expect(res.body.message).toMatch(/805 characters \(graphemes\); Sandbox allows 500/);
    const missingAlt = await admin.post<{ message: string }>('/api/posts', {
      text: 'Bilde',
      channelIds: [channelId],
      images: [{ data: png, mimeType: 'image/png' }],
    });
    expect(missingAlt.body.message).toMatch(/image 1 needs alt text/);
    const preview = await admin.post<{
      channels: { variant: { parts: { text: string }[] }; problems: unknown[] }[];
    }>('/api/posts/preview', { text: long, thread: true, channelIds: [channelId] });
    expect(preview.body.channels[0]!.problems).toEqual([]);
    expect(preview.body.channels[0]!.variant.parts.map((p) => p.text.slice(-4))).toEqual([' 1/2', ' 2/2']);
    const id = await post({ text: long, thread: true });
    const [t] = await settled(admin, id);
    expect(t!.status).toBe('published');
    const parts = await queryRows<{ part: number; reply_to: string | null }>(
      get().db,
      sql`select part, reply_to from sandbox_posts where idempotency_key = ${`stemme-${t!.id}`} order by part`,
    );
    expect(parts).toHaveLength(2);
    expect(parts[1]!.reply_to).not.toBeNull();
  });

  it('retries transient failures, checking the network first, and publishes once', async () => {
    script.push('retry', 'retry');
    const id = await post({ text: 'Tredje gang er lykke' });
    const [t] = await settled(admin, id);
    expect(t!.status).toBe('published');
    expect(t!.history.map((a) => [a.outcome, a.checkedNetwork])).toEqual([
      ['will_retry', false],
      ['will_retry', true],
      ['published', true],
    ]);
    expect(await sandboxCount('Tredje gang er lykke')).toBe(1);
  });

  it('a lost answer is found on the network by its key instead of publishing twice', async () => {
    script.push('lost');
    const id = await post({ text: 'Svaret kom aldri' });
    const [t] = await settled(admin, id);
    expect(t!.history.map((a) => a.outcome)).toEqual(['will_retry', 'found']);
    expect(sandbox.calls.at(-1)).toBe('lost');
    expect(await sandboxCount('Svaret kom aldri')).toBe(1);
  });

  it('a permanent failure is not retried; the retry button publishes it', async () => {
    script.push('permanent');
    const id = await post({ text: 'Avvist første gang' });
    const [t] = await settled(admin, id);
    expect(t).toMatchObject({ status: 'failed', attempts: 1, errorClass: 'permanent', errorCode: '422' });
    const retried = await admin.post(`/api/posts/${id}/targets/${t!.id}/retry`);
    expect(retried.status).toBe(200);
    const [again] = await settled(admin, id);
    expect(again).toMatchObject({ status: 'published', attempts: 2, errorClass: null });
    expect(await sandboxCount('Avvist første gang')).toBe(1);
    expect((await admin.post(`/api/posts/${id}/targets/${t!.id}/retry`)).status).toBe(409);
  });

  it('an auth failure marks the channel reconnect-needed; reconnecting publishes what was held back', async () => {
    const ch = await admin.post<{ id: string }>('/api/channels', { network: 'sandbox', handle: 'leder' });
    const accountId = (
      await queryRows<{ remote_account_id: string }>(
        get().db,
        sql`select remote_account_id from channels where id = ${ch.body.id}`,
      )
    )[0]!.remote_account_id;
    await revokeSandboxAccount(get().db, orgId, accountId);
    const first = await admin.post<{ id: string }>('/api/posts', {
      text: 'Utløpt nøkkel',
      channelIds: [ch.body.id],
    });
    const [t] = await settled(admin, first.body.id);
    expect(t).toMatchObject({ status: 'failed', errorClass: 'auth', errorCode: 'token_revoked' });
    const channel = await admin.get<{ status: string; statusReason: string }>(`/api/channels/${ch.body.id}`);
    expect(channel.body).toMatchObject({
      status: 'reconnect_needed',
      statusReason: 'The sandbox token was revoked',
    });
    // Later posts to the channel fail at once, without bothering the network.
    const second = await admin.post<{ id: string }>('/api/posts', {
      text: 'Også holdt igjen',
      channelIds: [ch.body.id],
    });
    const [t2] = await settled(admin, second.body.id);
    expect(t2).toMatchObject({ status: 'failed', errorClass: 'auth', attempts: 0 });
    const reconnected = await admin.put<{ status: string }>(`/api/channels/${ch.body.id}/credentials`, {
      network: 'sandbox',
      handle: 'leder',
    });
    expect(reconnected.body.status).toBe('active');
    expect((await settled(admin, first.body.id))[0]!.status).toBe('published');
    expect((await settled(admin, second.body.id))[0]!.status).toBe('published');
  });

  it('a post due while nobody was publishing goes out when a worker comes back, marked late', async () => {
    await worker.stop();
    const id = await post({
      text: 'Forsinket',
      scheduledAt: new Date(Date.now() - 3 * 60_000).toISOString(),
    });
    expect((await targetsOf(admin, id))[0]!.status).toBe('scheduled');
    worker = startWorker(get(), networks);
    const [t] = await settled(admin, id);
    expect(t).toMatchObject({ status: 'published', late: true });
  });

  it('records authorship: the leader’s own words, or written on their behalf', async () => {
    const { userId: editorId, client: editor } = await addMember(app, admin, 'editor', 'skribent@example.no');
    const leaderChannel = await admin.post<{ id: string }>('/api/channels', {
      network: 'sandbox',
      handle: 'ordforer',
      ownerUserId: adminId,
    });
    const own = await admin.post<{ targets: { authorship: string }[] }>('/api/posts', {
      text: 'Mine egne ord',
      channelIds: [leaderChannel.body.id],
      scheduledAt: '2099-01-01T12:00:00Z',
    });
    const ghost = await editor.post<{
      targets: { authorship: string }[];
      writtenBy: { id: string; name: string };
      createdBy: { id: string; name: string };
    }>('/api/posts', {
      text: 'Skrevet for lederen',
      channelIds: [leaderChannel.body.id],
      scheduledAt: '2099-01-01T12:00:00Z',
    });
    expect(own.body.targets[0]!.authorship).toBe('own_words');
    expect(ghost.body.targets[0]!.authorship).toBe('on_behalf');
    expect(ghost.body).toMatchObject({
      writtenBy: { id: editorId, name: 'editor person' },
      writtenById: editorId,
      createdBy: { id: editorId },
    });
  });

  it('nothing that requires approval goes out without it', async () => {
    const id = await post({ text: 'Trenger godkjenning', scheduledAt: '2099-01-01T12:00:00Z' });
    await get().db.execute(sql`update posts set requires_approval = true where id = ${id}`);
    await get().db.execute(sql`update publish_targets set due_at = now() where post_id = ${id}`);
    await get().db.execute(
      sql`update jobs set run_at = now() where payload->>'targetId' in (select id::text from publish_targets where post_id = ${id})`,
    );
    const [t] = await settled(admin, id);
    expect(t).toMatchObject({ status: 'failed', errorCode: 'approval_missing' });
    expect(await sandboxCount('Trenger godkjenning')).toBe(0);
  });

  it('deleting a published post deletes it on the network; a scheduled one is cancelled', async () => {
    const id = await post({ text: 'Skal slettes' });
    await settled(admin, id);
    const res = await admin.delete<{ deleted: number; cancelled: number }>(`/api/posts/${id}`);
    expect(res.body).toMatchObject({ deleted: 1, cancelled: 0 });
    expect(await sandboxCount('Skal slettes')).toBe(0);
    expect((await admin.get(`/api/posts/${id}`)).status).toBe(404);
    const later = await post({ text: 'Aldri publisert', scheduledAt: '2099-01-01T12:00:00Z' });
    expect((await admin.delete<{ cancelled: number }>(`/api/posts/${later}`)).body.cancelled).toBe(1);
  });

  it('the sweep queues again a target whose job died with its worker, and gives up on one that keeps dying', async () => {
    await worker.stop();
    const id = await post({
      text: 'Foreldreløs',
      scheduledAt: new Date(Date.now() - 10 * 60_000).toISOString(),
    });
    const hopeless = await post({
      text: 'Håpløs',
      scheduledAt: new Date(Date.now() - 10 * 60_000).toISOString(),
    });
    // As after a kill -9 on the job's last attempt: the job is dead, the target stuck in 'publishing'.
    await get().db.execute(
      sql`update jobs set state = 'dead' where name = 'publishing.publish' and state = 'queued'`,
    );
    await get().db.execute(
      sql`update publish_targets set status = 'publishing', attempts = 1, updated_at = now() - interval '10 minutes'
          where post_id = ${id}`,
    );
    await get().db.execute(
      sql`update publish_targets set status = 'publishing', attempts = 30, updated_at = now() - interval '10 minutes'
          where post_id = ${hopeless}`,
    );
    const sweep = publishingJobs({ secretBox: testSecretBox(), networks }).find(
      (j) => j.name === 'publishing.sweep',
    )!;
    await sweep.run({}, { db: get().db, log: silentLogger } as unknown as JobContext);
    worker = startWorker(get(), networks);
    const [t] = await settled(admin, id);
    expect(t).toMatchObject({ status: 'published', late: true });
    expect(t!.history.map((a) => a.outcome)).toEqual(['published']);
    const [h] = await settled(admin, hopeless);
    expect(h).toMatchObject({ status: 'failed', errorCode: 'gave_up' });
  });

  it('exports channels with sealed credentials only', async () => {
    const doc = await exportOrg(get().db, orgId);
    const rows = doc.tables.channels as { credentials: string | null }[];
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.credentials ?? 'v1.').toMatch(/^v1\./);
    expect(doc.tables.publish_targets?.length).toBeGreaterThan(0);
  });
});
