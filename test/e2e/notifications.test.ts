// The notification bell in real Chromium against a real `stemme start` (web and worker): a sandbox channel whose
// access is revoked fails to publish, the bell shows one unread notification, and following it leads to
// Settings → Channels where the channel says it needs reconnecting; the bell is quiet afterwards.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { artifactsDir, onboardedPage, stemmeInBrowser } from './browser.ts';

/** An API call from the page, as the app makes it (session cookie, CSRF header from the readable cookie). */
async function call(
  page: Page,
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const csrf = /(?:^|; )stemme_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
      const res = await fetch(url, {
        method,
        headers: {
          'x-csrf-token': decodeURIComponent(csrf),
          ...(body !== undefined && { 'content-type': 'application/json' }),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : null };
    },
    { method, url, body },
  );
}

describe('browser: the notification bell', () => {
  const stemme = stemmeInBrowser();

  it('tells the owner once that a channel needs reconnecting and leads to it', async () => {
    const { server, browser } = stemme();
    const { context, page, failures } = await onboardedPage(browser, server.url, 'en-GB');
    const bell = page.getByTestId('notification-bell');
    await bell.waitFor();
    expect(await bell.getAttribute('aria-label')).toBe('No new notifications');
    expect(await page.getByTestId('notification-count').count()).toBe(0);

    const channel = await call(page, 'POST', '/api/channels', { network: 'sandbox', handle: 'fjellvind' });
    expect(channel.status).toBe(201);
    const channelId = (channel.json as { id: string }).id;
    expect((await call(page, 'POST', `/api/channels/${channelId}/sandbox/revoke`)).status).toBe(204);
    for (const text of ['Første forsøk', 'Andre forsøk']) {
      expect((await call(page, 'POST', '/api/posts', { channelIds: [channelId], text })).status).toBe(201);
    }

    // The worker fails both posts; the bell counts one notification (one episode), checked on navigation.
    const count = page.getByTestId('notification-count');
    for (let i = 0; i < 60 && (await count.count()) === 0; i++) {
      await page.waitForTimeout(250);
      await page.getByTestId(i % 2 ? 'nav-team' : 'nav-settings').click();
    }
    expect(await count.textContent()).toBe('1');
    expect(await bell.getAttribute('aria-label')).toBe('1 new notification: fjellvind needs reconnecting');
    await page.screenshot({ path: path.join(artifactsDir, 'notification-bell.png') });

    await bell.click();
    await page.waitForURL(/\/settings#channels$/);
    const row = page.getByTestId(`channel-row-${channelId}`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Reconnect needed');
    expect(await count.count()).toBe(0);
    await page.reload();
    await row.waitFor();
    expect(await page.getByTestId('notification-count').count()).toBe(0);
    expect(failures).toEqual([]);
    await context.close();
  });
});
