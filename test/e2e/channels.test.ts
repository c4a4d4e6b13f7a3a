// Settings → Channels in real Chromium against a real `stemme start`: connect the built-in sandbox, see it
// listed, disconnect it, see the empty state again; a Bluesky main password is refused with a field error.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { artifactsDir, onboardedPage, E2E_PASSWORD as PASSWORD, stemmeInBrowser } from './browser.ts';

describe('browser: settings → channels', () => {
  const stemme = stemmeInBrowser({ STEMME_ALLOW_PRIVATE_NETWORKS: 'true' });

  it('connects the sandbox, lists it, disconnects it, and refuses a Bluesky main password', async () => {
    const { server, browser } = stemme();
    const { context, page, failures } = await onboardedPage(browser, server.url, 'en-GB');

    // No channels yet: the empty state says what to do.
    await page.getByTestId('nav-settings').click();
    const section = page.getByTestId('channels-section');
    await section.waitFor();
    await page.getByTestId('channels-empty').waitFor();
    expect(await page.getByTestId('channels-empty').textContent()).toMatch(/connect an account/i);

    // Bluesky with a main password: the app-password field explains what is wanted; nothing is connected.
    await page.getByTestId('channel-connect-network').selectOption('bluesky');
    await page.getByTestId('channel-connect-handle').fill('fjellvind.bsky.social');
    await page.getByTestId('channel-connect-app-password').fill('mitt hemmelige hovedpassord');
    await page.getByTestId('channel-connect-submit').click();
    const fieldError = section.locator('.field--invalid .field__error');
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toMatch(/not an app password.*App passwords/);
    expect(await page.getByTestId('channel-connect-app-password').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('channels-empty').count()).toBe(1);
    await page.screenshot({ path: path.join(artifactsDir, 'settings-channels-bluesky.png'), fullPage: true });

    // The sandbox connects and is listed with its handle, network, status and date.
    await page.getByTestId('channel-connect-network').selectOption('sandbox');
    await page.getByTestId('channel-connect-handle').fill('fjellvind');
    await page.getByTestId('channel-connect-submit').click();
    const row = section.locator('[data-testid^="channel-row-"]');
    await row.waitFor();
    const channelId = ((await row.getAttribute('data-testid')) ?? '').replace('channel-row-', '');
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain('fjellvind');
    expect(rowText).toContain('Sandbox');
    expect(rowText).toContain('Active');
    expect(await row.getByRole('link', { name: /fjellvind/ }).getAttribute('href')).toBeTruthy();
    expect(await page.getByTestId('channels-empty').count()).toBe(0);
    // Still there after a reload: it came from the server.
    await page.reload();
    await page.getByTestId(`channel-row-${channelId}`).waitFor();
    await page.screenshot({ path: path.join(artifactsDir, 'settings-channels.png'), fullPage: true });

    // A viewer sees the list read-only: no connect form, no disconnect.
    await page.getByTestId('nav-team').click();
    await page.getByTestId('invite-email').fill('jonas@fjellvind.no');
    await page.getByTestId('invite-role').selectOption('viewer');
    await page.getByTestId('invite-submit').click();
    const inviteUrl =
      (await page
        .getByTestId('invite-url')
        .inputValue()
        .catch(() => page.getByTestId('invite-url').textContent())) ?? '';
    const guest = await browser.newContext({ locale: 'en-GB' });
    const guestPage = await guest.newPage();
    await guestPage.goto(inviteUrl);
    await guestPage.getByTestId('invite-accept-name').fill('Jonas Lie');
    await guestPage.getByTestId('invite-accept-email').fill('jonas@fjellvind.no');
    await guestPage.getByTestId('invite-accept-password').fill(PASSWORD);
    await guestPage.getByTestId('invite-accept-password-confirm').fill(PASSWORD);
    await guestPage.getByTestId('invite-accept-submit').click();
    await guestPage.getByTestId('current-org-name').waitFor();
    await guestPage.getByTestId('nav-settings').click();
    await guestPage.getByTestId(`channel-row-${channelId}`).waitFor();
    expect(await guestPage.getByTestId(`channel-disconnect-${channelId}`).count()).toBe(0);
    expect(await guestPage.getByTestId('channel-connect-form').count()).toBe(0);
    await guest.close();
    await page.getByTestId('nav-settings').click();

    // Disconnect through the confirm dialog: the empty state is back.
    await page.getByTestId(`channel-disconnect-${channelId}`).click();
    await page.getByTestId('confirm-dialog').waitFor();
    await page.getByTestId('confirm-submit').click();
    await page.getByTestId('channels-empty').waitFor();
    expect(await page.getByTestId(`channel-row-${channelId}`).count()).toBe(0);
    const listed = await page.evaluate(async () => (await (await fetch('/api/channels')).json()) as unknown);
    expect(listed).toEqual({ channels: [] });
    await section.screenshot({ path: path.join(artifactsDir, 'settings-channels-empty.png') });

    expect(failures).toEqual([]);
    await context.close();
  });
});
