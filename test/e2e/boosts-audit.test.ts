// In real Chromium, in Norwegian (bokmål), against a real `stemme start` following Bluesky through a local
// stand-in for Jetstream (src/listening/sources/bluesky/jetstream-contract-server.ts, which also answers as the
// PLC directory): a repost shows in the mentions as the reposter's repost of the original author's post, next to
// the original. (Mastodon boosts become the same kind of mention; Mastodon's public and hashtag timelines, which
// Stemme reads, carry no boosts, so they are tested on their documented payloads in boosts.test.ts.) Then the
// audit log names the alert rule's and the webhook's changes in Norwegian words, with no raw field names, and
// their targets by name.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JetstreamContractServer } from '../../src/listening/sources/bluesky/jetstream-contract-server.ts';
import { artifactsDir, callFromPage, onboardedPage, stemmeInBrowser } from './browser.ts';

const HANS = 'did:plc:hans000000000000000000000';
const KARI = 'did:plc:kari000000000000000000000';

describe('browser: Bluesky reposts, and the audit log of alerts, in bokmål', () => {
  const jetstream = new JetstreamContractServer();
  const env: Record<string, string> = { STEMME_ALLOW_PRIVATE_NETWORKS: 'true' };
  // Runs before Stemme starts (hooks run in order): Stemme follows this stream.
  beforeAll(async () => {
    await jetstream.start();
    jetstream.account(HANS, 'hans.example');
    jetstream.account(KARI, 'kari.example');
    env.STEMME_BLUESKY_JETSTREAM_URL = jetstream.url;
    env.STEMME_BLUESKY_PLC_URL = jetstream.plcUrl;
  });
  afterAll(() => jetstream.stop());
  const stemme = stemmeInBrowser(env);

  it('marks a repost as a repost of the original author, and translates the alert audit entries', async () => {
    const { server, browser } = stemme();
    const { context, page, failures } = await onboardedPage(browser, server.url, 'nb-NO');

    const monitor = await callFromPage<{ id: string }>(page, 'POST', '/api/monitors', {
      name: 'Nettnøytralitet',
      query: 'nettnøytralitet',
    });
    expect(monitor.status).toBe(201);
    // The stream is live once Stemme's worker is connected; posts before that are not replayed without a cursor.
    await expect.poll(() => jetstream.clientCount, { timeout: 20_000 }).toBeGreaterThan(0);
    jetstream.post(HANS, '3kn1', 'Nettnøytralitet er ikke valgfritt, sier Hans.');
    // Once the original is stored, Kari reposts it.
    await expect
      .poll(
        async () =>
          (await callFromPage<{ mentions: unknown[] }>(page, 'GET', '/api/mentions')).body.mentions.length,
        {
          timeout: 20_000,
        },
      )
      .toBe(1);
    jetstream.repost(KARI, '3kr1', {
      uri: `at://${HANS}/app.bsky.feed.post/3kn1`,
      cid: 'bafyrei3kn1',
    });

    await page.getByTestId('nav-listen').click();
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByTestId('listen-mentions').waitFor();
          return page.locator('li.mention').count();
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe(2);
    const reposts = page.getByTestId('mention-repost');
    expect(await reposts.count()).toBe(1);
    expect(await reposts.textContent()).toBe('↻ delte innlegget til hans.example');
    const repost = page.locator('li.mention', { has: reposts });
    expect(await repost.getByTestId('author-link').first().textContent()).toBe('kari.example');
    expect(await repost.locator('.mention__text').textContent()).toContain(
      'Nettnøytralitet er ikke valgfritt',
    );
    await page.screenshot({ path: path.join(artifactsDir, 'listen-mentions-repost-nb.png'), fullPage: true });

    // Alert rule and webhook changes, then the audit log.
    const hook = await callFromPage<{ id: string }>(page, 'POST', '/api/alert-webhooks', {
      name: 'Vakt',
      url: 'http://127.0.0.1:9/vakt',
    });
    expect(hook.status).toBe(201);
    const rule = await callFromPage(page, 'PUT', `/api/monitors/${monitor.body.id}/alert-rule`, {
      sensitivity: 'high',
      emailRecipients: ['astrid@fjellvind.no'],
      webhookIds: [hook.body.id],
      emailOn: ['opened', 'escalated'],
      webhookOn: ['opened', 'updated', 'closed'],
    });
    expect(rule.status).toBe(200);
    const edit = await callFromPage(page, 'PATCH', `/api/alert-webhooks/${hook.body.id}`, {
      name: 'Kommunikasjonsvakt',
      active: false,
    });
    expect(edit.status).toBe(200);
    expect(
      (await callFromPage(page, 'POST', `/api/alert-webhooks/${hook.body.id}/rotate-secret`, {})).status,
    ).toBe(200);
    // A channel, a draft and a feed, so the screenshot shows their lines too.
    const channel = await callFromPage<{ id: string }>(page, 'POST', '/api/channels', {
      network: 'sandbox',
      handle: 'fjellvind',
      name: 'Fjellvind',
    });
    expect(channel.status).toBe(201);
    const draft = await callFromPage(page, 'POST', '/api/posts', {
      channelIds: [channel.body.id],
      text: 'Vi er til stede på Arendalsuka hele uken – kom innom standen vår og si hei',
      intent: 'draft',
    });
    expect(draft.status).toBe(201);
    const feed = await callFromPage<{ id: string }>(page, 'POST', '/api/feeds', {
      url: 'http://127.0.0.1:9/nyheter/rss.xml',
    });
    expect(feed.status).toBe(201);
    await page.goto(`${server.url}/settings`);
    const table = page.getByTestId('audit-table');
    await table.waitFor();
    const text = (await table.textContent()) ?? '';
    expect(text).toContain(
      'Følsomhet: høy · 1 e-postmottaker · 1 webhook · E-post ved: start, kraftig vekst · Webhookene får: start, oppdateringer, slutt',
    );
    expect(text).toContain('Ny signeringsnøkkel for webhook');
    expect(text).not.toMatch(/emailOn|webhookOn|sensitivity|renamedFrom|active:/);
    // The Target column names the webhook and the monitor the rule is for, not a shortened id.
    const cells = async (hasText: string) =>
      table.locator('tbody tr', { hasText }).first().locator('td').allTextContents();
    expect((await cells('omdøpt fra «Vakt»')).slice(3, 5)).toEqual([
      'Kommunikasjonsvakt',
      'omdøpt fra «Vakt» · satt på pause',
    ]);
    expect((await cells('Følsomhet: høy'))[3]).toBe('Nettnøytralitet');
    expect((await cells('Overvåking opprettet'))[3]).toBe('Nettnøytralitet');
    expect(await cells('Kanal koblet til')).toContain('Fjellvind');
    expect((await cells('Innlegg opprettet')).slice(3, 5)).toEqual([
      '«Vi er til stede på Arendalsuka hele uken – kom innom…»',
      'lagret som utkast · på 1 kanal',
    ]);
    expect((await cells('Feed lagt til'))[3]).toBe('127.0.0.1:9/nyheter/rss.xml');
    expect(text).not.toMatch(/[0-9a-f]{8}…/);
    // Where an action came from is shown under who did it, and the table fits its card at 1280 px (no sideways
    // scroll to reach a column).
    const created = table.locator('tbody tr', { hasText: 'Organisasjon opprettet' }).first();
    expect(await created.getByTestId('audit-ip').textContent()).toMatch(
      /^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/,
    );
    expect(
      await table.evaluate((t) => (t.parentElement?.scrollWidth ?? 0) <= (t.parentElement?.clientWidth ?? 0)),
    ).toBe(true);
    await table.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifactsDir, 'settings-audit-alerts-nb.png'), fullPage: true });

    expect(failures).toEqual([]);
    await context.close();
  }, 120_000);
});
