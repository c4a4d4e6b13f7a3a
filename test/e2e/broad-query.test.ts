// In real Chromium, in Danish, against a real `stemme start`: a feed's 24 items are stored, and the monitor
// editor's test query warns that a query matching most of them is very broad (and says nothing of a narrow one).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedServer, rss } from '../../src/listening/test-support.ts';
import { artifactsDir, callFromPage, onboardedPage, stemmeInBrowser } from './browser.ts';

describe('browser: a very broad test query, in Danish', () => {
  const feeds = new FeedServer();
  beforeAll(async () => {
    await feeds.start();
    const items = Array.from({ length: 24 }, (_, i) => ({
      guid: `elpris-${i}`,
      title: i % 4 === 0 ? `Havvindmøller ved Esbjerg, nummer ${i}` : `Elprisen stiger igen, dag ${i}`,
      text:
        i % 4 === 0 ? 'Nye havvindmøller sættes op ud for Esbjerg.' : 'Elprisen stiger igen i hele landet.',
      published: new Date(Date.now() - (i + 1) * 3_600_000),
    }));
    feeds.feeds.set('/nyheder.xml', { body: rss('Nyheder', 'da', items) });
  });
  afterAll(() => feeds.stop());
  const stemme = stemmeInBrowser({ STEMME_ALLOW_PRIVATE_NETWORKS: 'true' });

  it('warns about a query that matches most of the stored mentions', async () => {
    const { server, browser } = stemme();
    const { context, page, failures } = await onboardedPage(browser, server.url, 'da-DK');
    const feed = await callFromPage<{ id: string }>(page, 'POST', '/api/feeds', {
      url: `${feeds.url}/nyheder.xml`,
    });
    expect(feed.status).toBe(201);
    const polled = await callFromPage<{ itemCount: number }>(page, 'POST', `/api/feeds/${feed.body.id}/poll`);
    expect(polled.body.itemCount).toBe(24);

    await page.getByTestId('nav-listen').click();
    await page.getByTestId('listen-tab-monitors').click();
    await page.getByTestId('monitor-new').click();
    await page.getByTestId('monitor-name').fill('Elpris');
    await page.getByTestId('monitor-query').fill('elprisen');
    const broad = page.getByTestId('monitor-test-broad');
    await broad.waitFor();
    expect(await broad.textContent()).toMatch(/^En meget bred søgning: den rammer 75 % af de omtaler/);
    await page.screenshot({ path: path.join(artifactsDir, 'listen-monitor-broad-da.png'), fullPage: true });

    await page.getByTestId('monitor-query').fill('havvindmøller AND esbjerg');
    await expect.poll(() => page.getByTestId('monitor-test-count').getAttribute('data-count')).toBe('6');
    expect(await broad.count()).toBe(0);
    expect(failures).toEqual([]);
    await context.close();
  });
});
