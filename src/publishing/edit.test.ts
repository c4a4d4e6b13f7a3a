// Editing after publishing, through the REST API and the worker: the sandbox and Mastodon (contract server)
// change the text in place and keep the images, every edit is in the history and the audit log; Bluesky (a real
// local PDS) refuses with a clear 409; the rules around it (roles, limits, unpublished posts, revoked accounts).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type LocalPds, startLocalPds } from '../../test/bluesky.ts';
import { describeEachDb, freshDatabase } from '../../test/databases.ts';
import { addMember, type Client, onboardAdmin, testApp } from '../../test/http.ts';
import { queryRows } from '../db/connect.ts';
import type { App } from '../http/app.ts';
import type { Worker } from '../jobs/worker.ts';
import { TINY_PNG } from '../networks/contract.ts';
import { MastodonContractServer } from '../networks/mastodon/contract-server.ts';
import { htmlToText } from '../networks/mastodon/html.ts';
import { defaultNetworks } from '../networks/registry.ts';
import { revokeSandboxAccount } from '../networks/sandbox/network.ts';
import { exportOrg, importOrg } from '../team/transfer.ts';
import { settled, startWorker, type TargetView } from './test-support.ts';

const png = TINY_PNG.toString('base64');
const MASTODON_TOKEN = 'edit-test-access-token-0123456789abcdef';

interface Edited {
  targetId: string;
  part: number;
  text: string;
  revision: { oldText: string; newText: string; editedBy: { name: string } } | null;
}

let pds: LocalPds;
beforeAll(async () => {
  pds = await startLocalPds();
}, 60_000);
afterAll(async () => pds?.stop());

