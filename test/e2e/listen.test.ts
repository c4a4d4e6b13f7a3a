// Listen in real Chromium against a real `stemme start` (private networks allowed, so a feed on 127.0.0.1 can be
// followed): add a locally served feed, write a monitor with live validation (a bad query shows its error and
// position, the fixed one its 7-day count), poll the feed, see the mentions with language and sentiment, and
// filter them by sentiment; the monitor's chart counts them.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedServer, rss } from '../../src/listening/test-support.ts';
import { type Server, startStemme, tempDir } from '../process.ts';
import { artifactsDir, ensureWebBuilt, launchChromium, onboardedPage } from './browser.ts';

const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms);

describe('browser: listen', () => {
  let server: Server | undefined;
  let browser: Browser | undefined;
  const feeds = new FeedServer();

  beforeAll(async () => {
    ensureWebBuilt();
    fs.mkdirSync(artifactsDir, { recursive: true });
    await feeds.start();
    feeds.feeds.set('/nyheter.xml', {
      etag: '"1"',
      body: rss('Fjordnytt', 'nb-NO', [
        {
          guid: 'a1',
          title: 'Kundene raser mot Fjellvind',
          text: 'Kundene er sinte og skuffet over Fjellvind etter utspillet om nettnøytralitet. Dette er en skandale og helt forferdelig.',
          author: 'Kari Nordmann',
          published: ago(2 * HOUR),
        },
        {
          guid: 'a2',
          title: 'Ros til Fjellvind',
          text: 'Fjellvind leverer fantastisk service, og kundene er svært fornøyde og glade.',
          author: 'Ola Hansen',
          published: ago(3 * HOUR),
        },
        {
          guid: 'a3',
          title: 'Tur i fjellet',
          text: 'Vi gjekk på tur i fjellet i går, og det var ein fin dag med mykje sol.',
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

  it('follows a local feed, validates a monitor as it is typed, and filters the mentions by sentiment', async () => {
    const { context, page, failures } = await onboardedPage(browser!, server!.url, 'en-GB');
    await page.getByTestId('nav-listen').click();

    // Nothing yet: the stream says what to do.
    await page.getByTestId('listen-mentions-empty').waitFor();
    expect(await page.getByTestId('listen-mentions-empty').textContent()).toMatch(/Create a monitor/);

    // Sources: empty, then the local feed is added and listed as not polled yet.
    await page.getByTestId('listen-tab-sources').click();
    await page.getByTestId('feeds-empty').waitFor();
    await page.getByTestId('feed-url').fill(`${feeds.url}/nyheter.xml`);
    await page.getByTestId('feed-add').click();
    const feedRow = page.locator('[data-testid^="feed-row-"]');
    await feedRow.waitFor();
    expect(await feedRow.getAttribute('data-status')).toBe('waiting');
    const feedId = ((await feedRow.getAttribute('data-testid')) ?? '').replace('feed-row-', '');

    // A monitor: a bad query shows the reason and the position as it is typed; fixing it shows the count.
    await page.getByTestId('listen-tab-monitors').click();
    await page.getByTestId('monitors-empty').waitFor();
    await page.getByTestId('monitor-new').click();
    await page.getByTestId('monitor-name').fill('Fjellvind');
    await page.getByTestId('monitor-query').pressSequentially('fjellvind AND "kunde', { delay: 20 });
    const queryError = page.getByTestId('monitor-query-error');
    await queryError.waitFor();
    expect(await queryError.getAttribute('data-position')).toBe('14');
    const fieldError = page.locator('.field--invalid .field__error');
    expect(await fieldError.textContent()).toMatch(/unclosed quote \(character 15\)/);
    expect(await page.getByTestId('monitor-save').isDisabled()).toBe(true);
    await page.screenshot({ path: path.join(artifactsDir, 'listen-monitor-error.png'), fullPage: true });
    // The reason in the user's language: Norsk bokmål, then back.
    await page.getByTestId('language-select').selectOption('nb');
    await expect.poll(() => fieldError.textContent()).toMatch(/anførselstegnet er ikke lukket \(tegn 15\)/);
    await page.screenshot({ path: path.join(artifactsDir, 'listen-monitor-error-nb.png'), fullPage: true });
    await page.getByTestId('language-select').selectOption('en');
    await expect.poll(() => fieldError.textContent()).toMatch(/unclosed quote \(character 15\)/);

    await page.getByTestId('monitor-query').fill('fjellvind AND kund*');
    await page.getByTestId('monitor-query-ok').waitFor();
    await queryError.waitFor({ state: 'detached' });
    const count = page.getByTestId('monitor-test-count');
    await count.waitFor();
    // Nothing stored yet: the test query honestly finds nothing in the last 7 days.
    expect(await count.getAttribute('data-count')).toBe('0');
    await page.getByTestId('monitor-save').click();
    await page.getByTestId('monitor-detail').waitFor();
    expect(await page.getByTestId('monitor-detail-query').textContent()).toBe('fjellvind AND kund*');

    // The poll runs: the feed turns OK with its items.
    await page.getByTestId('listen-tab-sources').click();
    await page.getByTestId(`feed-poll-${feedId}`).click();
    await page.locator(`[data-testid="feed-row-${feedId}"][data-status="ok"]`).waitFor();
    expect(await page.getByTestId(`feed-row-${feedId}`).getByTestId('feed-items').textContent()).toBe('3');
    expect(await page.getByTestId(`feed-row-${feedId}`).textContent()).toContain('Fjordnytt');
    await page.screenshot({ path: path.join(artifactsDir, 'listen-sources.png'), fullPage: true });

    // Mentions appear with language and sentiment.
    await page.getByTestId('listen-tab-mentions').click();
    const items = page.locator('li.mention');
    await page.getByTestId('mention-list').waitFor();
    expect(await items.count()).toBe(3);
    const langs = await page
      .getByTestId('mention-lang')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-lang')));
    expect(langs.sort()).toEqual(['nb', 'nb', 'nn']);
    const raser = page.locator('li.mention', { hasText: 'Kundene raser mot Fjellvind' });
    expect(await raser.getByTestId('mention-sentiment').getAttribute('data-sentiment')).toBe('negative');
    expect(await raser.textContent()).toContain('Fjellvind');
    expect(await raser.getByRole('link', { name: 'Open' }).getAttribute('href')).toBe(
      'https://feed.example.no/a1',
    );
    await page.screenshot({ path: path.join(artifactsDir, 'listen-mentions.png'), fullPage: true });

    // Filter by sentiment: only the negative one is left; the chip is on and the URL keeps it.
    await page.getByTestId('filter-sentiment-negative').click();
    await page.waitForFunction(() => document.querySelectorAll('li.mention').length === 1);
    expect(await page.locator('li.mention').textContent()).toContain('Kundene raser mot Fjellvind');
    expect(await page.getByTestId('filter-sentiment-negative').getAttribute('aria-pressed')).toBe('true');
    expect(page.url()).toContain('sentiment=negative');
    await page.getByTestId('filter-sentiment-negative').click();
    await page.getByTestId('filter-sentiment-positive').click();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('li.mention')].every((li) =>
        li.querySelector('[data-sentiment="positive"]'),
      ),
    );
    expect(await page.locator('li.mention', { hasText: 'Ros til Fjellvind' }).count()).toBe(1);

    // The monitor's chart counts what it matched (the two posts about Fjellvind's customers).
    await page.getByTestId('listen-tab-monitors').click();
    const row = page.locator('[data-testid^="monitor-row-"]');
    await row.waitFor();
    expect(await row.getByTestId('monitor-recent').textContent()).toBe('2');
    await row.getByRole('link', { name: 'Fjellvind' }).click();
    const totals = page.getByTestId('monitor-totals');
    await totals.waitFor();
    expect(await totals.getAttribute('data-total')).toBe('2');
    await page.getByTestId('volume-chart').waitFor();
    await page.screenshot({ path: path.join(artifactsDir, 'listen-monitor.png'), fullPage: true });

    expect(failures).toEqual([]);
    await context.close();
  }, 120_000);
});
