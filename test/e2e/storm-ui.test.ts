// Storms in real Chromium against a real `stemme start` (private networks allowed, SMTP to a real local
// smtp-server): an admin adds a webhook (the secret shows once), renames it (the secret stays: a test send still
// verifies with it), makes a new secret (shown once; the next test send verifies with it and not the old one),
// writes a monitor about the CEO and sets its alert rule with the storm's course it wants by email and webhook
// (kept after a reload); then a feed with a burst of angry posts is
// polled, the pipeline opens a storm, and the live toast appears over SSE without a reload. The alert shows its
// reasons and top posts, the monitor page its storm episode on the timeline and the chart, the email arrives
// once and the webhook gets the signed alert. A sixth open Stemme tab is refused a live stream and says so.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verify } from '../../src/listening/alerts/payload.ts';
import { MailSink, WebhookReceiver } from '../../src/listening/alerts/test-support.ts';
import { FeedServer, rss } from '../../src/listening/test-support.ts';
import { type Server, startStemme, tempDir } from '../process.ts';
import { artifactsDir, ensureWebBuilt, launchChromium, onboardedPage } from './browser.ts';

const MINUTE = 60_000;

async function until(what: string, check: () => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('browser: storms and alerts', () => {
  let server: Server | undefined;
  let browser: Browser | undefined;
  const feeds = new FeedServer();
  const mail = new MailSink();
  const hooks = new WebhookReceiver();
  const burst: { guid: string; title: string; text: string; author: string; published: Date }[] = [];

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
    burst.push(
      ...Array.from({ length: 14 }, (_, i) => ({
        guid: `storm-${i}`,
        title: `Reaksjon ${i + 1}`,
        text: angry[i % angry.length]!,
        author: `Sint borger ${i}`,
        published: new Date(Date.now() - (14 - i) * MINUTE),
      })),
    );
    feeds.feeds.set('/storm.xml', {
      body: rss('Sosiale medier', 'nb-NO', burst),
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
    const { context, page, failures } = await onboardedPage(browser!, server!.url, 'en-GB');
    await page.getByTestId('nav-listen').click();

    // Alerts: nothing yet, and the empty state says what to do.
    await page.getByTestId('listen-tab-alerts').click();
    await page.getByTestId('alert-list').waitFor();
    expect(await page.getByTestId('alert-list').textContent()).toMatch(/No storms so far/);

    // A webhook: the secret is shown once; a test send lands in the delivery log as delivered.
    await page.getByTestId('alert-settings-link').click();
    page.on('dialog', (d) => void d.accept());
    await page.getByTestId('webhook-name').fill('Vakt');
    await page.getByTestId('webhook-url').fill(`${hooks.url}/vakt`);
    await page.getByTestId('webhook-add').click();
    const firstSecret = (await page.getByTestId('webhook-secret').locator('code').textContent()) ?? '';
    expect(firstSecret).toMatch(/^whsec_/);
    // Renamed: the secret stays.
    await page.getByTestId('webhook-edit').click();
    await page.getByTestId('webhook-edit-name').fill('Kommunikasjonsvakt');
    await page.screenshot({ path: path.join(artifactsDir, 'storm-webhook-edit.png'), fullPage: true });
    await page.getByTestId('webhook-edit-save').click();
    await page.getByTestId('webhook-row').getByText('its signing secret is unchanged').waitFor();
    await page.getByTestId('webhook-row').locator('strong', { hasText: 'Kommunikasjonsvakt' }).waitFor();
    await page.getByTestId('webhook-test').click();
    await page
      .locator('[data-testid="webhook-delivery-log"] tr[data-status="delivered"]')
      .waitFor({ timeout: 15_000 });
    const testCall = hooks.on('/vakt')[0]!;
    expect(testCall.headers['x-stemme-event']).toBe('webhook.test');
    expect(verify(firstSecret, testCall.body, testCall.headers['x-stemme-signature'] as string)).toBe(true);
    // A new secret, shown once; from now on deliveries are signed with it.
    await page.getByTestId('webhook-rotate').click();
    const secretText = (await page.getByTestId('webhook-rotated-secret').locator('code').textContent()) ?? '';
    expect(secretText).toMatch(/^whsec_/);
    expect(secretText).not.toBe(firstSecret);
    await page.getByTestId('webhook-test').click();
    await page
      .locator('[data-testid="webhook-delivery-log"] tr[data-status="delivered"]')
      .nth(1)
      .waitFor({ timeout: 15_000 });
    const secondCall = hooks.on('/vakt')[1]!;
    expect(verify(secretText, secondCall.body, secondCall.headers['x-stemme-signature'] as string)).toBe(
      true,
    );
    expect(verify(firstSecret, secondCall.body, secondCall.headers['x-stemme-signature'] as string)).toBe(
      false,
    );
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
    const emailOn = page.getByTestId('alert-rule-email-on');
    const webhookOn = page.getByTestId('alert-rule-webhook-on');
    expect(await emailOn.locator('input[data-event="opened"]').isChecked()).toBe(true);
    await emailOn.locator('input[data-event="escalated"]').check();
    await emailOn.locator('input[data-event="closed"]').check();
    await webhookOn.locator('input[data-event="closed"]').check();
    await page.getByTestId('alert-rule-save').click();
    await page.getByTestId('alert-rule-form').getByText('Saved.').waitFor();
    await page.screenshot({ path: path.join(artifactsDir, 'storm-rule.png'), fullPage: true });
    await page.reload();
    await page.getByTestId('alert-rule-form').waitFor();
    const checked = async (box: typeof emailOn) =>
      box.locator('input:checked').evaluateAll((els) => els.map((e) => e.getAttribute('data-event')));
    expect(await checked(emailOn)).toEqual(['opened', 'escalated', 'closed']);
    expect(await checked(webhookOn)).toEqual(['opened', 'closed']);

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

    // The storm doubles (14 → 28 in 30 minutes): one follow-up email, listed on the alert.
    const alertUrl = page.url();
    feeds.feeds.set('/storm.xml', {
      body: rss('Sosiale medier', 'nb-NO', [
        ...burst,
        ...burst.map((b, i) => ({
          ...b,
          guid: `more-${i}`,
          title: `Ny reaksjon ${i + 1}`,
          author: `Ny borger ${i}`,
          published: new Date(Date.now() - (14 - i) * 5_000),
        })),
      ]),
    });
    await page.getByTestId('listen-tab-sources').click();
    await page.getByTestId(`feed-poll-${feedId}`).click();
    await until('the escalation email', () => mail.messages.length >= 2);
    expect(mail.messages[1]!.subject).toMatch(/Henrik Dahl \(28 /);
    expect(mail.messages[1]!.text).toMatch(/\b28\b[^\n]*\b14\b/);
    await page.goto(alertUrl);
    await page.locator('[data-testid="alert-notice"][data-kind="escalated"]').waitFor();
    for (let i = 0; i < 40; i++) {
      if ((await page.getByTestId('alert-notice').getAttribute('data-status')) === 'sent') break;
      await page.waitForTimeout(250);
      await page.reload();
      await page.getByTestId('alert-detail').waitFor();
    }
    expect(await page.getByTestId('alert-notice').getAttribute('data-status')).toBe('sent');
    expect(await page.getByTestId('alert-notice').textContent()).toMatch(
      /Grew markedly: 28 mentions in 30 minutes \(from 14\)/,
    );
    expect(await page.getByTestId('alert-escalations').textContent()).toContain('Doubled 1×');
    await page.screenshot({ path: path.join(artifactsDir, 'storm-escalated.png'), fullPage: true });

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

    // Five streams per person: with this tab and four more open, a sixth tab is refused and says so.
    const more = [];
    for (let i = 0; i < 5; i++) {
      const p = await context.newPage();
      await p.goto(`${server!.url}/listen/alerts`);
      await p.getByTestId('alert-list').waitFor();
      more.push(p);
    }
    await more[4]!.getByTestId('alert-live-off').waitFor({ timeout: 10_000 });
    for (const p of more.slice(0, 4)) expect(await p.getByTestId('alert-live-off').count()).toBe(0);
    await more[4]!.screenshot({ path: path.join(artifactsDir, 'storm-live-off.png'), fullPage: true });
    expect(failures).toEqual([]);
    await context.close();
  }, 150_000);
});