describeEachDb('editing after publishing', (get) => {
  let app: App;
  let admin: Client;
  let orgId: string;
  let editor: Client;
  let viewer: Client;
  let worker: Worker;
  let mastodon: MastodonContractServer;
  const channel: Record<'sandbox' | 'mastodon' | 'bluesky', string> = {
    sandbox: '',
    mastodon: '',
    bluesky: '',
  };

  beforeAll(async () => {
    mastodon = new MastodonContractServer(MASTODON_TOKEN);
    await mastodon.start();
    app = await testApp(get(), { allowPrivateNetworks: true });
    ({ admin, orgId } = await onboardAdmin(app));
    editor = (await addMember(app, admin, 'editor', 'edith@example.no')).client;
    viewer = (await addMember(app, admin, 'viewer', 'viggo@example.no')).client;
    const account = await pds.createAccount('redaktor');
    const made = await Promise.all([
      admin.post<{ id: string }>('/api/channels', { network: 'sandbox', handle: 'redigering' }),
      admin.post<{ id: string }>('/api/channels', {
        network: 'mastodon',
        instanceUrl: mastodon.url,
        accessToken: MASTODON_TOKEN,
      }),
      admin.post<{ id: string }>('/api/channels', {
        network: 'bluesky',
        service: pds.url,
        handle: account.handle,
        appPassword: account.appPassword,
      }),
    ]);
    for (const m of made) expect(m.status, JSON.stringify(m.body)).toBe(201);
    [channel.sandbox, channel.mastodon, channel.bluesky] = made.map((m) => m.body.id) as [
      string,
      string,
      string,
    ];
    worker = startWorker(get(), defaultNetworks, { urlPolicy: { allowPrivate: true } });
  }, 60_000);
  afterAll(async () => {
    await worker?.stop();
    await app?.close();
    expect(mastodon.unexpected).toEqual([]);
    await mastodon.stop();
  });

  async function published(
    channelIds: string[],
    body: Record<string, unknown>,
  ): Promise<[string, TargetView[]]> {
    const res = await admin.post<{ id: string }>('/api/posts', { channelIds, ...body });
    if (res.status !== 201) throw new Error(`create post: ${res.status} ${JSON.stringify(res.body)}`);
    const targets = await settled(admin, res.body.id, 20_000);
    for (const t of targets) expect(t.status, JSON.stringify(t)).toBe('published');
    return [res.body.id, targets];
  }
  const target = (targets: TargetView[], channelId: string) =>
    targets.find((t) => t.channelId === channelId)!;

  it('the sandbox changes the text in place, keeps the image, and the history says who changed what', async () => {
    const [postId, targets] = await published([channel.sandbox], {
      text: 'Vi åpner dørene klokka 18',
      images: [{ data: png, mimeType: 'image/png', alt: 'Inngangen' }],
    });
    const t = target(targets, channel.sandbox);
    const url = `/api/posts/${postId}/targets/${t.id}/text`;
    const res = await admin.put<Edited>(url, { text: 'Vi åpner dørene klokka 19' });
    expect(res.status).toBe(200);
    expect(res.body.revision).toMatchObject({
      oldText: 'Vi åpner dørene klokka 18',
      newText: 'Vi åpner dørene klokka 19',
      editedBy: { name: 'Ingrid Admin' },
    });
    const [row] = await queryRows<{ text: string; images: unknown[]; edited: boolean }>(
      get().db,
      sql`select text, images, edited_at is not null as edited from sandbox_posts where id = ${t.remoteId}`,
    );
    expect(row).toMatchObject({ text: 'Vi åpner dørene klokka 19', edited: true });
    expect(row?.images).toHaveLength(1);
    const after = await admin.get<{ targets: TargetView[] }>(`/api/posts/${postId}`);
    expect(target(after.body.targets, channel.sandbox).variant.parts[0]?.text).toBe(
      'Vi åpner dørene klokka 19',
    );

    // The same text again changes nothing; an editor may edit too; a viewer may not.
    const same = await admin.put<Edited>(url, { text: 'Vi åpner dørene klokka 19' });
    expect(same.body.revision).toBeNull();
    expect((await editor.put(url, { text: 'Vi åpner dørene klokka 19.30' })).status).toBe(200);
    expect((await viewer.put(url, { text: 'nei' })).status).toBe(403);

    const history = await viewer.get<{ revisions: Edited['revision'][] }>(
      `/api/posts/${postId}/targets/${t.id}/revisions`,
    );
    // The history travels with the organisation.
    const exported = await exportOrg(get().db, orgId);
    expect(exported.tables.post_revisions).toHaveLength(2);
    const other = await freshDatabase('pglite');
    try {
      await importOrg(other.db, JSON.parse(JSON.stringify(exported)));
      const copied = await queryRows<{ new_text: string }>(
        other.db,
        sql`select new_text from post_revisions where target_id = ${t.id} order by edited_at`,
      );
      expect(copied.map((r) => r.new_text)).toEqual([
        'Vi åpner dørene klokka 19',
        'Vi åpner dørene klokka 19.30',
      ]);
    } finally {
      await other.close();
    }
    expect(history.status).toBe(200);
    expect(history.body.revisions.map((r) => [r?.oldText, r?.newText, r?.editedBy.name])).toEqual([
      ['Vi åpner dørene klokka 18', 'Vi åpner dørene klokka 19', 'Ingrid Admin'],
      ['Vi åpner dørene klokka 19', 'Vi åpner dørene klokka 19.30', 'editor person'],
    ]);
    const audit = await admin.get<{ entries: { action: string; target: string }[] }>('/api/audit');
    expect(audit.body.entries.filter((e) => e.action === 'post.edit' && e.target === postId)).toHaveLength(2);
  });

  it('refuses text over the limit before asking the network, and a part that does not exist', async () => {
    const [postId, targets] = await published([channel.sandbox], {
      text: `${'Ord '.repeat(150)}slutt`,
      thread: true,
    });
    const t = target(targets, channel.sandbox);
    expect(t.variant.parts.length).toBe(2);
    const url = `/api/posts/${postId}/targets/${t.id}/text`;
    const long = await admin.put<{ error: string; message: string }>(url, { text: 'x'.repeat(501) });
    expect(long.status).toBe(400);
    expect(long.body.message).toMatch(/^text: 501 .*Sandbox allows 500/);
    const second = await admin.put<Edited>(url, { text: 'Andre del, rettet', part: 1 });
    expect(second.status).toBe(200);
    const [row] = await queryRows<{ text: string }>(
      get().db,
      sql`select s.text from sandbox_posts s join publish_targets t on s.id::text = t.remote_parts->1->>'remoteId'
          where t.id = ${t.id}`,
    );
    expect(row?.text).toBe('Andre del, rettet');
    const missing = await admin.put<{ message: string }>(url, { text: 'x', part: 5 });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toBe('part: must be between 0 and 1');
  });

  it('Mastodon edits the status with PUT and keeps its image; Bluesky refuses with a clear 409', async () => {
    const [postId, targets] = await published([channel.mastodon, channel.bluesky], {
      text: 'Møtet er flyttet til tirsdag',
      images: [{ data: png, mimeType: 'image/png', alt: 'Kalender' }],
    });
    const m = target(targets, channel.mastodon);
    mastodon.requests.length = 0;
    const res = await admin.put<Edited>(`/api/posts/${postId}/targets/${m.id}/text`, {
      text: 'Møtet er flyttet til onsdag',
    });
    expect(res.status).toBe(200);
    expect(mastodon.writes().map((r) => [r.method, r.path, r.authorization])).toEqual([
      ['PUT', `/api/v1/statuses/${m.remoteId}`, `Bearer ${MASTODON_TOKEN}`],
    ]);
    const status = mastodon.statuses.get(m.remoteId!)!;
    expect(htmlToText(status.content)).toBe('Møtet er flyttet til onsdag');
    expect(status.mediaAttachments.map((a) => a.description)).toEqual(['Kalender']);

    const b = target(targets, channel.bluesky);
    const refused = await admin.put<{ error: string; message: string }>(
      `/api/posts/${postId}/targets/${b.id}/text`,
      { text: 'Møtet er flyttet til onsdag' },
    );
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      error: 'edit_unsupported',
      message: 'Bluesky does not allow editing a published post; delete it and post again',
    });
    const history = await admin.get<{ revisions: unknown[] }>(
      `/api/posts/${postId}/targets/${b.id}/revisions`,
    );
    expect(history.body.revisions).toEqual([]);
  });

  it('only published posts can be edited; a revoked account marks the channel and changes nothing', async () => {
    const future = await admin.post<{ id: string; targets: { id: string }[] }>('/api/posts', {
      channelIds: [channel.sandbox],
      text: 'Kommer senere',
      scheduledAt: '2099-01-01T09:00:00+01:00',
    });
    const notYet = await admin.put<{ error: string }>(
      `/api/posts/${future.body.id}/targets/${future.body.targets[0]!.id}/text`,
      { text: 'Endret' },
    );
    expect(notYet.status).toBe(409);
    expect(notYet.body.error).toBe('not_published');

    const [postId, targets] = await published([channel.sandbox], { text: 'Før tilbaketrekking' });
    const t = target(targets, channel.sandbox);
    const [account] = await queryRows<{ id: string; org_id: string }>(
      get().db,
      sql`select a.id, a.org_id from sandbox_accounts a join channels c on c.remote_account_id = a.id::text where c.id = ${channel.sandbox}`,
    );
    await revokeSandboxAccount(get().db, account!.org_id, account!.id);
    const res = await admin.put<{ error: string; message: string }>(
      `/api/posts/${postId}/targets/${t.id}/text`,
      {
        text: 'Etter tilbaketrekking',
      },
    );
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('network_edit_failed');
    expect(res.body.message).toMatch(/revoked/);
    const ch = await admin.get<{ status: string }>(`/api/channels/${channel.sandbox}`);
    expect(ch.body.status).toBe('reconnect_needed');
    const history = await admin.get<{ revisions: unknown[] }>(
      `/api/posts/${postId}/targets/${t.id}/revisions`,
    );
    expect(history.body.revisions).toEqual([]);
  });
});
