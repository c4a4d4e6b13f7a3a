// The composer's per-network previews in real Chromium with two networks side by side: the built-in sandbox
// (graphemes, no rich text) and Mastodon through the contract server that replays its documented API (characters,
// a link counts 23, links/mentions/hashtags are rich text). One text fits one network and not the other; a
// per-channel version fixes it; both publish.
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MastodonContractServer } from '../../src/networks/mastodon/contract-server.ts';
import { type Server, startStemme, tempDir } from '../process.ts';
import { artifactsDir, callFromPage, ensureWebBuilt, launchChromium, onboardInBrowser } from './browser.ts';

const TOKEN = 'contract-test-token-0123456789';

const call = callFromPage;

describe('browser: publish to the sandbox and Mastodon side by side', () => {
  let server: Server | undefined;
  let browser: Browser | undefined;
  const mastodon = new MastodonContractServer(TOKEN, 500);

  beforeAll(async () => {
    ensureWebBuilt();
    await mastodon.start();
    [server, browser] = await Promise.all([
      // The contract server listens on 127.0.0.1: private addresses must be allowed for this test.
      startStemme({ STEMME_DATA_DIR: tempDir(), STEMME_ALLOW_PRIVATE_NETWORKS: 'true' }),
      launchChromium(),
    ]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await mastodon.stop();
  });

  it('counts, highlights and checks per network, takes a per-channel version, and publishes to both', async () => {
    const context = await browser!.newContext({ locale: 'en-GB', viewport: { width: 1360, height: 1000 } });
    const page = await context.newPage();
    const failures: string[] = [];
    page.on('pageerror', (err) => failures.push(err.message));
    const url = server!.url;

    await onboardInBrowser(page, url);
    await page.getByTestId('current-org-name').waitFor();
    const sandbox = await call<{ id: string }>(page, 'POST', '/api/channels', {
      network: 'sandbox',
      handle: 'fjellvind',
    });
    expect(sandbox.status).toBe(201);
    const masto = await call<{ id: string }>(page, 'POST', '/api/channels', {
      network: 'mastodon',
      instanceUrl: mastodon.url,
      accessToken: TOKEN,
    });
    expect(masto.status).toBe(201);
    const [s, m] = [sandbox.body.id, masto.body.id];

    // A link may pick the channel (the strategy health check's fix for a quiet channel does).
    await page.goto(`${url}/publish/compose?channel=${m}`);
    await page.getByTestId('composer').waitFor();
    expect(await page.getByTestId(`composer-channel-${m}`).isChecked()).toBe(true);
    expect(await page.getByTestId(`composer-channel-${s}`).isChecked()).toBe(false);
    await page.getByTestId(`composer-channel-${s}`).check();
    const link = `https://fjellvind.no/nyheter/${'vindpark-pa-stad-'.repeat(5)}apner`;
    const text = `${'Vind og vann. '.repeat(30)}Les mer: ${link} @kari@fjord.social #vindkraft`;
    await page.getByTestId('composer-text').fill(text);

    // Mastodon counts characters with every link as 23 and a remote mention by its local part: it fits.
    const mCounter = page.getByTestId(`counter-${m}-0`);
    await mCounter.waitFor();
    const mCount = Number(await mCounter.getAttribute('data-count'));
    expect(mCount).toBe(text.length - link.length + 23 - '@fjord.social'.length);
    expect(mCount).toBeLessThanOrEqual(500);
    expect(await mCounter.textContent()).toMatch(/characters$/);
    await page.getByTestId(`ready-${m}`).waitFor();
    // …and shows links, mentions and hashtags as rich text.
    const mPreview = page.getByTestId(`preview-${m}`);
    expect(await mPreview.locator('[data-facet="link"]').textContent()).toBe(link);
    expect(await mPreview.locator('[data-facet="mention"]').textContent()).toBe('@kari@fjord.social');
    expect(await mPreview.locator('[data-facet="tag"]').textContent()).toBe('#vindkraft');

    // The sandbox counts every grapheme of the link: over its 500, flagged, plain text.
    const sCounter = page.getByTestId(`counter-${s}-0`);
    expect(Number(await sCounter.getAttribute('data-count'))).toBe(text.length);
    expect(await sCounter.textContent()).toMatch(/graphemes/);
    await page.getByTestId(`problems-${s}`).waitFor();
    expect(await page.getByTestId(`preview-${s}`).locator('[data-facet]').count()).toBe(0);
    expect(await page.getByTestId('composer-submit').isDisabled()).toBe(true);
    await page.screenshot({ path: path.join(artifactsDir, 'publish-networks.png'), fullPage: true });

    // A shorter version for the sandbox only.
    await page.getByTestId(`composer-tab-${s}`).click();
    await page.getByTestId(`variant-customise-${s}`).click();
    await page.getByTestId(`variant-text-${s}-0`).fill(`Vindparken på Stad åpner. Les mer: ${link}`);
    await page.getByTestId(`ready-${s}`).waitFor();
    await page.getByTestId(`ready-${m}`).waitFor();
    await page.getByTestId('composer-submit').click();
    await page.getByTestId('post-detail').waitFor();
    const postId = page.url().split('/publish/posts/')[1]!;
    await expect
      .poll(async () => (await call<{ state: string }>(page, 'GET', `/api/posts/${postId}`)).body.state, {
        timeout: 20_000,
      })
      .toBe('published');

    // Mastodon received the shared text; the sandbox its own version.
    const status = mastodon.writes().find((r) => r.method === 'POST' && r.path === '/api/v1/statuses');
    expect(status?.body?.status).toBe(text);
    const post = await call<{ targets: { channelId: string; variant: { parts: { text: string }[] } }[] }>(
      page,
      'GET',
      `/api/posts/${postId}`,
    );
    expect(post.body.targets.find((t) => t.channelId === s)?.variant.parts[0]?.text).toBe(
      `Vindparken på Stad åpner. Les mer: ${link}`,
    );
    await page.reload();
    await page.getByTestId('targets-table').waitFor();
    expect(await page.locator('[data-testid^="target-link-"]').count()).toBe(2);

    // Each channel's own text can be read in the detail: the sandbox's shorter version.
    const sTarget = (
      await call<{ targets: { id: string; channelId: string }[] }>(page, 'GET', `/api/posts/${postId}`)
    ).body.targets.find((t) => t.channelId === s)!.id;
    await page.getByTestId(`target-text-toggle-${sTarget}`).click();
    expect(await page.getByTestId(`target-text-${sTarget}`).textContent()).toBe(
      `Vindparken på Stad åpner. Les mer: ${link}`,
    );

    // Mastodon lets a published post be edited: the new text goes to the network, the old stays in the history.
    const targets = await call<{ targets: { id: string; channelId: string }[] }>(
      page,
      'GET',
      `/api/posts/${postId}`,
    );
    const mTarget = targets.body.targets.find((t) => t.channelId === m)!.id;
    await page.getByTestId(`target-edit-${mTarget}`).click();
    const edited = `${text} (Rettet: åpner 1. desember.)`;
    await page.getByTestId(`target-edit-text-${mTarget}`).fill(edited);
    await page.getByTestId(`target-edit-save-${mTarget}`).click();
    const revisions = page.getByTestId(`target-revisions-${mTarget}`);
    await revisions.waitFor();
    expect(await revisions.locator('ins').textContent()).toBe(edited);
    expect(await revisions.locator('del').textContent()).toBe(text);
    const put = mastodon.writes().find((r) => r.method === 'PUT' && r.path.startsWith('/api/v1/statuses/'));
    expect(put?.body?.status).toBe(edited);
    await page.screenshot({ path: path.join(artifactsDir, 'publish-edit-published.png'), fullPage: true });

    expect(failures).toEqual([]);
    await context.close();
  }, 180_000);
});
