// In real Chromium, in Norwegian (bokmål), against a real `stemme start`: a newspaper's front page feed and its
// business section feed carry the same article (own GUIDs, tracking parameters on one link; newspaperFeeds).
// "Poll now" on the section feed says one of its new items was already stored from the other feed, and the
// mentions list shows the article once.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedServer, newspaperFeeds } from '../../src/listening/test-support.ts';
import { artifactsDir, callFromPage, onboardedPage, stemmeInBrowser } from './browser.ts';

describe('browser: one article in two feeds, in bokmål', () => {
  const feeds = new FeedServer();
  beforeAll(async () => {
    await feeds.start();
    const { front, section } = newspaperFeeds();
    feeds.feeds.set('/forside.xml', { body: front });
    feeds.feeds.set('/okonomi.xml', { body: section });
  });
  afterAll(() => feeds.stop());
  const stemme = stemmeInBrowser({ STEMME_ALLOW_PRIVATE_NETWORKS: 'true' });

  it('says how many new items were already stored from another feed, and lists the article once', async () => {
    const { server, browser } = stemme();
    const { context, page, failures } = await onboardedPage(browser, server.url, 'nb-NO');
    const front = await callFromPage<{ id: string }>(page, 'POST', '/api/feeds', {
      url: `${feeds.url}/forside.xml`,
    });
    const section = await callFromPage<{ id: string }>(page, 'POST', '/api/feeds', {
      url: `${feeds.url}/okonomi.xml`,
    });
    expect([front.status, section.status]).toEqual([201, 201]);

    await page.getByTestId('nav-listen').click();
    await page.getByTestId('listen-tab-sources').click();
    const frontRow = page.getByTestId(`feed-row-${front.body.id}`);
    const sectionRow = page.getByTestId(`feed-row-${section.body.id}`);
    await page.getByTestId(`feed-poll-${front.body.id}`).click();
    await frontRow.getByTestId('feed-last-poll').waitFor();
    expect(await frontRow.getByTestId('feed-last-poll').textContent()).toBe('Hentet nå: 4 nye innlegg');

    await page.getByTestId(`feed-poll-${section.body.id}`).click();
    await sectionRow.getByTestId('feed-same-article').waitFor();
    expect(await sectionRow.getByTestId('feed-last-poll').textContent()).toMatch(/^Hentet nå: 4 nye innlegg/);
    expect(await sectionRow.getByTestId('feed-same-article').textContent()).toBe(
      '1 av dem var allerede lagret fra en annen feed (samme artikkel) og ble ikke lagret på nytt',
    );
    // The feed list keeps the count under the items it stored (after any poll, and after a reload).
    expect(await sectionRow.getByTestId('feed-items').textContent()).toBe(
      '31 hoppet over: samme artikkel som i en annen feed',
    );
    await page.reload();
    await sectionRow.getByTestId('feed-same-article-total').waitFor();
    expect(await sectionRow.getByTestId('feed-same-article-total').textContent()).toBe(
      '1 hoppet over: samme artikkel som i en annen feed',
    );
    expect(await frontRow.getByTestId('feed-same-article-total').count()).toBe(0);
    await page.screenshot({
      path: path.join(artifactsDir, 'listen-feeds-same-article-nb.png'),
      fullPage: true,
    });

    await page.getByTestId('listen-tab-mentions').click();
    await page.getByTestId('listen-mentions').waitFor();
    // The article once, each feed's own two items, and the item without a link from both feeds.
    await expect.poll(() => page.locator('li.mention').count()).toBe(7);
    expect(await page.locator('li.mention', { hasText: 'Fjellvind kutter prisene' }).count()).toBe(1);
    expect(failures).toEqual([]);
    await context.close();
  });
});
