// Settings → Channels → Mastodon in real Chromium against a real `stemme start`, with the Mastodon contract
// server as the instance (its authorize page "authorizes" at once and redirects back with a code): connect by
// redirect, then reconnect with the paste-the-code fallback.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MastodonContractServer } from '../../src/networks/mastodon/contract-server.ts';
import { artifactsDir, onboardedPage, stemmeInBrowser } from './browser.ts';

describe('browser: settings → channels → Mastodon OAuth', () => {
  // The instance listens on loopback, so this Stemme is told private addresses are fine (an intranet setup).
  const stemme = stemmeInBrowser({ STEMME_ALLOW_PRIVATE_NETWORKS: 'true' });
  const instance = new MastodonContractServer('browser-oauth-token-0123456789abcdef');
  beforeAll(async () => {
    await instance.start();
  });
  afterAll(async () => instance.stop());

  it('connects by signing in on the instance, and reconnects by pasting the code', async () => {
    const { server, browser } = stemme();
    const { context, page, failures } = await onboardedPage(browser, server.url, 'nb-NO');
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('channels-empty').waitFor();

    // OAuth is the default for Mastodon; the access token is the advanced choice.
    await page.getByTestId('channel-connect-network').selectOption('mastodon');
    expect(await page.getByTestId('mastodon-oauth-about').textContent()).toMatch(/ser aldri passordet ditt/);
    expect(await page.getByTestId('channel-connect-access-token').count()).toBe(0);
    await page.getByTestId('channel-connect-instance-url').fill(instance.url);
    await page.getByTestId('channel-connect-submit').click();
    const started = page.getByTestId('mastodon-oauth-started');
    await started.waitFor();
    const host = new URL(instance.url).host;
    expect(await started.textContent()).toContain(`Fortsett på ${host}`);
    await page.screenshot({ path: path.join(artifactsDir, 'settings-mastodon-oauth.png'), fullPage: true });

    // To the instance and straight back: the channel is there, said in Norwegian.
    await page.getByTestId('mastodon-oauth-authorize').click();
    const outcome = page.getByTestId('channels-oauth-outcome');
    await outcome.waitFor();
    expect(await outcome.textContent()).toBe(`@kari@${host} på Mastodon er koblet til.`);
    expect(new URL(page.url()).search).toBe('');
    const row = page.locator('[data-testid^="channel-row-"]');
    await row.waitFor();
    expect(await row.textContent()).toContain(`@kari@${host}`);
    expect(instance.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/v1/apps',
      'GET /oauth/authorize',
      'POST /oauth/token',
      'GET /api/v1/accounts/verify_credentials',
      'GET /api/v2/instance',
    ]);

    // The paste-the-code fallback: the instance shows a code on its own page; pasted here, it reconnects.
    await page.getByTestId('channel-connect-network').selectOption('mastodon');
    await page.getByTestId('channel-connect-instance-url').fill(instance.url);
    await page.getByTestId('channel-connect-submit').click();
    await started.waitFor();
    const [codePage] = await Promise.all([
      context.waitForEvent('page'),
      page.getByTestId('mastodon-oauth-code-page').click(),
    ]);
    await codePage.waitForLoadState();
    const code = await codePage.getByTestId('oob-code').inputValue();
    await codePage.close();
    await page.getByTestId('channel-connect-submit').click();
    expect(await page.locator('.field--invalid .field__error').textContent()).toBeTruthy();
    await page.getByTestId('mastodon-oauth-code').fill(code);
    await page.getByTestId('channel-connect-submit').click();
    await page.getByText(`@kari@${host} er koblet til på nytt.`).waitFor();
    expect(await page.locator('[data-testid^="channel-row-"]').count()).toBe(1);
    expect(instance.requests.filter((r) => r.path === '/oauth/token').at(-1)?.body).toMatchObject({
      code,
      redirect_uri: 'urn:ietf:wg:oauth:2.0:oob',
    });
    expect(failures).toEqual([]);
    await context.close();
  });
});
