// In real Chromium, in Norwegian (bokmål), against a real `stemme start`: a mention the lexicon read as praise
// (sarcasm) is set negative by hand from the mentions stream; the list shows it at once with "satt av Astrid
// Berg", a reload keeps it, the negative filter finds it (and Export CSV downloads that one mention), the monitor
// page and the story page set it too (their totals and mix follow at once), and a viewer sees the badge and who
// set it, with no control to change it.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedServer, rss } from '../../src/listening/test-support.ts';
import { artifactsDir, callFromPage, E2E_PASSWORD, onboardedPage, stemmeInBrowser } from './browser.ts';

const SARCASM = 'Helt fantastisk service fra Fjellvind';

describe('browser: setting a mention’s sentiment by hand, in bokmål', () => {
  const feeds = new FeedServer();
  beforeAll(async () => {
    await feeds.start();
    feeds.feeds.set('/nyheter.xml', {
      body: rss('Fjordnytt', 'nb-NO', [
        {
          guid: 's1',
          title: SARCASM,
          text: 'Helt fantastisk service fra Fjellvind: strømmen har vært borte i tre dager. Takk skal dere ha.',
          author: 'Kari Nordmann',
          published: new Date(Date.now() - 3_600_000),
        },
        {
          guid: 's2',
          title: 'Fjellvind bygger ut nettet',
          text: 'Fjellvind bygger ut strømnettet i Nord-Troms neste år.',
          author: 'Ola Hansen',
          published: new Date(Date.now() - 2 * 3_600_000),
        },
      ]),
    });
  });
  afterAll(() => feeds.stop());
  const stemme = stemmeInBrowser({ STEMME_ALLOW_PRIVATE_NETWORKS: 'true' });

  it('an editor sets it in the stream and sees who set it; a viewer sees it without the control', async () => {
    const { server, browser } = stemme();
    const { context, page, failures } = await onboardedPage(browser, server.url, 'nb-NO');
    const monitor = await callFromPage(page, 'POST', '/api/monitors', {
      name: 'Fjellvind',
      query: 'Fjellvind',
    });
    const feed = await callFromPage<{ id: string }>(page, 'POST', '/api/feeds', {
      url: `${feeds.url}/nyheter.xml`,
    });
    expect([monitor.status, feed.status]).toEqual([201, 201]);
    expect((await callFromPage(page, 'POST', `/api/feeds/${feed.body.id}/poll`, {})).status).toBe(200);

    await page.getByTestId('nav-listen').click();
    await page.getByTestId('mention-list').waitFor();
    const item = page.locator('li.mention', { hasText: SARCASM });
    const control = item.getByTestId('mention-sentiment');
    expect(await control.getAttribute('data-sentiment')).toBe('positive');
    expect(await control.evaluate((e) => e.tagName)).toBe('SELECT');
    expect(await control.getAttribute('aria-label')).toBe('Sett stemningen manuelt');
    expect(await item.getByTestId('mention-sentiment-set-by').count()).toBe(0);

    await control.selectOption('negative');
    await item.getByTestId('mention-sentiment-set-by').waitFor();
    expect(await item.getByTestId('mention-sentiment-set-by').textContent()).toBe('satt av Astrid Berg');
    expect(await control.getAttribute('data-sentiment')).toBe('negative');
    expect(await control.locator('option:checked').textContent()).toBe('Negativ');
    await page.screenshot({ path: path.join(artifactsDir, 'mention-sentiment-set-nb.png'), fullPage: true });

    // It is stored: after a reload, and under the negative filter.
    await page.reload();
    await page.getByTestId('mention-list').waitFor();
    expect(await item.getByTestId('mention-sentiment').getAttribute('data-sentiment')).toBe('negative');
    expect(await item.getByTestId('mention-sentiment-set-by').textContent()).toBe('satt av Astrid Berg');
    await page.getByTestId('filter-sentiment-negative').click();
    await expect.poll(() => page.locator('li.mention').count()).toBe(1);
    expect(await page.locator('li.mention').textContent()).toContain(SARCASM);
    // Export CSV takes the filter: the one negative mention, with who set it.
    const exportLink = page.getByTestId('mentions-export');
    expect(await exportLink.textContent()).toBe('Eksporter CSV');
    const [download] = await Promise.all([page.waitForEvent('download'), exportLink.click()]);
    expect(download.suggestedFilename()).toMatch(/^stemme-mentions-\d{4}-\d\d-\d\d\.csv$/);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"${SARCASM}"`);
    expect(lines[1]).toContain('"negative","Astrid Berg","Fjellvind"');

    // On the monitor's page too: set there, its totals count it at once.
    await page.getByTestId('listen-tab-monitors').click();
    await page.getByRole('link', { name: 'Fjellvind', exact: true }).click();
    const totals = page.getByTestId('monitor-totals');
    await totals.waitFor();
    expect(await totals.textContent()).toBe('2 omtaler: 0 positive, 1 nøytrale, 1 negative');
    const ola = page.locator('li.mention', { hasText: 'Fjellvind bygger ut nettet' });
    await ola.getByTestId('mention-sentiment').selectOption('positive');
    await expect.poll(() => totals.textContent()).toBe('2 omtaler: 1 positive, 0 nøytrale, 1 negative');
    expect(await ola.getByTestId('mention-sentiment-set-by').textContent()).toBe('satt av Astrid Berg');

    // On the story page too: the post says who set it, and setting it there recounts the story's mix at once.
    await page.getByTestId('listen-tab-stories').click();
    // A story of one post is listed once the minimum size allows it (the list starts at two).
    await page.getByTestId('stories-min-size').selectOption('1');
    await page.getByTestId('story-list').waitFor();
    await page.locator('li.story-card', { hasText: SARCASM }).getByTestId('story-open').click();
    await page.getByTestId('story-detail').waitFor();
    const bar = page.getByTestId('story-detail').getByTestId('sentiment-bar').first();
    expect(await bar.getAttribute('aria-label')).toBe('Positiv: 0, Nøytral: 0, Negativ: 1');
    const storyPost = page.getByTestId('story-posts').locator('li.mention').first();
    expect(await storyPost.getByTestId('mention-sentiment').getAttribute('data-sentiment')).toBe('negative');
    expect(await storyPost.getByTestId('mention-sentiment-set-by').textContent()).toBe('satt av Astrid Berg');
    await storyPost.getByTestId('mention-sentiment').selectOption('neutral');
    await expect.poll(() => bar.getAttribute('aria-label')).toBe('Positiv: 0, Nøytral: 1, Negativ: 0');
    await page.screenshot({ path: path.join(artifactsDir, 'story-sentiment-set-nb.png'), fullPage: true });
    // Back to negative, as the viewer below expects.
    await storyPost.getByTestId('mention-sentiment').selectOption('negative');
    await expect.poll(() => bar.getAttribute('aria-label')).toBe('Positiv: 0, Nøytral: 0, Negativ: 1');

    // A viewer: the badge and who set it, no control.
    const invite = await callFromPage<{ url: string }>(page, 'POST', '/api/team/invitations', {
      email: 'vera@fjellvind.no',
      role: 'viewer',
    });
    expect(invite.status).toBe(201);
    const viewerContext = await browser.newContext({
      locale: 'nb-NO',
      viewport: { width: 1280, height: 900 },
    });
    const viewer = await viewerContext.newPage();
    viewer.on('pageerror', (err) => failures.push(err.message));
    await viewer.goto(server.url);
    const token = invite.body.url.split('/invite/')[1]!;
    const accepted = await callFromPage(viewer, 'POST', `/api/invitations/${token}/accept`, {
      name: 'Vera Viser',
      email: 'vera@fjellvind.no',
      password: E2E_PASSWORD,
    });
    expect(accepted.status).toBe(200);
    await viewer.goto(`${server.url}/listen`);
    await viewer.getByTestId('mention-list').waitFor();
    const seen = viewer.locator('li.mention', { hasText: SARCASM });
    expect(await seen.getByTestId('mention-sentiment').evaluate((e) => e.tagName)).toBe('SPAN');
    expect(await seen.getByTestId('mention-sentiment').textContent()).toBe('Negativ');
    expect(await seen.getByTestId('mention-sentiment-set-by').textContent()).toBe('satt av Astrid Berg');
    expect(await viewer.locator('select.sentiment-select').count()).toBe(0);
    await viewer.screenshot({
      path: path.join(artifactsDir, 'mention-sentiment-viewer-nb.png'),
      fullPage: true,
    });
    expect(failures).toEqual([]);
    await viewerContext.close();
    await context.close();
  }, 120_000);
});
