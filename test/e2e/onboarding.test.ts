// The first walk a new team makes, in real Chromium against a real `stemme start`:
// onboarding → sign in → invite a member → the member joins → switch to Norsk → sign out.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { artifactsDir, onboardInBrowser, E2E_PASSWORD as PASSWORD, stemmeInBrowser } from './browser.ts';

describe('browser: onboarding to sign-out', () => {
  const stemme = stemmeInBrowser();

  it('walks the whole first-run path', async () => {
    const { server, browser } = stemme();
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const failures: string[] = [];
    page.on('pageerror', (err) => failures.push(err.message));

    // Onboarding: the empty database shows it, and it creates the org and its admin.
    await onboardInBrowser(page, server.url);
    await expect.poll(() => page.getByTestId('current-org-name').textContent()).toContain('Fjellvind AS');

    // Every area of the navigation is there, and the unbuilt ones say so rather than show fake data.
    for (const area of [
      'strategy',
      'publish',
      'listen',
      'inbox',
      'measure',
      'guidelines',
      'training',
      'team',
      'settings',
    ]) {
      expect(await page.getByTestId(`nav-${area}`).count(), area).toBe(1);
    }
    await page.getByTestId('nav-inbox').click();
    await page.getByTestId('not-built').waitFor();

    // Sign out and in again.
    await page.getByTestId('logout').click();
    await page.getByTestId('login-form').waitFor();
    await page.getByTestId('login-email').fill('astrid@fjellvind.no');
    await page.getByTestId('login-password').fill('not the password');
    await page.getByTestId('login-submit').click();
    await page.getByRole('alert').waitFor();
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('current-org-name').waitFor();

    // Invite a member by link.
    await page.getByTestId('nav-team').click();
    await page.getByTestId('invite-email').fill('jonas@fjellvind.no');
    await page.getByTestId('invite-role').selectOption('editor');
    await page.getByTestId('invite-submit').click();
    const inviteUrl =
      (await page
        .getByTestId('invite-url')
        .inputValue()
        .catch(() => page.getByTestId('invite-url').textContent())) ?? '';
    expect(inviteUrl).toMatch(/\/invite\/[\w-]{40,}$/);

    // The invited person opens the link in their own browser and joins.
    const guest = await browser.newContext({ locale: 'en-GB' });
    const guestPage = await guest.newPage();
    await guestPage.goto(inviteUrl);
    await guestPage.getByTestId('invite-accept-name').fill('Jonas Lie');
    await guestPage.getByTestId('invite-accept-email').fill('jonas@fjellvind.no');
    await guestPage.getByTestId('invite-accept-password').fill(PASSWORD);
    await guestPage.getByTestId('invite-accept-password-confirm').fill(PASSWORD);
    await guestPage.getByTestId('invite-accept-submit').click();
    await expect.poll(() => guestPage.getByTestId('current-role').textContent()).toMatch(/editor/i);
    await guest.close();

    await page.reload();
    await expect.poll(() => page.getByTestId('members-table').textContent()).toContain('Jonas Lie');

    // Switch the language to Norsk bokmål: the navigation and the dates follow, and it sticks after a reload.
    await page.getByTestId('language-select').selectOption('nb');
    await expect.poll(() => page.getByTestId('nav-strategy').textContent()).toContain('Strategi');
    await expect.poll(() => page.getByTestId('nav-settings').textContent()).toContain('Innstillinger');
    expect(await page.locator('html').getAttribute('lang')).toBe('nb');
    await page.reload();
    await expect.poll(() => page.getByTestId('nav-settings').textContent()).toContain('Innstillinger');
    await page.screenshot({ path: path.join(artifactsDir, 'team-nb.png'), fullPage: true });

    await page.getByTestId('logout').click();
    await page.getByTestId('login-form').waitFor();
    // Signed out for real: the API refuses the old browser state.
    const status = await page.evaluate(async () => (await fetch('/api/session')).status);
    expect(status).toBe(401);
    expect(failures).toEqual([]);
    await context.close();
  });
});
