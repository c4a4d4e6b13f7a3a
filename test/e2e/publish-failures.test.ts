// The Publish area when things go wrong, in real Chromium against `stemme start` on PostgreSQL (so the test can
// revoke the sandbox account's token underneath it): a failed target with its error, reconnect-needed channels
// disabled in the composer, Retry after reconnecting, the attempt history; a refused drag rolls back; queue slots
// feed "next free slot"; delete from the detail.
import path from 'node:path';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, freshDatabase } from '../databases.ts';
import { type Server, startStemme, tempDir } from '../process.ts';
import { artifactsDir, callFromPage, ensureWebBuilt, launchChromium, onboardInBrowser } from './browser.ts';

const call = callFromPage;

const ZONE = 'Europe/Oslo';

function wallIn(iso: string): { date: string; time: string; weekday: string } {
  const at = new Date(iso);
  const date = new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  const weekday = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, weekday: 'long' }).format(at);
  return { date, time, weekday };
}

function dateIn(days: number): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(Date.now() + days * 86_400_000));
}

interface PostJson {
  id: string;
  state: string;
  scheduledAt: string | null;
  targets: { id: string; status: string; history: { number: number; outcome: string }[] }[];
}

describe.runIf(dbKinds.includes('postgres'))('browser: publish when things go wrong (PostgreSQL)', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>> | undefined;
  let server: Server | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    ensureWebBuilt();
    database = await freshDatabase('postgres');
    [server, browser] = await Promise.all([
      startStemme({
        DATABASE_URL: database.url!,
        STEMME_SECRET_KEY: 'cd'.repeat(32),
        STEMME_DATA_DIR: tempDir(),
      }),
      launchChromium(),
    ]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.close();
  });

  it('shows a failed target with its error, disables the channel in the composer, retries once the account works again, rolls back a refused drag, fills the next free slot', async () => {
    const context = await browser!.newContext({
      locale: 'en-GB',
      timezoneId: ZONE,
      viewport: { width: 1360, height: 960 },
    });
    const page = await context.newPage();
    const failures: string[] = [];
    page.on('pageerror', (err) => failures.push(err.message));
    const url = server!.url;

    await onboardInBrowser(page, url);
    await page.getByTestId('current-org-name').waitFor();
    expect((await call(page, 'PATCH', '/api/org', { timeZone: ZONE })).status).toBe(200);
    const channel = await call<{ id: string }>(page, 'POST', '/api/channels', {
      network: 'sandbox',
      handle: 'fjellvind',
    });
    expect(channel.status).toBe(201);
    const channelId = channel.body.id;

    // The network stops accepting the account's token, as when access is revoked.
    const sql = new pg.Client({ connectionString: database!.url! });
    await sql.connect();
    try {
      await sql.query('update sandbox_accounts set revoked_at = now()');
    } finally {
      await sql.end();
    }

    await page.goto(`${url}/publish/compose`);
    await page.getByTestId('composer-text').fill('Dette innlegget møter en tilbakekalt nøkkel.');
    await page.getByTestId(`ready-${channelId}`).waitFor();
    await page.getByTestId('composer-submit').click();
    await page.getByTestId('post-detail').waitFor();
    const postId = page.url().split('/publish/posts/')[1]!;
    await expect
      .poll(async () => (await call<PostJson>(page, 'GET', `/api/posts/${postId}`)).body.state, {
        timeout: 20_000,
      })
      .toBe('failed');
    const failed = await call<PostJson>(page, 'GET', `/api/posts/${postId}`);
    const targetId = failed.body.targets[0]!.id;

    // The detail shows the network's error, classified, with Retry.
    await page.reload();
    const error = page.getByTestId(`target-error-${targetId}`);
    await error.waitFor();
    expect(await error.textContent()).toMatch(/reconnecting.*revoked/i);
    expect(await page.getByTestId(`target-${targetId}`).getAttribute('data-status')).toBe('failed');
    await page.getByTestId(`target-history-toggle-${targetId}`).click();
    expect(await page.getByTestId(`target-history-${targetId}`).textContent()).toMatch(/#1/);
    await page.screenshot({ path: path.join(artifactsDir, 'publish-failed.png'), fullPage: true });

    // Retry while the channel still needs reconnecting: refused, with the reason.
    await page.getByTestId(`target-retry-${targetId}`).click();
    await page.getByTestId('post-error').waitFor();
    expect(await page.getByTestId('post-error').textContent()).toMatch(/reconnect/i);

    // The composer disables the channel and says why.
    await page.goto(`${url}/publish/compose`);
    const box = page.getByTestId(`composer-channel-${channelId}`);
    await box.waitFor();
    expect(await box.isDisabled()).toBe(true);
    expect(await page.getByTestId('composer-channels').textContent()).toMatch(/Reconnect needed/);

    // The network takes the token again and the channel is usable (set underneath, so that nothing requeues
    // it on its own as a reconnect would): Retry publishes, with two attempts in the history.
    const fix = new pg.Client({ connectionString: database!.url! });
    await fix.connect();
    try {
      await fix.query('update sandbox_accounts set revoked_at = null');
      await fix.query("update channels set status = 'active', status_reason = null where id = $1", [
        channelId,
      ]);
    } finally {
      await fix.end();
    }
    await page.goto(`${url}/publish/posts/${postId}`);
    await page.getByTestId(`target-retry-${targetId}`).click();
    await expect
      .poll(async () => (await call<PostJson>(page, 'GET', `/api/posts/${postId}`)).body.state, {
        timeout: 20_000,
      })
      .toBe('published');
    await page.reload();
    await page.getByTestId(`target-link-${targetId}`).waitFor();
    expect(await page.getByTestId(`target-${targetId}`).getAttribute('data-status')).toBe('published');
    await page.getByTestId(`target-history-toggle-${targetId}`).click();
    expect(await page.getByTestId(`target-history-${targetId}`).locator('li').count()).toBeGreaterThanOrEqual(
      2,
    );
    // Published: no more editing.
    expect(await page.getByTestId('post-edit').count()).toBe(0);

    // A drag the server refuses (the post was deleted meanwhile): a dialog, and the post goes back.
    const tomorrow = dateIn(1);
    const later = dateIn(2);
    await page.goto(`${url}/publish/compose`);
    await page.getByTestId('composer-text').fill('Dette innlegget blir slettet bak ryggen på kalenderen.');
    await page.locator('label', { has: page.getByTestId('composer-when-at') }).click();
    await page.getByTestId('composer-date').fill(tomorrow);
    await page.getByTestId('composer-time').fill('09:15');
    await page.getByTestId(`ready-${channelId}`).waitFor();
    await page.getByTestId('composer-submit').click();
    await page.getByTestId('post-detail').waitFor();
    const doomedId = page.url().split('/publish/posts/')[1]!;
    await page.goto(`${url}/publish?date=${tomorrow}`);
    const chip = page.getByTestId(`cal-post-${doomedId}`);
    await chip.waitFor();
    const other = await context.newPage();
    await other.goto(`${url}/publish`);
    expect((await call(other, 'DELETE', `/api/posts/${doomedId}`)).status).toBeLessThan(300);
    await other.close();
    await chip.dragTo(page.getByTestId(`cal-day-${later}`));
    await page.getByTestId('move-failed').waitFor();
    expect(await page.getByTestId(`cal-day-${tomorrow}`).getByTestId(`cal-post-${doomedId}`).count()).toBe(1);
    expect(await page.getByTestId(`cal-day-${later}`).getByTestId(`cal-post-${doomedId}`).count()).toBe(0);
    await page.getByTestId('move-failed-ok').click();

    // Queue slots: Thursday 08:45; "next free slot" in the composer uses it.
    await page.getByTestId('publish-tab-slots').click();
    await page.getByTestId(`slots-${channelId}`).waitFor();
    await page.getByTestId(`slot-add-${channelId}`).click();
    await page.getByTestId(`slot-weekday-${channelId}-0`).selectOption('4');
    await page.getByTestId(`slot-time-${channelId}-0`).fill('08:45');
    await page.getByTestId(`slot-save-${channelId}`).click();
    await expect.poll(async () => page.getByTestId(`slot-next-${channelId}`).textContent()).toMatch(/8:45/);
    await page.screenshot({ path: path.join(artifactsDir, 'publish-slots.png'), fullPage: true });
    const slots = await call<{ slots: { weekday: number; time: string }[] }>(
      page,
      'GET',
      `/api/channels/${channelId}/slots`,
    );
    expect(slots.body.slots).toEqual([{ weekday: 4, time: '08:45' }]);

    await page.getByTestId('publish-new').click();
    await page.getByTestId('composer-text').fill('Torsdagsinnlegget i køen.');
    await page.locator('label', { has: page.getByTestId('composer-when-slot') }).click();
    await expect.poll(async () => page.getByTestId('composer-next-slots').textContent()).toMatch(/8:45/);
    await page.getByTestId(`ready-${channelId}`).waitFor();
    expect(await page.getByTestId('composer-submit').textContent()).toMatch(/Add to queue/);
    await page.getByTestId('composer-submit').click();
    await page.getByTestId('post-detail').waitFor();
    const queuedId = page.url().split('/publish/posts/')[1]!;
    const queued = await call<PostJson & { targets: { dueAt: string }[] }>(
      page,
      'GET',
      `/api/posts/${queuedId}`,
    );
    const due = wallIn(queued.body.targets[0]!.dueAt);
    expect(due.time).toBe('08:45');
    expect(due.weekday).toBe('Thursday');

    // Delete from the detail: confirmed, gone from the calendar.
    await page.getByTestId('post-delete').click();
    await page.getByTestId('confirm-submit').click();
    await page.getByTestId('calendar').waitFor();
    const after = await call<PostJson>(page, 'GET', `/api/posts/${queuedId}`);
    expect(after.status === 404 || after.body.state === 'cancelled').toBe(true);

    expect(failures).toEqual([]);
    await context.close();
  }, 180_000);
});
