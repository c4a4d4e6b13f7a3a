// The publishing flow through the REST API and a real worker, on PGlite and PostgreSQL: drafts, the approval flow
// (and that an editor cannot publish around it by any route), edits and reschedules against queued jobs, queue
// slots in the organisation's time zone, the guideline hook, the authorship ledger, list filters.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb, freshDatabase } from '../../test/databases.ts';
import { addMember, type Client, onboardAdmin, testApp } from '../../test/http.ts';
import { queryRows } from '../db/connect.ts';
import type { App } from '../http/app.ts';
import { pause, until } from '../jobs/test-support.ts';
import type { Worker } from '../jobs/worker.ts';
import { TINY_PNG } from '../networks/contract.ts';
import { exportOrg, importOrg } from '../team/transfer.ts';
import { registryWith, type Step, scriptedSandbox, settled, startWorker } from './test-support.ts';
import { zonedTime } from './zoned.ts';

const png = TINY_PNG.toString('base64');

interface Person {
  id: string;
  name: string;
}
interface PostJson {
  id: string;
  state: string;
  scheduledAt: string | null;
  text: string;
  writtenBy: Person | null;
  createdBy: Person | null;
  approvedBy: Person | null;
  approval: {
    required: boolean;
    approvedBy: Person | null;
    approvedAt: string | null;
    comments: { kind: string; text: string; author: Person | null }[];
  };
  guidelineHits: { kind: string; severity: string; match?: string }[];
  media: { id: string; alt: string }[];
  variants: { channelId: string; parts: string[] }[];
  targets: {
    id: string;
    channelId: string;
    status: string;
    dueAt: string | null;
    attempts: number;
    errorCode: string | null;
    variant: { parts: { text: string; mediaIds: string[] }[] };
  }[];
}

describe('wall-clock times in a zone', () => {
  it('finds the instant of a local time on both sides of the Oslo DST changes', () => {
    const oslo = 'Europe/Oslo';
    expect(zonedTime({ year: 2027, month: 3, day: 27 }, 9, 0, oslo).toISOString()).toBe(
      '2027-03-27T08:00:00.000Z',
    );
    expect(zonedTime({ year: 2027, month: 3, day: 28 }, 9, 0, oslo).toISOString()).toBe(
      '2027-03-28T07:00:00.000Z',
    );
    // 02:30 does not exist that night: it moves forward by the gap, to 03:30 summer time.
    expect(zonedTime({ year: 2027, month: 3, day: 28 }, 2, 30, oslo).toISOString()).toBe(
      '2027-03-28T01:30:00.000Z',
    );
    // 02:30 happens twice in October: the first one (summer time).
    expect(zonedTime({ year: 2027, month: 10, day: 31 }, 2, 30, oslo).toISOString()).toBe(
      '2027-10-31T00:30:00.000Z',
    );
    expect(zonedTime({ year: 2027, month: 10, day: 31 }, 9, 0, oslo).toISOString()).toBe(
      '2027-10-31T08:00:00.000Z',
    );
    expect(zonedTime({ year: 2027, month: 1, day: 15 }, 9, 0, 'America/New_York').toISOString()).toBe(
      '2027-01-15T14:00:00.000Z',
    );
  });
});

