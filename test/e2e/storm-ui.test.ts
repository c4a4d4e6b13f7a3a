// Storms in real Chromium against a real `stemme start` (private networks allowed, SMTP to a real local
// smtp-server): an admin adds a webhook (the secret shows once) and test-sends it (the delivery log says
// delivered), writes a monitor about the CEO and sets its alert rule; then a feed with a burst of angry posts is
// polled, the pipeline opens a storm, and the live toast appears over SSE without a reload. The alert shows its
// reasons and top posts, the monitor page its storm episode on the timeline and the chart, the email arrives
// once and the webhook gets the signed alert.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verify } from '../../src/listening/alerts/payload.ts';
import { MailSink, WebhookReceiver } from '../../src/listening/alerts/test-support.ts';
import { FeedServer, rss } from '../../src/listening/test-support.ts';
import { type Server, startStemme, tempDir } from '../process.ts';
import { artifactsDir, ensureWebBuilt, launchChromium, onboardInBrowser } from './browser.ts';

const MINUTE = 60_000;

describe('browser: storms and alerts', () => {
  let server: Server | undefined;
  let browser: Browser | undefined;
  const feeds = new FeedServer();
  const mail = new MailSink();
  const hooks = new WebhookReceiver();

  beforeAll(async () => {
    ensureWebBuilt();
    fs.mkdirSync(artifactsDir, { recursive: true });
    await Promise.all([feeds.start(), mail.start(), hooks.start()]);
    const angry = [
      'Henrik Dahl er arrogant og helt uakseptabel om nettnøytralitet. For en skandale!',
      'Skammelig av Fjellnett-sjefen Henrik Dahl. Jeg er sint og skuffet.',
      'Henrik Dahl of Fjellnett is clueless and arrogant about net neutrality. Disgraceful.',
      'Terrible remarks by Fjellnett CEO Henrik Dahl, an awful attack on the open internet.',
    ];
    feeds.feeds.set('/storm.xml', {
      body: rss(
        'Sosiale medier',
        'nb-NO',
        Array.from({ length: 14 }, (_, i) => ({
          guid: `storm-${i}`,
          title: `Reaksjon ${i + 1}`,
          text: angry[i % angry.length]!,
          author: `Sint borger ${i}`,
          published: new Date(Date.now() - (14 - i) * MINUTE),
        })),
      ),
    });
    [server, browser] = await Promise.all([
      startStemme({
        STEMME_DATA_DIR: tempDir(),
        STEMME_ALLOW_PRIVATE_NETWORKS: 'true',
        STEMME_SMTP_URL: mail.url,
        STEMME_MAIL_FROM: 'Stemme <varsel@fjellvind.no>',
      }),
      launchChromium(),
    ]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await Promise.all([feeds.stop(), mail.stop(), hooks.stop()]);
  });

  it('webhook with test send, alert rule, then a live storm toast, its alert, timeline and deliveries', async () => {
    const context = await browser!.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const failures: string[] = [];
    page.on('pageerror', (err) => failures.push(err.message));
    await onboardInBrowser(page, server!.url);
    await page.getByTestId('current-org-name').waitFor();
    await page.getByTestId('nav-listen').click();

    // Alerts: nothing yet, and the empty state says what to do.
    await page.getByTestId('listen-tab-alerts').click();
    await page.getByTestId('alert-list').waitFor();
    expect(await page.getByTestId('alert-list').textContent()).toMatch(/No storms so far/);

    // A webhook: the secret is shown once; a test send lands in the delivery log as delivered.
    await page.getByTestId('alert-settings-link').click();
    await page.getByTestId('webhook-name').fill('Kommunikasjonsvakt');
    await page.getByTestId('webhook-url').fill(`${hooks.url}/vakt`);
    await page.getByTestId('webhook-add').click();
    const secretText = (await page.getByTestId('webhook-secret').locator('code').textContent()) ?? '';
    expect(secretText).toMatch(/^whsec_/);
    await page.getByTestId('webhook-test').click();
    await page
      .locator('[data-testid="webhook-delivery-log"] tr[data-status="delivered"]')
      .waitFor({ timeout: 15_000 });
    const testCall = hooks.on('/vakt')[0]!;
    expect(testCall.headers['x-stemme-event']).toBe('webhook.test');
    expect(verify(secretText, testCall.body, testCall.headers['x-stemme-signature'] as string)).toBe(true);
    await page.screenshot({ path: path.join(artifactsDir, 'storm-settings.png'), fullPage: true });

    // A monitor about the CEO, with its alert rule.
    await page.getByTestId('listen-tab-monitors').click();
    await page.getByTestId('monitor-new').click();
    await page.getByTestId('monitor-name').fill('Henrik Dahl');
    await page.getByTestId('monitor-query').fill('"Henrik Dahl"');
    await page.getByTestId('monitor-query-ok').waitFor();
    await page.getByTestId('monitor-save').click();
    await page.getByTestId('monitor-detail').waitFor();
    await page.getByTestId('alert-rule-form').waitFor();
    expect(await page.getByTestId('storm-timeline').count()).toBe(0);
    await page.getByTestId('alert-rule-emails').fill('kommunikasjon@fjellvind.no');
    await page.getByTestId('alert-rule-form').getByLabel('Kommunikasjonsvakt').check();
    await page.getByTestId('alert-rule-save').click();
    await page.getByTestId('alert-rule-form').getByText('Saved.').waitFor();

    // The burst arrives through a feed poll; the toast appears live.
    await page.getByTestId('listen-tab-sources').click();
    await page.getByTestId('feed-url').fill(`${feeds.url}/storm.xml`);
    await page.getByTestId('feed-add').click();
    const feedRow = page.locator('[data-testid^="feed-row-"]');
    await feedRow.waitFor();
    const feedId = ((await feedRow.getAttribute('data-testid')) ?? '').replace('feed-row-', '');
    await page.getByTestId(`feed-poll-${feedId}`).click();
    const toast = page.getByTestId('storm-toast');
    await toast.waitFor({ timeout: 10_000 });
    expect(await toast.textContent()).toContain('Henrik Dahl');
    await page.screenshot({ path: path.join(artifactsDir, 'storm-toast.png'), fullPage: true });

    // The alert: how big, why, top posts, deliveries.
    await page.getByTestId('storm-toast-open').click();
    await page.getByTestId('alert-detail').waitFor();
    const reasons = await page
      .getByTestId('storm-reasons')
      .locator('li')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-reason')));
    expect(reasons).toEqual(expect.arrayContaining(['volume', 'negative']));
    expect(await page.getByTestId('storm-reasons').textContent()).toMatch(/mentions in 30 minutes/);
    expect(await page.getByTestId('storm-top-posts').locator('li').count()).toBeGreaterThan(0);
    // Email and webhook go out on the worker; reload until the detail says so.
    for (let i = 0; i < 40; i++) {
      if ((await page.getByTestId('alert-email-status').getAttribute('data-status')) === 'sent') break;
      await page.waitForTimeout(250);
      await page.reload();
      await page.getByTestId('alert-detail').waitFor();
    }
    expect(await page.getByTestId('alert-email-status').getAttribute('data-status')).toBe('sent');
    await page.screenshot({ path: path.join(artifactsDir, 'storm-alert.png'), fullPage: true });
    expect(mail.messages).toHaveLength(1);
    expect(mail.messages[0]!.subject).toContain('Henrik Dahl');
    const stormCall = hooks.on('/vakt').find((r) => r.headers['x-stemme-event'] === 'storm.opened');
    expect(stormCall).toBeDefined();
    expect(verify(secretText, stormCall!.body, stormCall!.headers['x-stemme-signature'] as string)).toBe(
      true,
    );

    // The monitor page: the episode on the timeline and marked on the chart.
    await page.getByRole('link', { name: 'Open the monitor' }).click();
    await page.getByTestId('storm-timeline').waitFor();
    expect(await page.getByTestId('storm-episode').count()).toBe(1);
    await page.getByTestId('chart-storm').first().waitFor({ state: 'attached' });
    await page.screenshot({ path: path.join(artifactsDir, 'storm-monitor.png'), fullPage: true });

    // The Alerts list holds exactly this one.
    await page.getByTestId('listen-tab-alerts').click();
    await page.getByTestId('alert-item').first().waitFor();
    expect(await page.getByTestId('alert-item').count()).toBe(1);
    expect(failures).toEqual([]);
    await context.close();
  }, 150_000);
});
