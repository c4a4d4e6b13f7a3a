// Owner notification on auth failure, end to end on the sandbox network with a real worker: the channel is
// marked reconnect-needed and its owner (else the admins and whoever connected it) hears about it exactly once
// per failure episode; the bell's API lists, counts and marks read, and only ever the person's own.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, freshDatabase } from '../../test/databases.ts';
import { addMember, type Client, onboardAdmin, testApp } from '../../test/http.ts';
import { queryRows } from '../db/connect.ts';
import type { App } from '../http/app.ts';
import { until } from '../jobs/test-support.ts';
import type { Worker } from '../jobs/worker.ts';
import { defaultNetworks } from '../networks/registry.ts';
import { revokeSandboxAccount } from '../networks/sandbox/network.ts';
import { settled, startWorker, targetsOf } from '../publishing/test-support.ts';
import { exportOrg, importOrg } from '../team/transfer.ts';

interface Listed {
  unread: number;
  notifications: { id: string; kind: string; payload: Record<string, string>; readAt: string | null }[];
}

describeEachDb('notifications', (get) => {
  let app: App;
  let admin: Client;
  let otherAdmin: Client;
  let owner: Client;
  let ownerId: string;
  let worker: Worker;
  let orgId: string;

  beforeAll(async () => {
    app = await testApp(get());
    ({ admin, orgId } = await onboardAdmin(app));
    otherAdmin = (await addMember(app, admin, 'admin', 'sigrid@example.no')).client;
    ({ client: owner, userId: ownerId } = await addMember(app, admin, 'editor', 'leder@example.no'));
    worker = startWorker(get(), defaultNetworks);
  });
  afterAll(async () => {
    await worker?.stop();
    await app?.close();
  });

  async function connect(handle: string, ownerUserId?: string): Promise<string> {
    const res = await admin.post<{ id: string }>('/api/channels', {
      network: 'sandbox',
      handle,
      ...(ownerUserId && { ownerUserId }),
    });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  /** The network withdraws our access, as a revoked token does. */
  async function revoke(channelId: string): Promise<void> {
    const [row] = await queryRows<{ id: string }>(
      get().db,
      sql`select remote_account_id as id from channels where id = ${channelId}`,
    );
    await revokeSandboxAccount(get().db, orgId, row!.id);
  }

  async function publishNow(channelId: string, text: string) {
    const res = await admin.post<{ id: string }>('/api/posts', { channelIds: [channelId], text });
    expect(res.status).toBe(201);
    return settled(admin, res.body.id);
  }

  const list = async (who: Client, query = '') => (await who.get<Listed>(`/api/notifications${query}`)).body;

  it('the owner hears once per episode, however many posts fail; nobody else hears', async () => {
    const channelId = await connect('leder', ownerId);
    await revoke(channelId);
    // Five posts due at once: the worker takes several together, so failures race to mark the channel.
    const posts = await Promise.all(
      ['Første', 'Andre', 'Tredje', 'Fjerde', 'Femte'].map((text) =>
        admin.post<{ id: string }>('/api/posts', { channelIds: [channelId], text }),
      ),
    );
    for (const p of posts) {
      const [t] = await settled(admin, p.body.id);
      expect(t).toMatchObject({ status: 'failed', errorClass: 'auth' });
    }
    const ch = await admin.get<{ status: string }>(`/api/channels/${channelId}`);
    expect(ch.body.status).toBe('reconnect_needed');

    const mine = await list(owner);
    expect(mine.unread).toBe(1);
    expect(mine.notifications).toHaveLength(1);
    expect(mine.notifications[0]).toMatchObject({
      kind: 'channel.reconnect_needed',
      readAt: null,
      payload: { channelId, handle: 'leder', network: 'sandbox', channelName: 'leder' },
    });
    expect(mine.notifications[0]?.payload.reason).toMatch(/revoked/);
    expect((await list(admin)).unread).toBe(0);
    expect((await list(otherAdmin)).unread).toBe(0);

    // Read: the bell goes quiet.
    const id = mine.notifications[0]!.id;
    expect((await owner.post(`/api/notifications/${id}/read`)).status).toBe(204);
    expect((await list(owner)).unread).toBe(0);
    expect((await list(owner, '?unread=true')).notifications).toEqual([]);

    // Reconnected, the failed posts go out; a new revocation is a new episode and a new notification.
    const again = await admin.put<{ status: string }>(`/api/channels/${channelId}/credentials`, {
      network: 'sandbox',
      handle: 'leder',
    });
    expect(again.body.status).toBe('active');
    for (const p of posts) {
      await until(
        'requeued post published',
        async () => (await targetsOf(admin, p.body.id))[0]?.status === 'published',
      );
    }
    await revoke(channelId);
    const [t] = await publishNow(channelId, 'Sjette');
    expect(t?.errorClass).toBe('auth');
    const after = await list(owner);
    expect(after.unread).toBe(1);
    expect(after.notifications).toHaveLength(2);
  });

  it('an organisation account without an owner: every admin and the person who connected it hear', async () => {
    const channelId = await connect('felles');
    // The sandbox's training switch, through the API (admins only, sandbox channels only).
    expect((await owner.post(`/api/channels/${channelId}/sandbox/revoke`)).status).toBe(403);
    expect((await admin.post(`/api/channels/${channelId}/sandbox/revoke`)).status).toBe(204);
    await publishNow(channelId, 'Fra organisasjonen');
    const theirs = (await list(otherAdmin)).notifications.filter((n) => n.payload.channelId === channelId);
    const ours = (await list(admin)).notifications.filter((n) => n.payload.channelId === channelId);
    expect(theirs).toHaveLength(1);
    expect(ours).toHaveLength(1);
    expect((await list(owner)).notifications.filter((n) => n.payload.channelId === channelId)).toEqual([]);
    const [row] = await queryRows<{ n: number }>(
      get().db,
      sql`select count(*)::int as n from notifications where payload->>'channelId' = ${channelId}`,
    );
    expect(row?.n).toBe(2);

    // Marking all read is per person; someone else's notification cannot be touched.
    expect((await otherAdmin.post<{ marked: number }>('/api/notifications/read-all', {})).body.marked).toBe(
      1,
    );
    expect((await list(admin)).unread).toBe(1);
    expect((await owner.post(`/api/notifications/${ours[0]!.id}/read`)).status).toBe(404);
    expect((await list(admin)).unread).toBe(1);
    const bad = await admin.post<{ error: string }>('/api/notifications/read-all', { kinds: ['nonsense'] });
    expect(bad.status).toBe(400);
    const marked = await admin.post<{ marked: number }>('/api/notifications/read-all', {
      kinds: ['channel.reconnect_needed'],
    });
    expect(marked.body.marked).toBe(1);
  });

  it('travels whole through org export and import', async () => {
    const exported = await exportOrg(get().db, orgId);
    expect(exported.tables.notifications?.length).toBeGreaterThanOrEqual(4);
    const other = await freshDatabase('pglite');
    try {
      await importOrg(other.db, JSON.parse(JSON.stringify(exported)));
      const [row] = await queryRows<{ n: number }>(
        other.db,
        sql`select count(*)::int as n from notifications where org_id = ${orgId} and user_id = ${ownerId}`,
      );
      expect(row?.n).toBe(2);
    } finally {
      await other.close();
    }
  });

  it('notifications belong to the organisation they happened in', async () => {
    const created = await owner.post<{ org: { id: string } }>('/api/orgs', { name: 'Lederens egen' });
    expect(created.status).toBe(201);
    // The new organisation is now the owner's current one: nothing of the first shows there.
    const there = await list(owner);
    expect(there).toEqual({ notifications: [], unread: 0 });
  });
});
