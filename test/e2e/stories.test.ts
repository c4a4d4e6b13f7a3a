// Stories and the Author view in real Chromium against a real `stemme start`: two locally served feeds (bokmål
// and German) deliver posts forming two stories — one across languages sharing a link, one of near-identical
// texts — plus an unrelated post; the Stories view shows the two with their sizes, one opens with its posts,
// an author link leads to the Author view, which explains the score in words.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedServer, rss } from '../../src/listening/test-support.ts';
import { type Server, startStemme, tempDir } from '../process.ts';
import { artifactsDir, ensureWebBuilt, launchChromium, onboardedPage } from './browser.ts';

const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms);
const PRICE =
  'Strømprisen i Sør-Norge stiger kraftig denne uken etter en tørr høst og lite vind i hele landet, sier analytikerne i en ny rapport';

describe('browser: stories and authors', () => {
  let server: Server | undefined;
  let browser: Browser | undefined;
  const feeds = new FeedServer();

  beforeAll(async () => {
    ensureWebBuilt();
    fs.mkdirSync(artifactsDir, { recursive: true });
    await feeds.start();
    feeds.feeds.set('/nb.xml', {
      body: rss('Fjordnytt', 'nb-NO', [
        {
          guid: 'a1',
          title: 'Telenor-sjefen vil ikke ha nettnøytralitet',
          text: 'Telenor-sjefen sier nettnøytralitet er unødvendig. Les hele saken: https://www.fjordnytt.no/sak/telenor-nett?utm_source=rss',
          author: 'Kari Nordmann',
          published: ago(5 * HOUR),
        },
        {
          guid: 'p1',
          title: 'Strømprisen stiger',
          text: PRICE,
          author: 'Energinytt',
          published: ago(6 * HOUR),
        },
        {
          guid: 'p2',
          title: 'Strømprisen stiger',
          text: PRICE.replace('kraftig', 'voldsomt'),
          author: 'Per Olsen',
          published: ago(4 * HOUR),
        },
        {
          guid: 'p3',
          title: 'Strømprisen stiger',
          text: PRICE.replace('denne uken', 'i uke 47'),
          author: 'Liv Berg',
          published: ago(3 * HOUR),
        },
        {
          guid: 'x1',
          title: 'Tur i fjellet',
          text: 'Vi gikk på tur i fjellet i går, og det var en fin dag med mye sol.',
          author: 'Ivar Aasen',
          published: ago(2 * HOUR),
        },
      ]),
    });
    feeds.feeds.set('/de.xml', {
      body: rss('Nachrichten', 'de', [
        {
          guid: 'd1',
          title: 'Telenor-Chef gegen Netzneutralität',
          text: 'Der Telenor-Chef hält Netzneutralität für unnötig, berichtet https://fjordnytt.no/sak/telenor-nett – gesehen bei https://feed.example.no/a1',
          author: 'Jörg Müller',
          published: ago(4 * HOUR),
        },
      ]),
    });
    [server, browser] = await Promise.all([
      startStemme({ STEMME_DATA_DIR: tempDir(), STEMME_ALLOW_PRIVATE_NETWORKS: 'true' }),
      launchChromium(),
    ]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await feeds.stop();
  });

  it('shows two stories with their sizes, opens one, and explains an author’s score', async () => {
    const { context, page, failures } = await onboardedPage(browser!, server!.url, 'en-GB');
    await page.getByTestId('nav-listen').click();

    // No stories yet: the view says how they come about.
    await page.getByTestId('listen-tab-stories').click();
    await page.getByTestId('listen-stories').waitFor();
    expect(await page.locator('.empty-state, [class*="empty"]').first().textContent()).toMatch(
      /gathered into stories/,
    );

    // A monitor, then the two feeds, polled.
    await page.getByTestId('listen-tab-monitors').click();
    await page.getByTestId('monitor-new').click();
    await page.getByTestId('monitor-name').fill('Telenor og strøm');
    await page
      .getByTestId('monitor-query')
      .fill('telenor* OR nettnøytralitet OR netzneutralität OR strømprisen');
    await page.getByTestId('monitor-query-ok').waitFor();
    await page.getByTestId('monitor-save').click();
    await page.getByTestId('monitor-detail').waitFor();
    await page.getByTestId('listen-tab-sources').click();
    for (const feed of ['nb', 'de']) {
      await page.getByTestId('feed-url').fill(`${feeds.url}/${feed}.xml`);
      await page.getByTestId('feed-add').click();
      await page.locator(`[data-testid^="feed-row-"]:has-text("${feed}.xml")`).waitFor();
    }
    for (const row of await page.locator('[data-testid^="feed-row-"]').all()) {
      const feedId = ((await row.getAttribute('data-testid')) ?? '').replace('feed-row-', '');
      await page.getByTestId(`feed-poll-${feedId}`).click();
      await page.locator(`[data-testid="feed-row-${feedId}"][data-status="ok"]`).waitFor();
    }

    // The stream links authors to their Author view.
    await page.getByTestId('listen-tab-mentions').click();
    await page.getByTestId('mention-list').waitFor();
    expect(await page.locator('li.mention').count()).toBe(6);
    expect(await page.getByTestId('author-link').count()).toBe(6);

    // Stories: two (the unrelated post is a story of one, left out by the default size filter).
    await page.getByTestId('listen-tab-stories').click();
    await page.getByTestId('story-list').waitFor();
    const sizes = await page
      .getByTestId('story-list')
      .getByTestId('story-size')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-size'))));
    expect(sizes.sort()).toEqual([2, 3]);
    const cross = page.locator('[data-testid^="story-"].story-card', {
      has: page.locator('[data-size="2"]'),
    });
    const langs = await cross
      .getByTestId('mention-lang')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-lang')));
    expect(langs.sort()).toEqual(['de', 'nb']);
    await page.screenshot({ path: path.join(artifactsDir, 'listen-stories.png'), fullPage: true });
    // All sizes: the single post shows too.
    await page.getByTestId('stories-min-size').selectOption('1');
    await page.waitForFunction(() => document.querySelectorAll('.story-card').length === 3);
    await page.getByTestId('stories-min-size').selectOption('2');
    await page.waitForFunction(() => document.querySelectorAll('.story-card').length === 2);

    // Open the cross-language story: its two posts, in two languages.
    await page
      .locator('.story-card', { has: page.locator('[data-size="2"]') })
      .getByTestId('story-open')
      .click();
    await page.getByTestId('story-detail').waitFor();
    expect(await page.getByTestId('story-posts').locator('li.mention').count()).toBe(2);
    expect(await page.getByTestId('story-languages').textContent()).toMatch(/de.*1|nb.*1/);
    await page.screenshot({ path: path.join(artifactsDir, 'listen-story.png'), fullPage: true });

    // Kari's post was linked to by Jörg, who writes about the same topic: the Author view says so.
    await page.getByTestId('story-posts').getByRole('link', { name: 'Kari Nordmann' }).click();
    await page.getByTestId('author-detail').waitFor();
    expect(await page.getByTestId('author-name').textContent()).toBe('Kari Nordmann');
    const why = page.getByTestId('author-explanation');
    expect(await why.getByTestId('author-part-links').textContent()).toBe('linked to by 1 relevant author');
    expect(await why.getByTestId('author-part-monitors').textContent()).toBe('appears in 1 monitor');
    expect(await page.getByTestId('author-engagers').textContent()).toContain('Jörg Müller');
    expect(Number(await page.getByTestId('author-score').textContent())).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(artifactsDir, 'listen-author.png'), fullPage: true });

    // The Authors tab ranks Kari first: engagement by a relevant author counts most.
    await page.getByTestId('listen-tab-authors').click();
    await page.getByTestId('author-list').waitFor();
    expect(await page.locator('.author-card').first().textContent()).toContain('Kari Nordmann');

    expect(failures).toEqual([]);
    await context.close();
  }, 150_000);
});
