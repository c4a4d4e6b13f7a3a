// The Publish area in real Chromium against a real `stemme start` with the built-in sandbox network: compose with
// a live per-channel preview, schedule, find the post in the calendar, drag it to another day; the approval flow
// as an editor and an approver in two browser contexts; the authorship ledger and its CSV download.
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  artifactsDir,
  callFromPage,
  onboardInBrowser,
  E2E_PASSWORD as PASSWORD,
  stemmeInBrowser,
} from './browser.ts';

const ORG_ZONE = 'Europe/Oslo';
const VIEWER_ZONE = 'America/New_York';

const call = callFromPage;

/** Wall-clock date (YYYY-MM-DD) in a zone, n days from now. */
function dateIn(zone: string, days: number): string {
  const at = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

function wallIn(zone: string, iso: string): { date: string; time: string } {
  const at = new Date(iso);
  const date = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  return { date, time };
}

interface PostJson {
  id: string;
  state: string;
  scheduledAt: string | null;
  targets: { id: string; status: string; authorship: string; channelId: string }[];
  approval: { approvedBy: { name: string } | null; comments: { kind: string; text: string }[] };
}

async function joinAs(
  admin: Page,
  context: BrowserContext,
  url: string,
  who: { name: string; email: string; role: string },
): Promise<{ page: Page; userId: string }> {
  const inv = await call<{ url: string }>(admin, 'POST', '/api/team/invitations', {
    email: who.email,
    role: who.role,
  });
  expect(inv.status).toBe(201);
  const token = inv.body.url.split('/invite/')[1]!;
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  const accepted = await call<{ user: { id: string } }>(page, 'POST', `/api/invitations/${token}/accept`, {
    name: who.name,
    email: who.email,
    password: PASSWORD,
  });
  expect(accepted.status).toBe(200);
  return { page, userId: accepted.body.user.id };
}

describe('browser: publish', () => {
  const stemme = stemmeInBrowser();
  const shared: { channelId?: string; adminId?: string; admin?: Page; adminContext?: BrowserContext } = {};

  it('composes with a live per-channel preview, schedules, finds the post in the calendar and drags it to another day', async () => {
    const { server, browser } = stemme();
    const context = await browser.newContext({
      locale: 'en-GB',
      timezoneId: VIEWER_ZONE,
      viewport: { width: 1360, height: 960 },
    });
    const page = await context.newPage();
    const failures: string[] = [];
    page.on('pageerror', (err) => failures.push(err.message));
    shared.admin = page;
    shared.adminContext = context;

    await onboardInBrowser(page, server.url);
    await page.getByTestId('current-org-name').waitFor();
    expect((await call(page, 'PATCH', '/api/org', { timeZone: ORG_ZONE })).status).toBe(200);
    const session = await call<{ user: { id: string } }>(page, 'GET', '/api/session');
    shared.adminId = session.body.user.id;

    // No channel yet: Publish says where to connect one.
    await page.goto(`${server.url}/publish`);
    await page.getByTestId('calendar-no-channels').waitFor();
    expect(await page.getByTestId('calendar-no-channels').textContent()).toMatch(/Settings → Channels/);
    await page.getByTestId('publish-new').click();
    await page.getByTestId('composer-no-channels').waitFor();

    const connected = await call<{ id: string }>(page, 'POST', '/api/channels', {
      network: 'sandbox',
      handle: 'fjellvind',
    });
    expect(connected.status).toBe(201);
    const channelId = connected.body.id;
    shared.channelId = channelId;

    // Compose: one channel is picked for you when there is only one.
    await page.goto(`${server.url}/publish/compose`);
    await page.getByTestId('composer').waitFor();
    expect(await page.getByTestId(`composer-channel-${channelId}`).isChecked()).toBe(true);

    // Over the sandbox's 500 graphemes: counted in graphemes, flagged, listed, never cut; submit is disabled.
    const long = `${'Fjellvind bygger vindkraft på Vestlandet 🌬️ '.repeat(13)}slutt`;
    await page.getByTestId('composer-text').fill(long);
    const counter = page.getByTestId(`counter-${channelId}-0`);
    await expect.poll(async () => counter.getAttribute('data-count'), { timeout: 10_000 }).not.toBeNull();
    const count = Number(await counter.getAttribute('data-count'));
    expect(count).toBeGreaterThan(500);
    // 🌬️ is one grapheme but three UTF-16 units: the count is in graphemes.
    expect(count).toBeLessThan(long.length);
    expect(await counter.getAttribute('data-max')).toBe('500');
    expect(await counter.getAttribute('class')).toContain('counter--over');
    const problems = page.getByTestId(`problems-${channelId}`);
    await problems.waitFor();
    expect(await problems.locator('[data-code="text_too_long"]').count()).toBe(1);
    expect(await problems.textContent()).toMatch(/Too long for Sandbox/);
    expect(await page.getByTestId('composer-submit').isDisabled()).toBe(true);
    await page.screenshot({ path: path.join(artifactsDir, 'publish-composer-over.png'), fullPage: true });

    // Thread on: two numbered parts that each fit; the problem is gone.
    await page.getByTestId('composer-thread').check();
    await page.getByTestId(`counter-${channelId}-1`).waitFor();
    await page.getByTestId(`ready-${channelId}`).waitFor();
    expect(await page.getByTestId(`preview-${channelId}`).textContent()).toContain('1/2');
    await page.getByTestId('composer-thread').uncheck();
    await page.getByTestId(`problems-${channelId}`).waitFor();

    // A per-channel version: edit it on the channel's tab, then reset to the shared text.
    await page.getByTestId(`composer-tab-${channelId}`).click();
    await page.getByTestId(`variant-customise-${channelId}`).click();
    await page.getByTestId(`variant-text-${channelId}-0`).fill('Kort versjon for sandkassen.');
    await page.getByTestId(`ready-${channelId}`).waitFor();
    expect(await page.getByTestId(`preview-${channelId}`).textContent()).toContain(
      'Kort versjon for sandkassen.',
    );
    await page.getByTestId(`variant-reset-${channelId}`).click();
    await page.getByTestId(`problems-${channelId}`).waitFor();
    await page.getByTestId('composer-tab-shared').click();

    // An image needs alt text: a clear message, and nothing can be submitted until it has one.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    await page
      .getByTestId('composer-text')
      .fill('Ny vindpark på Stad åpner i dag. Takk til alle som har bidratt!');
    await page
      .getByTestId('composer-image-input')
      .setInputFiles({ name: 'vindpark.png', mimeType: 'image/png', buffer: png });
    await page.getByTestId('composer-image-alt-missing-0').waitFor();
    expect(await page.getByTestId('composer-image-alt-missing-0').textContent()).toMatch(
      /Alt text is required/,
    );
    await expect
      .poll(async () =>
        page.getByTestId(`problems-${channelId}`).locator('[data-code="alt_text_missing"]').count(),
      )
      .toBe(1);
    expect(await page.getByTestId('composer-submit').isDisabled()).toBe(true);
    await page.getByTestId('composer-image-alt-0').fill('Vindturbiner på en grønn fjellrygg i solskinn');
    await page.getByTestId(`ready-${channelId}`).waitFor();

    // Guideline hits as you type, with the rule's own words; a blocking one keeps the post from going out.
    const warnRule = await call(page, 'POST', '/api/guidelines/rules', {
      kind: 'banned_phrase',
      severity: 'warn',
      params: { phrases: ['garantert'] },
      note: 'Vi lover ikke resultater vi ikke kan stå inne for.',
    });
    expect(warnRule.status).toBe(201);
    const blockRule = await call(page, 'POST', '/api/guidelines/rules', {
      kind: 'banned_phrase',
      severity: 'block',
      params: { phrases: ['konkurrentens tall'] },
      note: 'Vi kommenterer ikke konkurrentenes tall.',
    });
    expect(blockRule.status).toBe(201);
    const calm = 'Ny vindpark på Stad åpner i dag. Takk til alle som har bidratt!';
    await page.getByTestId('composer-text').fill(`${calm} Garantert fornybar strøm.`);
    const hits = page.getByTestId('guideline-hits');
    await hits.waitFor();
    expect(await hits.locator('[data-severity="warn"]').count()).toBe(1);
    expect(await hits.textContent()).toContain('Vi lover ikke resultater vi ikke kan stå inne for.');
    await page.getByTestId(`ready-${channelId}`).waitFor();
    expect(await page.getByTestId('composer-submit').isDisabled()).toBe(false);
    await page.getByTestId('composer-text').fill(`${calm} Se konkurrentens tall!`);
    await hits.locator('[data-severity="block"]').waitFor();
    await page.getByTestId('composer-blocked').waitFor();
    expect(await page.getByTestId('composer-submit').isDisabled()).toBe(true);
    await page.getByTestId('composer-text').fill(calm);
    await hits.waitFor({ state: 'detached' });

    // Written by me: own words or the organisation's account, per channel.
    expect(await page.getByTestId(`preview-authorship-${channelId}`).textContent()).toMatch(/organisation/i);

    // Schedule in two days at 10:30 Oslo time; the viewer's New York time is shown next to it.
    const day = dateIn(ORG_ZONE, 2);
    await page.locator('label', { has: page.getByTestId('composer-when-at') }).click();
    await page.getByTestId('composer-date').fill(day);
    await page.getByTestId('composer-time').fill('10:30');
    const viewerLine = (await page.getByTestId('composer-viewer-time').textContent()) ?? '';
    expect(viewerLine).toContain(VIEWER_ZONE);
    expect(viewerLine).toMatch(/04:30|4:30/);
    await page.screenshot({ path: path.join(artifactsDir, 'publish-composer.png'), fullPage: true });
    // Ctrl+Enter submits.
    await page.getByTestId('composer-text').press('Control+Enter');
    await page.getByTestId('post-detail').waitFor();
    const postId = page.url().split('/publish/posts/')[1]!;
    expect(await page.getByTestId('post-detail').getAttribute('data-state')).toBe('scheduled');

    const stored = await call<PostJson>(page, 'GET', `/api/posts/${postId}`);
    expect(wallIn(ORG_ZONE, stored.body.scheduledAt!)).toEqual({ date: day, time: '10:30' });

    // The calendar shows it on that day, with both time zones spelled out.
    await page.goto(`${server.url}/publish?date=${day}`);
    const chip = page.getByTestId(`cal-post-${postId}`);
    await chip.waitFor();
    expect(await chip.getAttribute('data-day')).toBe(day);
    expect(await chip.getAttribute('data-state')).toBe('scheduled');
    expect(await page.getByTestId(`cal-day-${day}`).getByTestId(`cal-post-${postId}`).count()).toBe(1);
    const zones = (await page.getByTestId('zone-note').textContent()) ?? '';
    expect(zones).toContain(ORG_ZONE);
    expect(zones).toContain(VIEWER_ZONE);
    await page.screenshot({ path: path.join(artifactsDir, 'publish-calendar.png'), fullPage: true });

    // Drag it to the next day: the same time of day, persisted on the server.
    const next = dateIn(ORG_ZONE, 3);
    await chip.dragTo(page.getByTestId(`cal-day-${next}`));
    await page.getByTestId(`cal-day-${next}`).getByTestId(`cal-post-${postId}`).waitFor();
    await expect
      .poll(async () => {
        const p = await call<PostJson>(page, 'GET', `/api/posts/${postId}`);
        return wallIn(ORG_ZONE, p.body.scheduledAt!);
      })
      .toEqual({ date: next, time: '10:30' });
    await page.reload();
    await page.getByTestId(`cal-day-${next}`).getByTestId(`cal-post-${postId}`).waitFor();
    expect(await page.getByTestId(`cal-day-${day}`).getByTestId(`cal-post-${postId}`).count()).toBe(0);

    // Week view: drag to 14:00 on the same day changes the hour and keeps the minutes.
    await page.getByTestId('cal-view-week').click();
    await page.goto(`${server.url}/publish?view=week&date=${next}`);
    await page.getByTestId(`cal-slot-${next}-10`).getByTestId(`cal-post-${postId}`).waitFor();
    await page.getByTestId(`cal-post-${postId}`).dragTo(page.getByTestId(`cal-slot-${next}-14`));
    await expect
      .poll(async () => {
        const p = await call<PostJson>(page, 'GET', `/api/posts/${postId}`);
        return wallIn(ORG_ZONE, p.body.scheduledAt!);
      })
      .toEqual({ date: next, time: '14:30' });

    // List view and filters.
    await page.goto(`${server.url}/publish?view=list&date=${next}&state=published`);
    await page.getByTestId('cal-list').waitFor();
    expect(await page.getByTestId(`cal-post-${postId}`).count()).toBe(0);
    await page.getByTestId('cal-filter-state').selectOption('scheduled');
    await page.getByTestId(`cal-post-${postId}`).waitFor();

    // Clicking opens the detail: the channel, its status, and reschedule for keyboard users.
    await page.getByTestId(`cal-post-${postId}`).click();
    await page.getByTestId('post-detail').waitFor();
    expect(await page.getByTestId('targets-table').textContent()).toContain('fjellvind');

    // Without a mouse: Reschedule in the detail, in the organisation's time.
    const third = dateIn(ORG_ZONE, 4);
    await page.getByTestId('post-reschedule').click();
    await page.getByTestId('reschedule-date').fill(third);
    await page.getByTestId('reschedule-time').fill('08:05');
    await page.getByTestId('reschedule-save').click();
    await page.getByTestId('post-notice').waitFor();
    const moved = await call<PostJson>(page, 'GET', `/api/posts/${postId}`);
    expect(wallIn(ORG_ZONE, moved.body.scheduledAt!)).toEqual({ date: third, time: '08:05' });
    expect(moved.body.state).toBe('scheduled');

    // Edit while scheduled: the stored image stays, its alt text and the text change, the time is kept.
    await page.getByTestId('post-edit').click();
    await page.getByTestId('composer').waitFor();
    expect(await page.getByTestId('composer-text').inputValue()).toBe(calm);
    await page.getByTestId('composer-kept-image-alt-0').fill('Tre vindturbiner på Stad i kveldssol');
    await page.getByTestId('composer-text').fill(`${calm} Velkommen til åpning kl. 12.`);
    await page.getByTestId(`ready-${channelId}`).waitFor();
    await page.getByTestId('composer-submit').click();
    await page.getByTestId('post-detail').waitFor();
    const edited = await call<PostJson & { text: string; media: { alt: string }[] }>(
      page,
      'GET',
      `/api/posts/${postId}`,
    );
    expect(edited.body.text).toBe(`${calm} Velkommen til åpning kl. 12.`);
    expect(edited.body.media.map((m) => m.alt)).toEqual(['Tre vindturbiner på Stad i kveldssol']);
    expect(wallIn(ORG_ZONE, edited.body.scheduledAt!)).toEqual({ date: third, time: '08:05' });

    // Save as a draft: nothing is queued; it waits among the drafts until submitted.
    await page.getByTestId('publish-new').click();
    await page.getByTestId('composer-text').fill('Utkast: program for åpningsdagen.');
    await page.getByTestId(`ready-${channelId}`).waitFor();
    await page.getByTestId('composer-save-draft').click();
    await page.getByTestId('post-detail').waitFor();
    expect(await page.getByTestId('post-detail').getAttribute('data-state')).toBe('draft');
    const draftId = page.url().split('/publish/posts/')[1]!;
    await page.getByTestId('publish-tab-drafts').click();
    await page.getByTestId(`post-row-${draftId}`).click();
    await page.getByTestId('post-submit').click();
    await expect
      .poll(async () => (await call<PostJson>(page, 'GET', `/api/posts/${draftId}`)).body.state, {
        timeout: 20_000,
      })
      .toMatch(/scheduled|published/);

    expect(failures).toEqual([]);
  }, 180_000);

  it('runs the approval flow: an editor submits, an approver sends back, the editor fixes it, the approver approves', async () => {
    const { server, browser } = stemme();
    const admin = shared.admin!;
    const channelId = shared.channelId!;

    // The admin turns approval on in the Approvals tab.
    await admin.goto(`${server.url}/publish/approvals`);
    await admin.getByTestId('approvals-empty').waitFor();
    await admin.getByTestId('require-approval').check();
    await expect
      .poll(
        async () => (await call<{ requireApproval: boolean }>(admin, 'GET', '/api/publishing/settings')).body,
      )
      .toMatchObject({ requireApproval: true });

    const editorContext = await browser.newContext({ locale: 'en-GB', timezoneId: ORG_ZONE });
    const approverContext = await browser.newContext({ locale: 'en-GB', timezoneId: ORG_ZONE });
    const editor = await joinAs(admin, editorContext, server.url, {
      name: 'Jonas Lie',
      email: 'jonas@fjellvind.no',
      role: 'editor',
    });
    const approver = await joinAs(admin, approverContext, server.url, {
      name: 'Kari Nordmann',
      email: 'kari@fjellvind.no',
      role: 'approver',
    });
    const failures: string[] = [];
    for (const p of [editor.page, approver.page]) p.on('pageerror', (err) => failures.push(err.message));

    // The editor writes; the button says what will happen.
    await editor.page.goto(`${server.url}/publish/compose`);
    await editor.page.getByTestId('composer').waitFor();
    await editor.page
      .getByTestId('composer-approval-note')
      .waitFor({ timeout: 10_000 })
      .catch(async (err: unknown) => {
        await editor.page.screenshot({ path: path.join(artifactsDir, 'publish-approval-note-missing.png') });
        throw err;
      });
    expect(await editor.page.getByTestId('composer-submit').textContent()).toMatch(/Submit for approval/);
    await editor.page
      .getByTestId(`composer-channel-${channelId}`)
      .check()
      .catch(() => undefined);
    await editor.page
      .getByTestId('composer-text')
      .fill('Vi ansetter! Bli med og bygg fremtidens energi på Vestlandet.');
    await editor.page.getByTestId(`ready-${channelId}`).waitFor();
    await editor.page.getByTestId('composer-submit').click();
    await editor.page.getByTestId('post-detail').waitFor();
    const postId = editor.page.url().split('/publish/posts/')[1]!;
    expect(await editor.page.getByTestId('post-detail').getAttribute('data-state')).toBe('pending_approval');
    // The editor cannot approve.
    expect(await editor.page.getByTestId('approval-approve').count()).toBe(0);

    // The approver sees it waiting, with a count, and sends it back with a comment.
    await approver.page.goto(`${server.url}/publish/approvals`);
    await approver.page.getByTestId('approvals-count').waitFor();
    expect(await approver.page.getByTestId('approvals-count').textContent()).toBe('1');
    await approver.page.getByTestId(`post-row-${postId}`).click();
    await approver.page.getByTestId('post-detail').waitFor();
    // Sending back needs a comment.
    await approver.page.getByTestId('approval-send-back').click();
    expect(await approver.page.locator('.thread__form .field__error').textContent()).toMatch(
      /needs a comment/,
    );
    await approver.page.getByTestId('approval-comment').fill('Nevn søknadsfristen, 1. desember.');
    await approver.page.getByTestId('approval-send-back').click();
    await expect
      .poll(async () => approver.page.getByTestId('post-detail').getAttribute('data-state'))
      .toBe('changes_requested');
    await approver.page.screenshot({ path: path.join(artifactsDir, 'publish-approval.png'), fullPage: true });

    // Nothing went out meanwhile.
    const held = await call<PostJson>(admin, 'GET', `/api/posts/${postId}`);
    expect(held.body.targets.every((t) => t.status !== 'published')).toBe(true);

    // The editor sees the comment among the drafts, edits and resubmits.
    await editor.page.goto(`${server.url}/publish/drafts`);
    await editor.page.getByTestId(`post-row-${postId}`).waitFor();
    expect(await editor.page.getByTestId(`post-row-${postId}`).textContent()).toContain('søknadsfristen');
    await editor.page.getByTestId(`post-row-${postId}`).click();
    expect(await editor.page.getByTestId('approval-thread').textContent()).toContain('søknadsfristen');
    await editor.page.getByTestId('post-edit').click();
    await editor.page.getByTestId('composer').waitFor();
    await editor.page
      .getByTestId('composer-text')
      .fill('Vi ansetter! Bli med og bygg fremtidens energi på Vestlandet. Søknadsfrist 1. desember.');
    await editor.page.getByTestId(`ready-${channelId}`).waitFor();
    await editor.page.getByTestId('composer-submit').click();
    await editor.page.getByTestId('post-detail').waitFor();
    await expect
      .poll(async () => editor.page.getByTestId('post-detail').getAttribute('data-state'))
      .toBe('pending_approval');

    // The approver approves from the queue (the detail has the same button); with no time set it goes out
    // now, on the sandbox, and the queue is empty again.
    await approver.page.goto(`${server.url}/publish/posts/${postId}`);
    await approver.page.getByTestId('approval-approve').waitFor();
    await approver.page.getByTestId('publish-tab-approvals').click();
    await approver.page.getByTestId(`approvals-approve-${postId}`).click();
    await approver.page.getByTestId('approvals-approved').waitFor();
    await approver.page.getByTestId('approvals-empty').waitFor();
    await expect.poll(async () => approver.page.getByTestId('approvals-count').count()).toBe(0);
    await expect
      .poll(async () => (await call<PostJson>(admin, 'GET', `/api/posts/${postId}`)).body.state, {
        timeout: 20_000,
      })
      .toBe('published');
    const done = await call<PostJson>(admin, 'GET', `/api/posts/${postId}`);
    expect(done.body.approval.approvedBy?.name).toBe('Kari Nordmann');
    expect(done.body.approval.comments.map((c) => c.kind)).toEqual(
      expect.arrayContaining(['submitted', 'sent_back', 'approved']),
    );
    await approver.page.goto(`${server.url}/publish/posts/${postId}`);
    await approver.page.getByTestId('post-approved-by').waitFor();
    expect(await approver.page.getByTestId('post-approved-by').textContent()).toContain('Kari Nordmann');

    // Approval off again for the ledger test.
    await admin.goto(`${server.url}/publish/approvals`);
    await admin.getByTestId('require-approval').uncheck();
    await expect
      .poll(
        async () => (await call<{ requireApproval: boolean }>(admin, 'GET', '/api/publishing/settings')).body,
      )
      .toMatchObject({ requireApproval: false });

    expect(failures).toEqual([]);
    await editorContext.close();
    await approverContext.close();
  }, 180_000);

  it('shows authorship in the ledger and on the calendar, and downloads it as CSV', async () => {
    const { server } = stemme();
    const admin = shared.admin!;
    const adminId = shared.adminId!;
    const members = await call<{ members: { userId: string; name: string }[] }>(
      admin,
      'GET',
      '/api/team/members',
    );
    const jonas = members.body.members.find((m) => m.name === 'Jonas Lie')!;
    // Whatever the approval test left behind: no approval needed here.
    expect((await call(admin, 'PUT', '/api/publishing/settings', { requireApproval: false })).status).toBe(
      200,
    );

    // The leader's own account: her own words, and words written on her behalf.
    const leader = await call<{ id: string }>(admin, 'POST', '/api/channels', {
      network: 'sandbox',
      handle: 'astrid',
      ownerUserId: adminId,
    });
    expect(leader.status).toBe(201);
    const leaderId = leader.body.id;

    await admin.goto(`${server.url}/publish/compose`);
    await admin.getByTestId(`composer-channel-${leaderId}`).check();
    await admin.getByTestId('composer-text').fill('Stolt av teamet i dag. – Astrid');
    await admin.getByTestId(`ready-${leaderId}`).waitFor();
    expect(await admin.getByTestId(`preview-authorship-${leaderId}`).textContent()).toMatch(/own words/i);
    await admin.getByTestId('composer-submit').click();
    await admin.getByTestId('post-detail').waitFor();
    const ownId = admin.url().split('/publish/posts/')[1]!;

    await admin.goto(`${server.url}/publish/compose`);
    await admin.getByTestId(`composer-channel-${leaderId}`).check();
    await admin.getByTestId('composer-text').fill('Takk for en flott konferanse i Bergen!');
    await admin.getByTestId('composer-written-by').selectOption(jonas.userId);
    await admin.getByTestId(`ready-${leaderId}`).waitFor();
    expect(await admin.getByTestId(`preview-authorship-${leaderId}`).textContent()).toMatch(
      /on behalf of Astrid/i,
    );
    await admin.getByTestId('composer-submit').click();
    await admin.getByTestId('post-detail').waitFor();
    const behalfId = admin.url().split('/publish/posts/')[1]!;

    for (const id of [ownId, behalfId])
      await expect
        .poll(async () => (await call<PostJson>(admin, 'GET', `/api/posts/${id}`)).body.state, {
          timeout: 20_000,
        })
        .toBe('published');

    // The calendar marks authorship on each item.
    await admin.goto(`${server.url}/publish`);
    await admin.getByTestId(`cal-post-${ownId}`).waitFor();
    expect(
      await admin.getByTestId(`cal-post-${ownId}`).locator('[data-authorship="own_words"]').count(),
    ).toBe(1);
    expect(
      await admin.getByTestId(`cal-post-${behalfId}`).locator('[data-authorship="on_behalf"]').count(),
    ).toBe(1);

    // The ledger: the labels, a filter, and the CSV.
    await admin.getByTestId('publish-tab-ledger').click();
    await admin.getByTestId('ledger-table').waitFor();
    const table = (await admin.getByTestId('ledger-table').textContent()) ?? '';
    expect(table).toContain('Written by the leader');
    expect(table).toContain('On their behalf');
    expect(table).toContain('Organisation account');
    expect(table).toContain('Jonas Lie');
    await admin.getByTestId('ledger-authorship').selectOption('on_behalf');
    await expect.poll(async () => admin.locator('[data-testid^="ledger-row-"]').count()).toBe(1);
    await admin.getByTestId('ledger-authorship').selectOption('');
    await admin.screenshot({ path: path.join(artifactsDir, 'publish-ledger.png'), fullPage: true });

    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      admin.getByTestId('ledger-csv').click(),
    ]);
    const file = path.join(artifactsDir, 'publish-ledger.csv');
    await download.saveAs(file);
    const csv = fs.readFileSync(file, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('Takk for en flott konferanse i Bergen!');
    expect(csv).toContain('Jonas Lie');
    expect(csv).toContain('on_behalf');
    expect(csv.split('\n').filter((l) => l.trim()).length).toBeGreaterThanOrEqual(4);

    await shared.adminContext?.close();
  }, 120_000);
});