describeEachDb('publishing flow', (get) => {
  const script: Step[] = [];
  const networks = registryWith(scriptedSandbox(script));
  let app: App;
  let admin: Client;
  let adminId: string;
  let orgId: string;
  let editor: Client;
  let editorId: string;
  let approver: Client;
  let approverId: string;
  let viewer: Client;
  let worker: Worker;
  let channelId: string;
  let leaderChannelId: string;

  beforeAll(async () => {
    app = await testApp(get(), { networks });
    ({ admin, userId: adminId, orgId } = await onboardAdmin(app));
    ({ client: editor, userId: editorId } = await addMember(app, admin, 'editor', 'redaktor@example.no'));
    ({ client: approver, userId: approverId } = await addMember(
      app,
      admin,
      'approver',
      'godkjenner@example.no',
    ));
    ({ client: viewer } = await addMember(app, admin, 'viewer', 'leser@example.no'));
    const ch = await admin.post<{ id: string }>('/api/channels', {
      network: 'sandbox',
      handle: 'fjordkraft',
    });
    channelId = ch.body.id;
    const leader = await admin.post<{ id: string }>('/api/channels', {
      network: 'sandbox',
      handle: 'ordforer',
      ownerUserId: adminId,
    });
    leaderChannelId = leader.body.id;
    worker = startWorker(get(), networks);
  });
  afterAll(async () => {
    await worker?.stop();
    await app?.close();
  });

  async function create(who: Client, body: Record<string, unknown>): Promise<PostJson> {
    const res = await who.post<PostJson>('/api/posts', { channelIds: [channelId], ...body });
    if (res.status !== 201) throw new Error(`create: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
  const getPost = async (id: string) => (await admin.get<PostJson>(`/api/posts/${id}`)).body;
  async function sandboxCount(text: string): Promise<number> {
    const [row] = await queryRows<{ n: number }>(
      get().db,
      sql`select count(*)::int as n from sandbox_posts where text like ${`${text}%`} and deleted_at is null`,
    );
    return row!.n;
  }
  /** Publish jobs queued or running for a post's targets. */
  async function liveJobs(postId: string): Promise<{ run_at: Date; payload: { dueAt?: string } }[]> {
    return queryRows(
      get().db,
      sql`select run_at, payload from jobs where name = 'publishing.publish' and state in ('queued', 'running')
          and payload->>'targetId' in (select id::text from publish_targets where post_id = ${postId})`,
    );
  }
  async function auditActions(target: string): Promise<string[]> {
    const rows = await queryRows<{ action: string }>(
      get().db,
      sql`select action from audit_log where target = ${target} order by at, id`,
    );
    return rows.map((r) => r.action);
  }
  const setApproval = (requireApproval: boolean, extra: Record<string, boolean> = {}) =>
    admin.put<{ requireApproval: boolean }>('/api/publishing/settings', { requireApproval, ...extra });

  it('a draft is stored without a time and nothing is queued; it may be unfinished, submitting may not', async () => {
    const draft = await create(editor, { text: `${'utkast '.repeat(90)}`, intent: 'draft' });
    expect(draft).toMatchObject({ state: 'draft', scheduledAt: null });
    expect(draft.targets[0]).toMatchObject({ status: 'scheduled', dueAt: null });
    expect(await liveJobs(draft.id)).toEqual([]);
    const refused = await editor.post<{ error: string; message: string }>(`/api/posts/${draft.id}/submit`);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('post_has_problems');
    expect(refused.body.message).toMatch(/Sandbox allows 500/);
    const fixed = await editor.patch<PostJson>(`/api/posts/${draft.id}`, { text: 'Utkast ferdig' });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ state: 'draft', text: 'Utkast ferdig' });
    expect(fixed.body.targets[0]!.variant.parts[0]!.text).toBe('Utkast ferdig');
    const submitted = await editor.post<PostJson>(`/api/posts/${draft.id}/submit`);
    expect(submitted.status).toBe(200);
    expect(submitted.body.state).toBe('scheduled');
    const [t] = await settled(admin, draft.id);
    expect(t!.status).toBe('published');
    expect(await sandboxCount('Utkast ferdig')).toBe(1);
    expect(await auditActions(draft.id)).toEqual(['post.create', 'post.update', 'post.submit']);
  });

  it('only admins change the publishing settings; the change is audited', async () => {
    expect((await admin.get('/api/publishing/settings')).body).toEqual({
      requireApproval: false,
      allowSelfApproval: false,
    });
    expect((await editor.put('/api/publishing/settings', { requireApproval: false })).status).toBe(403);
    expect((await approver.put('/api/publishing/settings', { requireApproval: false })).status).toBe(403);
    const on = await setApproval(true);
    expect(on.body).toEqual({ requireApproval: true, allowSelfApproval: false });
    expect((await viewer.get('/api/publishing/settings')).body).toMatchObject({ requireApproval: true });
    const [row] = await queryRows<{ details: Record<string, unknown> }>(
      get().db,
      sql`select details from audit_log where action = 'publishing.settings_updated' order by at desc limit 1`,
    );
    expect(row!.details).toEqual({ requireApproval: true });
  });

  it('an editor cannot publish around approval: not by a due time, an edit, a retry or submitting again', async () => {
    await setApproval(true);
    const post = await create(editor, {
      text: 'Må godkjennes først',
      scheduledAt: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(post.state).toBe('pending_approval');
    expect(post.approval).toMatchObject({ required: true, approvedBy: null });
    expect(post.approval.comments.map((c) => c.kind)).toEqual(['submitted']);
    expect(await liveJobs(post.id)).toEqual([]);

    const moved = await editor.patch<PostJson>(`/api/posts/${post.id}`, {
      scheduledAt: new Date(Date.now() - 30_000).toISOString(),
    });
    expect(moved.body.state).toBe('pending_approval');
    const edited = await editor.patch<PostJson>(`/api/posts/${post.id}`, { text: 'Må godkjennes, endret' });
    expect(edited.body.state).toBe('pending_approval');
    expect(await liveJobs(post.id)).toEqual([]);
    const again = await editor.post<{ error: string }>(`/api/posts/${post.id}/submit`);
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('already_submitted');
    const retry = await editor.post<{ error: string }>(
      `/api/posts/${post.id}/targets/${post.targets[0]!.id}/retry`,
    );
    expect(retry.status).toBe(409);
    expect(retry.body.error).toBe('not_approved');
    expect((await editor.post(`/api/posts/${post.id}/approve`)).status).toBe(403);
    expect(await liveJobs(post.id)).toEqual([]);

    // Even a publish job that turns up anyway (queued by hand here) does not publish it.
    await get().db.execute(
      sql`insert into jobs (name, org_id, payload) select 'publishing.publish', org_id,
          jsonb_build_object('targetId', id::text) from publish_targets where post_id = ${post.id}`,
    );
    await until('stray job ran', async () => (await liveJobs(post.id)).length === 0);
    await pause(100);
    expect((await getPost(post.id)).targets[0]).toMatchObject({ status: 'scheduled', attempts: 0 });
    expect(await sandboxCount('Må godkjennes')).toBe(0);

    // A draft with a time in the past is not published either; submitting it asks for approval.
    const draft = await create(editor, {
      text: 'Utkast med tid',
      intent: 'draft',
      scheduledAt: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(await liveJobs(draft.id)).toEqual([]);
    const submitted = await editor.post<PostJson>(`/api/posts/${draft.id}/submit`);
    expect(submitted.body.state).toBe('pending_approval');
    await pause(150);
    expect(await sandboxCount('Utkast med tid')).toBe(0);
  });

  it('send back needs a comment; the editor changes it, submits again, an approver approves and it goes out', async () => {
    await setApproval(true);
    const post = await create(editor, { text: 'Lansering i dag' });
    const noComment = await approver.post<{ message: string }>(`/api/posts/${post.id}/send-back`, {});
    expect(noComment.status).toBe(400);
    expect(noComment.body.message).toMatch(/^comment:/);
    const back = await approver.post<PostJson>(`/api/posts/${post.id}/send-back`, {
      comment: 'Nevn prisen',
    });
    expect(back.status).toBe(200);
    expect(back.body.state).toBe('changes_requested');
    expect((await approver.post(`/api/posts/${post.id}/approve`)).status).toBe(409);

    expect((await viewer.post(`/api/posts/${post.id}/comments`, { text: 'Jeg mener' })).status).toBe(403);
    const commented = await editor.post<PostJson>(`/api/posts/${post.id}/comments`, {
      text: 'Prisen er ikke klar',
    });
    expect(commented.status).toBe(201);
    await editor.patch(`/api/posts/${post.id}`, { text: 'Lansering i dag: 99 kroner' });
    expect((await getPost(post.id)).state).toBe('changes_requested');
    const resubmitted = await editor.post<PostJson>(`/api/posts/${post.id}/submit`, {
      comment: 'Pris lagt inn',
    });
    expect(resubmitted.body.state).toBe('pending_approval');

    const queue = await approver.get<{ posts: PostJson[] }>('/api/approvals');
    expect(queue.body.posts.map((p) => p.id)).toContain(post.id);

    const approved = await approver.post<PostJson>(`/api/posts/${post.id}/approve`, { comment: 'Flott' });
    expect(approved.status).toBe(200);
    expect(approved.body.state).toBe('scheduled');
    expect(approved.body.approvedBy).toEqual({ id: approverId, name: 'approver person' });
    expect(approved.body.approval.comments.map((c) => [c.kind, c.text, c.author?.id])).toEqual([
      ['submitted', '', editorId],
      ['sent_back', 'Nevn prisen', approverId],
      ['comment', 'Prisen er ikke klar', editorId],
      ['submitted', 'Pris lagt inn', editorId],
      ['approved', 'Flott', approverId],
    ]);
    const [t] = await settled(admin, post.id);
    expect(t!.status).toBe('published');
    expect(await sandboxCount('Lansering i dag: 99 kroner')).toBe(1);
    expect((await getPost(post.id)).state).toBe('published');
    expect(
      (await approver.get<{ posts: PostJson[] }>('/api/approvals')).body.posts.map((p) => p.id),
    ).not.toContain(post.id);
    expect(await auditActions(post.id)).toEqual([
      'post.create',
      'post.send_back',
      'post.comment',
      'post.update',
      'post.submit',
      'post.approve',
    ]);
    // Published: no more edits, and no approving or sending back.
    const late = await editor.patch<{ error: string }>(`/api/posts/${post.id}`, { text: 'For sent' });
    expect(late.status).toBe(409);
    expect(late.body.error).toBe('already_published');
  });

  it('approvers do not approve their own words unless the organisation allows it; admins may', async () => {
    await setApproval(true);
    const theirs = await create(editor, { text: 'Godkjennerens egne ord', writtenBy: approverId });
    const refused = await approver.post<{ error: string }>(`/api/posts/${theirs.id}/approve`);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('self_approval');
    await setApproval(true, { allowSelfApproval: true });
    expect((await approver.post(`/api/posts/${theirs.id}/approve`)).status).toBe(200);
    await setApproval(true, { allowSelfApproval: false });

    const adminsOwn = await create(admin, { text: 'Adminens egen', scheduledAt: '2099-05-01T10:00:00Z' });
    expect(adminsOwn.state).toBe('pending_approval');
    expect((await admin.post(`/api/posts/${adminsOwn.id}/approve`)).status).toBe(200);
    const [row] = await queryRows<{ details: Record<string, unknown> }>(
      get().db,
      sql`select details from audit_log where action = 'post.approve' and target = ${adminsOwn.id}`,
    );
    expect(row!.details).toMatchObject({ self: true });
  });

  it('a content edit takes the approval back (stale jobs do nothing); a reschedule keeps it', async () => {
    await setApproval(true);
    const post = await create(editor, { text: 'Godkjent tekst', scheduledAt: '2099-06-01T08:00:00Z' });
    await approver.post(`/api/posts/${post.id}/approve`);
    expect((await getPost(post.id)).state).toBe('scheduled');
    expect(await liveJobs(post.id)).toHaveLength(1);

    const moved = await editor.patch<PostJson>(`/api/posts/${post.id}`, {
      scheduledAt: '2099-06-02T08:00:00Z',
    });
    expect(moved.body).toMatchObject({ state: 'scheduled', approvedBy: { id: approverId } });
    expect(moved.body.targets[0]!.dueAt).toBe('2099-06-02T08:00:00.000Z');

    const edited = await editor.patch<PostJson>(`/api/posts/${post.id}`, {
      text: 'Endret etter godkjenning',
    });
    expect(edited.body).toMatchObject({ state: 'pending_approval', approvedBy: null });
    expect(edited.body.approval.comments.at(-1)?.kind).toBe('approval_reset');
    // The jobs queued while it was approved are still there; make them due: they must not publish it.
    await get().db.execute(
      sql`update jobs set run_at = now() where name = 'publishing.publish' and state = 'queued'
          and payload->>'targetId' = ${post.targets[0]!.id}`,
    );
    await get().db.execute(sql`update publish_targets set due_at = now() where post_id = ${post.id}`);
    await until('stale jobs ran', async () => (await liveJobs(post.id)).length === 0);
    await pause(100);
    expect((await getPost(post.id)).targets[0]).toMatchObject({ status: 'scheduled', attempts: 0 });
    expect(await sandboxCount('Endret etter godkjenning')).toBe(0);
    expect(await auditActions(post.id)).toEqual([
      'post.create',
      'post.approve',
      'post.reschedule',
      'post.update',
    ]);
  });

  it('a failed post edited after approval cannot be retried until it is approved again', async () => {
    await setApproval(true);
    script.push('permanent');
    const post = await create(editor, { text: 'Avvist av nettverket' });
    await approver.post(`/api/posts/${post.id}/approve`);
    const [t] = await settled(admin, post.id);
    expect(t).toMatchObject({ status: 'failed', errorCode: '422' });
    expect((await getPost(post.id)).state).toBe('failed');
    await editor.patch(`/api/posts/${post.id}`, { text: 'Avvist, rettet' });
    const retry = await editor.post<{ error: string }>(`/api/posts/${post.id}/targets/${t!.id}/retry`);
    expect(retry.status).toBe(409);
    expect(retry.body.error).toBe('not_approved');
    await approver.post(`/api/posts/${post.id}/approve`);
    expect((await editor.post(`/api/posts/${post.id}/targets/${t!.id}/retry`)).status).toBe(200);
    expect((await settled(admin, post.id))[0]!.status).toBe('published');
    expect(await sandboxCount('Avvist, rettet')).toBe(1);
  });

  it('a rescheduled post does not go out at its old time, and goes out at its new one', async () => {
    await setApproval(false);
    const soon = new Date(Date.now() + 1200);
    const post = await create(editor, { text: 'Flyttet innlegg', scheduledAt: soon.toISOString() });
    expect(post.state).toBe('scheduled');
    const later = new Date(Date.now() + 3_600_000);
    const moved = await editor.patch<PostJson>(`/api/posts/${post.id}`, { scheduledAt: later.toISOString() });
    expect(moved.body.targets[0]!.dueAt).toBe(later.toISOString());
    await pause(Math.max(0, soon.getTime() - Date.now()) + 800);
    expect((await getPost(post.id)).targets[0]).toMatchObject({ status: 'scheduled', attempts: 0 });
    expect(await sandboxCount('Flyttet innlegg')).toBe(0);
    const jobs = await liveJobs(post.id);
    expect(jobs.map((j) => j.payload.dueAt)).toEqual([later.toISOString()]);

    // Moved to the past: it goes out now, once.
    await editor.patch(`/api/posts/${post.id}`, { scheduledAt: new Date(Date.now() - 60_000).toISOString() });
    const [t] = await settled(admin, post.id);
    expect(t).toMatchObject({ status: 'published', attempts: 1 });
    expect(await sandboxCount('Flyttet innlegg')).toBe(1);
  });

  it('a post being published cannot be edited or rescheduled, and goes out once', async () => {
    await setApproval(false);
    await worker.stop();
    let release = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let reached = () => {};
    const atCall = new Promise<void>((r) => {
      reached = r;
    });
    const probing = startWorker(get(), networks, {
      probe: async (step) => {
        if (step !== 'calling') return;
        reached();
        await gate;
      },
    });
    try {
      const post = await create(editor, { text: 'Underveis' });
      await atCall;
      const moved = await editor.patch<{ error: string }>(`/api/posts/${post.id}`, {
        scheduledAt: '2099-01-01T10:00:00Z',
      });
      expect(moved.status).toBe(409);
      expect(moved.body.error).toBe('publishing_now');
      expect((await editor.patch(`/api/posts/${post.id}`, { text: 'Endret underveis' })).status).toBe(409);
      release();
      const [t] = await settled(admin, post.id);
      expect(t).toMatchObject({ status: 'published', attempts: 1 });
      expect(await sandboxCount('Underveis')).toBe(1);
      expect((await getPost(post.id)).text).toBe('Underveis');
    } finally {
      release();
      await probing.stop();
      worker = startWorker(get(), networks);
    }
  });

  it('edits channels, per-channel variants and images, keeping an image by id', async () => {
    await setApproval(false);
    const post = await create(editor, {
      text: 'Bilde og kanaler',
      intent: 'draft',
      images: [{ data: png, mimeType: 'image/png', alt: 'Første' }],
    });
    const mediaId = post.media[0]!.id;
    const res = await editor.patch<PostJson>(`/api/posts/${post.id}`, {
      channelIds: [channelId, leaderChannelId],
      variants: [{ channelId: leaderChannelId, parts: ['Egen tekst for lederen'] }],
      images: [
        { mediaId, alt: 'Første, ny alt' },
        { data: png, mimeType: 'image/png', alt: 'Andre' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.media.map((m) => m.alt)).toEqual(['Første, ny alt', 'Andre']);
    expect(res.body.media[0]!.id).toBe(mediaId);
    const byChannel = new Map(res.body.targets.map((t) => [t.channelId, t]));
    expect(byChannel.get(channelId)!.variant.parts[0]!.text).toBe('Bilde og kanaler');
    expect(byChannel.get(leaderChannelId)!.variant.parts[0]!.text).toBe('Egen tekst for lederen');
    expect(byChannel.get(leaderChannelId)!.variant.parts[0]!.mediaIds).toHaveLength(2);
    // The variant edit is kept when only the main text changes.
    const again = await editor.patch<PostJson>(`/api/posts/${post.id}`, {
      text: 'Bilde og kanaler, ny',
      channelIds: [leaderChannelId],
    });
    expect(again.body.targets.map((t) => t.channelId)).toEqual([leaderChannelId]);
    expect(again.body.targets[0]!.variant.parts[0]!.text).toBe('Egen tekst for lederen');
    const foreign = await editor.patch<{ message: string }>(`/api/posts/${post.id}`, {
      images: [{ mediaId: '11111111-1111-4111-8111-111111111111' }],
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.message).toMatch(/^images\.0\.mediaId/);
  });

  it('queue slots per channel in the organisation’s time zone, DST-correct, and slot "next" per channel', async () => {
    await setApproval(false);
    const bad = await editor.put<{ message: string }>(`/api/channels/${channelId}/slots`, {
      slots: [{ weekday: 8, time: '09:00' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^slots\.0\.weekday/);
    expect(
      (await viewer.put(`/api/channels/${channelId}/slots`, { slots: [{ weekday: 1, time: '09:00' }] }))
        .status,
    ).toBe(403);
    const put = await editor.put<{ timeZone: string; slots: unknown[] }>(`/api/channels/${channelId}/slots`, {
      slots: [
        { weekday: 7, time: '09:00' },
        { weekday: 1, time: '09:00' },
        { weekday: 7, time: '09:00' },
      ],
    });
    expect(put.body).toEqual({
      timeZone: 'Europe/Oslo',
      slots: [
        { weekday: 1, time: '09:00' },
        { weekday: 7, time: '09:00' },
      ],
    });
    await editor.put(`/api/channels/${leaderChannelId}/slots`, { slots: [{ weekday: 3, time: '18:30' }] });

    // Across the spring change (28 March 2027): 09:00 is 08:00Z before it and 07:00Z after it.
    const next = async (after: string) =>
      (await viewer.get<{ at: string }>(`/api/channels/${channelId}/next-slot?after=${after}`)).body.at;
    expect(await next('2027-03-20T12:00:00Z')).toBe('2027-03-21T08:00:00.000Z');
    expect(await next('2027-03-26T12:00:00Z')).toBe('2027-03-28T07:00:00.000Z');
    expect(await next('2027-03-28T07:00:00Z')).toBe('2027-03-29T07:00:00.000Z');
    expect(await next('2027-10-30T12:00:00Z')).toBe('2027-10-31T08:00:00.000Z');

    // slot "next": each channel its own next free slot; a second post takes the slot after.
    const expected = (await viewer.get<{ at: string }>(`/api/channels/${channelId}/next-slot`)).body.at;
    const first = await create(editor, {
      text: 'Kø en',
      slot: 'next',
      channelIds: [channelId, leaderChannelId],
    });
    const firstDue = new Map(first.targets.map((t) => [t.channelId, t.dueAt!]));
    expect(firstDue.get(channelId)).toBe(expected);
    const oslo = (iso: string) => {
      const parts = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/Oslo',
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).formatToParts(new Date(iso));
      const part = (type: string) => parts.find((p) => p.type === type)?.value;
      return `${part('weekday')} ${part('hour')}:${part('minute')}`;
    };
    expect(['Mon 09:00', 'Sun 09:00']).toContain(oslo(firstDue.get(channelId)!));
    expect(oslo(firstDue.get(leaderChannelId)!)).toBe('Wed 18:30');
    expect(first.scheduledAt).toBe(
      [...firstDue.values()].sort()[0], // the post's time is its earliest target's
    );
    const second = await create(editor, { text: 'Kø to', slot: 'next' });
    const secondDue = second.targets[0]!.dueAt!;
    expect(new Date(secondDue).getTime()).toBeGreaterThan(new Date(expected).getTime());
    const third = (await viewer.get<{ at: string }>(`/api/channels/${channelId}/next-slot`)).body.at;
    expect(new Date(third).getTime()).toBeGreaterThan(new Date(secondDue).getTime());
    // A draft submitted with slot "next" takes the next free one then.
    const draft = await create(editor, { text: 'Kø utkast', intent: 'draft' });
    const submitted = await editor.post<PostJson>(`/api/posts/${draft.id}/submit`, { slot: 'next' });
    expect(submitted.body.targets[0]!.dueAt).toBe(third);
    expect(submitted.body.scheduledAt).toBe(third);
    // A slot freed by rescheduling is offered again.
    await editor.patch(`/api/posts/${first.id}`, { scheduledAt: '2099-01-01T10:00:00Z' });
    expect((await viewer.get<{ at: string }>(`/api/channels/${channelId}/next-slot`)).body.at).toBe(expected);

    const bare = await admin.post<{ id: string }>('/api/channels', { network: 'sandbox', handle: 'tom' });
    const empty = await editor.post<{ error: string }>('/api/posts', {
      text: 'Ingen luker',
      channelIds: [bare.body.id],
      slot: 'next',
    });
    expect(empty.status).toBe(400);
    expect(empty.body.error).toBe('no_slots');
  });

  it('the guideline check runs on preview and is stored on the post for the approver', async () => {
    const plans = await admin.get<{ plans: { id: string; personUserId: string | null }[] }>(
      '/api/strategy/plans',
    );
    const planId = plans.body.plans.find((p) => p.personUserId === null)!.id;
    const topic = await admin.post(`/api/strategy/plans/${planId}/topics`, {
      stance: 'out',
      name: 'Lønnsforhandlinger',
      examples: ['streik'],
    });
    expect(topic.status).toBe(201);
    const preview = await editor.post<{ channels: unknown[]; guidelineHits: PostJson['guidelineHits'] }>(
      '/api/posts/preview',
      { text: 'Det blir streik i morgen', channelIds: [channelId] },
    );
    expect(preview.body.channels).toHaveLength(1);
    expect(preview.body.guidelineHits).toMatchObject([
      { kind: 'out_of_bounds_topic', severity: 'warn', match: 'streik' },
    ]);
    await setApproval(true);
    const post = await create(editor, {
      text: 'Det blir streik i morgen',
      scheduledAt: '2099-02-01T10:00:00Z',
    });
    expect(post.guidelineHits).toMatchObject([{ match: 'streik' }]);
    const waiting = await approver.get<{ posts: PostJson[] }>('/api/approvals');
    expect(waiting.body.posts.find((p) => p.id === post.id)?.guidelineHits).toHaveLength(1);
    const cleaned = await editor.patch<PostJson>(`/api/posts/${post.id}`, { text: 'Det blir møte i morgen' });
    expect(cleaned.body.guidelineHits).toEqual([]);
  });

  it('a blocking guideline refuses submitting with 422 and the hits; a draft keeps them for later', async () => {
    await setApproval(false);
    const rule = await admin.post('/api/guidelines/rules', {
      kind: 'banned_phrase',
      severity: 'block',
      params: { phrases: ['garantert gevinst'] },
    });
    expect(rule.status).toBe(201);
    const text = 'Garantert gevinst for alle!';
    const refused = await editor.post<{
      error: string;
      message: string;
      details: { hits: { kind: string; severity: string; match: string }[] };
    }>('/api/posts', { text, channelIds: [channelId] });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toBe('guideline_blocked');
    expect(refused.body.message).toMatch(/^text: /);
    expect(refused.body.details.hits).toMatchObject([
      { kind: 'banned_phrase', severity: 'block', match: 'Garantert gevinst' },
    ]);
    expect(await sandboxCount(text)).toBe(0);
    const draft = await create(editor, { text, intent: 'draft' });
    expect(draft.guidelineHits).toMatchObject([{ severity: 'block' }]);
    const submit = await editor.post<{ error: string }>(`/api/posts/${draft.id}/submit`);
    expect(submit.status).toBe(422);
    expect((await getPost(draft.id)).state).toBe('draft');
    const ok = await editor.patch<PostJson>(`/api/posts/${draft.id}`, { text: 'Gevinst for noen' });
    expect(ok.body.guidelineHits).toEqual([]);
    expect((await editor.post(`/api/posts/${draft.id}/submit`)).status).toBe(200);
    // A scheduled post edited into the banned phrase is refused too, and stays as it was.
    const later = await create(editor, { text: 'Snart', scheduledAt: '2099-03-01T10:00:00Z' });
    expect((await editor.patch(`/api/posts/${later.id}`, { text })).status).toBe(422);
    expect((await getPost(later.id)).text).toBe('Snart');
  });

  it('the authorship ledger: own words or on behalf, who approved, as JSON and as CSV with a BOM', async () => {
    await setApproval(false);
    const own = await create(admin, { text: 'Mine ord, ærlig talt', channelIds: [leaderChannelId] });
    const ghost = await create(editor, { text: '=Skrevet for ordføreren', channelIds: [leaderChannelId] });
    await settled(admin, own.id);
    await settled(admin, ghost.id);
    const res = await viewer.get<{
      entries: {
        postId: string;
        authorship: string;
        writtenBy: Person | null;
        createdBy: Person | null;
        approvedBy: Person | null;
        channel: { id: string; network: string };
        handle: string;
        text: string;
        status: string;
      }[];
    }>(`/api/ledger?channelId=${leaderChannelId}`);
    expect(res.status).toBe(200);
    const byPost = new Map(res.body.entries.map((e) => [e.postId, e]));
    expect(byPost.get(own.id)).toMatchObject({
      authorship: 'own_words',
      writtenBy: { id: adminId, name: 'Ingrid Admin' },
      handle: 'ordforer',
      text: 'Mine ord, ærlig talt',
      status: 'published',
      channel: { id: leaderChannelId, network: 'sandbox' },
    });
    expect(byPost.get(ghost.id)).toMatchObject({
      authorship: 'on_behalf',
      writtenBy: { id: editorId },
      createdBy: { id: editorId },
    });
    expect(res.body.entries.every((e) => e.channel.id === leaderChannelId)).toBe(true);
    const approvedEntry = (
      await viewer.get<{ entries: { postId: string; approvedBy: Person | null }[] }>('/api/ledger')
    ).body.entries.find((e) => e.approvedBy !== null);
    expect(approvedEntry?.approvedBy?.name).toBe('approver person');

    const csv = await viewer.get<string>(`/api/ledger.csv?channelId=${leaderChannelId}`);
    expect(csv.status).toBe(200);
    expect(String(csv.headers['content-type'])).toMatch(/^text\/csv; charset=utf-8/);
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.body.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'published_at,channel,network,handle,authorship,written_by,approved_by,created_by,status,url,text,post_id',
    );
    expect(csv.body).toContain('"Mine ord, ærlig talt"');
    // A cell starting with = is not a formula in a spreadsheet.
    expect(csv.body).toContain(`"'=Skrevet for ordføreren"`);
    const future = await viewer.get<{ entries: unknown[] }>('/api/ledger?from=2098-01-01T00:00:00Z');
    expect(future.body.entries).toEqual([]);
  });

  it('lists posts by state and channel, with people by name', async () => {
    const drafts = await viewer.get<{ posts: PostJson[] }>('/api/posts?state=draft');
    expect(drafts.body.posts.length).toBeGreaterThan(0);
    expect(drafts.body.posts.every((p) => p.state === 'draft')).toBe(true);
    const leader = await viewer.get<{ posts: PostJson[] }>(
      `/api/posts?channelId=${leaderChannelId}&limit=500`,
    );
    expect(leader.body.posts.length).toBeGreaterThan(0);
    expect(leader.body.posts.every((p) => p.targets.some((t) => t.channelId === leaderChannelId))).toBe(true);
    const published = await viewer.get<{ posts: PostJson[] }>('/api/posts?state=published&limit=500');
    expect(published.body.posts.every((p) => p.targets.every((t) => t.status === 'published'))).toBe(true);
    expect(published.body.posts[0]!.createdBy).toMatchObject({ name: expect.any(String) });
    const window = await viewer.get<{ posts: PostJson[] }>(
      '/api/posts?from=2099-01-01T00:00:00Z&to=2100-01-01T00:00:00Z&limit=500',
    );
    for (const p of window.body.posts)
      expect(p.targets.some((t) => t.dueAt?.startsWith('2099')) || p.scheduledAt!.startsWith('2099')).toBe(
        true,
      );
    // With queue slots each channel has its own time: a window with only the later one still finds the post.
    const spread = await create(editor, {
      text: 'To tider',
      slot: 'next',
      channelIds: [channelId, leaderChannelId],
    });
    const times = spread.targets.map((t) => t.dueAt!).sort();
    expect(times[0]).not.toBe(times[1]);
    const later = new Date(times[1]!);
    const only = await viewer.get<{ posts: PostJson[] }>(
      `/api/posts?from=${later.toISOString()}&to=${new Date(later.getTime() + 60_000).toISOString()}&limit=500`,
    );
    expect(only.body.posts.map((p) => p.id)).toContain(spread.id);
    const bad = await viewer.get<{ error: string }>('/api/posts?state=bogus');
    expect(bad.status).toBe(400);
  });

  it('the flow travels with the organisation export: settings, comments, slots, stages', async () => {
    const doc = await exportOrg(get().db, orgId);
    expect(doc.tables.publishing_settings).toHaveLength(1);
    expect(doc.tables.post_comments?.length).toBeGreaterThan(3);
    expect(doc.tables.channel_slots?.length).toBeGreaterThan(1);
    const other = await freshDatabase('pglite');
    try {
      const imported = await importOrg(other.db, JSON.parse(JSON.stringify(doc)));
      expect(imported.orgId).toBe(orgId);
      const [counts] = await queryRows<{ comments: number; slots: number; pending: number }>(
        other.db,
        sql`select (select count(*)::int from post_comments) as comments,
                   (select count(*)::int from channel_slots) as slots,
                   (select count(*)::int from posts where stage = 'pending_approval') as pending`,
      );
      expect(counts).toEqual({
        comments: doc.tables.post_comments!.length,
        slots: doc.tables.channel_slots!.length,
        pending: (doc.tables.posts as { stage: string }[]).filter((p) => p.stage === 'pending_approval')
          .length,
      });
      expect(counts!.pending).toBeGreaterThan(0);
    } finally {
      await other.close();
    }
  });
});
