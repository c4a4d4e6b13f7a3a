// A drill in real Chromium against a real `stemme start`: "a customer complaint that escalates". The audience
// post appears, the trainee replies (the guideline hit shows before sending), deletes the reply, replies again,
// the drill's time is skipped ahead with the test clock (the server runs under NODE_ENV=test, inherited from
// vitest; the skip route does not exist in production) and the next posts appear by polling; Finish shows the
// debrief with the response time, the deleted reply and its guideline hit.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { artifactsDir, E2E_PASSWORD, onboardInBrowser, stemmeInBrowser } from './browser.ts';

/** A JSON call from inside the signed-in page, with its CSRF cookie as the header. */
async function apiCall(
  page: Page,
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  return page.evaluate(
    async ([m, u, b]) => {
      const csrf = document.cookie.match(/(?:^|; )stemme_csrf=([^;]+)/)?.[1] ?? '';
      const res = await fetch(u as string, {
        method: m as string,
        headers: { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(csrf) },
        body: b === undefined ? undefined : JSON.stringify(b),
      });
      return { status: res.status, json: await res.json().catch(() => null) };
    },
    [method, url, body] as const,
  );
}

describe('browser: training drills', () => {
  const stemme = stemmeInBrowser();

  it('plays "a customer complaint that escalates": reply, delete, reply again, finish, debrief', async () => {
    const { server, browser } = stemme();
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    const failures: string[] = [];
    page.on('pageerror', (err) => failures.push(err.message));

    await onboardInBrowser(page, server.url);
    await page.getByTestId('health-section').waitFor();

    // An out-of-bounds topic in the strategy: naming a competitor is a guideline hit.
    const plans = (await apiCall(page, 'GET', '/api/strategy/plans')).json as { plans: { id: string }[] };
    const topic = await apiCall(page, 'POST', `/api/strategy/plans/${plans.plans[0]!.id}/topics`, {
      stance: 'out',
      name: 'Competitors',
      examples: ['Telenor'],
    });
    expect(topic.status).toBe(201);

    // The drill list, with length and description.
    await page.getByTestId('nav-training').click();
    const card = page.getByTestId('training-drill-customer-complaint');
    await card.waitFor();
    expect(await card.textContent()).toContain('A customer complaint that escalates');
    expect(await page.getByTestId('training-runs').count()).toBe(0);
    await page.getByTestId('training-start-customer-complaint').click();

    // The first audience post is there at once.
    await page.getByTestId('training-run').waitFor();
    const marte = page.locator('[data-testid="training-post"][data-author="marte_k"]').first();
    await marte.waitFor();
    expect(await marte.textContent()).toContain('Day three without internet');
    const runId = page.url().split('/training/runs/')[1]!;

    // A first, wrong reply: the hit shows while typing, before it is sent.
    await marte.getByTestId('training-reply-toggle').click();
    await marte.getByTestId('training-reply-text').fill('Calm down, Telenor had the same problem last week.');
    await marte.getByTestId('training-check-hit').waitFor();
    expect(await marte.getByTestId('training-check-hit').textContent()).toContain('Telenor');
    await marte.getByTestId('training-reply-send').click();
    const own = page.getByTestId('training-own-reply');
    await own.waitFor();
    expect(await own.getByTestId('training-response-time').textContent()).toMatch(/answered in \d+\.\d s/);

    // Delete it: it stays in the run, marked deleted.
    await own.getByTestId('training-reply-delete').click();
    await page.getByTestId('training-deleted-reply').waitFor();
    expect(await page.getByTestId('training-own-reply').count()).toBe(0);

    // Reply again, properly.
    await marte.getByTestId('training-reply-toggle').click();
    await marte
      .getByTestId('training-reply-text')
      .fill(
        'We are so sorry, Marte. There is a cable fault; it will be fixed tomorrow at 12:00. Send us your customer number in a direct message and we will add compensation.',
      );
    await marte.getByTestId('training-check-ok').waitFor();
    await marte.getByTestId('training-reply-send').click();
    await page.getByTestId('training-own-reply').waitFor();

    // Skip drill time with the test clock: the next posts appear through the page's polling.
    expect((await apiCall(page, 'POST', `/api/training/runs/${runId}/skip`, { seconds: 50 })).status).toBe(
      200,
    );
    await page.locator('[data-testid="training-post"][data-author="jonas_h"]').waitFor();
    await page.screenshot({ path: path.join(artifactsDir, 'training-run.png'), fullPage: true });

    // Finish: the debrief.
    await page.getByTestId('training-finish').click();
    const debrief = page.getByTestId('training-debrief');
    await debrief.waitFor();
    const responses = await debrief.getByTestId('training-debrief-response').allTextContents();
    expect(responses.some((r) => /response time \d+\.\d s/.test(r))).toBe(true);
    expect(responses.some((r) => r.includes('deleted at'))).toBe(true);
    expect(await debrief.getByTestId('training-debrief-deleted').textContent()).toContain(
      'Calm down, Telenor',
    );
    expect(await debrief.getByTestId('training-debrief-hit').textContent()).toContain('Telenor');
    expect(await debrief.getByTestId('training-reason-deleted').count()).toBe(1);
    expect(await debrief.getByTestId('training-reason-unanswered').count()).toBeGreaterThan(0);
    const score = Number(await debrief.getByTestId('training-score').locator('.score__value').textContent());
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThan(100);
    expect(await page.getByTestId('training-finish').count()).toBe(0);
    await page.screenshot({ path: path.join(artifactsDir, 'training-debrief.png'), fullPage: true });

    // The run is listed with its score.
    await page.getByTestId('nav-training').click();
    await page.getByTestId('training-runs').waitFor();
    expect(await page.getByTestId('training-runs').textContent()).toContain(`score ${score}`);
    expect(failures).toEqual([]);
    await context.close();
  });

  it('free practice in Norwegian: the audience answers the trainee’s own post in its language', async () => {
    const { server, browser } = stemme();
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    const failures: string[] = [];
    page.on('pageerror', (err) => failures.push(err.message));
    await page.goto(server.url);
    await page.getByTestId('login-email').fill('astrid@fjellvind.no');
    await page.getByTestId('login-password').fill(E2E_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-training').click();
    await page.getByTestId('language-select').selectOption('nb');
    await page.getByRole('heading', { name: 'Fri trening' }).waitFor();

    await page
      .getByTestId('training-practice-text')
      .fill('I dag lanserer vi et nytt fiberabonnement for hytteeiere, og vi gleder oss!');
    await page.getByTestId('training-practice-start').click();
    await page.getByTestId('training-run').waitFor();
    expect(await page.getByTestId('training-own-reply').first().textContent()).toContain('fiberabonnement');
    const runId = page.url().split('/training/runs/')[1]!;
    expect((await apiCall(page, 'POST', `/api/training/runs/${runId}/skip`, { seconds: 16 })).status).toBe(
      200,
    );
    const customer = page.locator('[data-testid="training-post"][data-author="kunde_per"]');
    await customer.waitFor();
    expect(await customer.textContent()).toContain('Kjapt spørsmål: hva betyr fiberabonnement');
    expect(
      await page.locator('[data-testid="training-post"][data-author="siri_fan"]').textContent(),
    ).toContain('Fan');

    await customer.getByTestId('training-reply-toggle').click();
    await customer
      .getByTestId('training-reply-text')
      .fill('Takk for spørsmålet! Ingenting endres for deg. Ta kontakt på melding om du lurer på noe.');
    await customer.getByTestId('training-reply-send').click();
    await customer.getByTestId('training-own-reply').waitFor();
    await page.getByTestId('training-finish').click();
    await page.getByTestId('training-debrief').waitFor();
    expect(await page.getByTestId('training-debrief').textContent()).toContain('Gjennomgang');
    expect(await page.getByTestId('training-reason-expected_met').count()).toBe(2);
    expect(failures).toEqual([]);
    await context.close();
  });

  it('an admin imports a drill file (a broken one is refused with file and field named) and deletes it', async () => {
    const { server, browser } = stemme();
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByTestId('login-email').fill('astrid@fjellvind.no');
    await page.getByTestId('login-password').fill(E2E_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-training').click();
    await page.getByTestId('language-select').selectOption('en');
    const original = (await apiCall(page, 'GET', '/api/training/drills/ambassador-praise')).json as Record<
      string,
      unknown
    >;
    const upload = (name: string, drill: unknown) =>
      page.getByTestId('training-import-file').setInputFiles({
        name,
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(drill)),
      });

    await upload('our-drill.json', { ...original, slug: 'our-drill', audience: [] });
    const result = page.getByTestId('training-import-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('our-drill.json: audience: needs at least one member');

    const title = { ...(original.title as object), en: 'Our own launch drill' };
    await upload('our-drill.json', { ...original, slug: 'our-drill', title });
    await page.getByTestId('training-drill-our-drill').waitFor();
    expect(await result.textContent()).toContain('Drill "our-drill" added.');
    expect(await page.getByTestId('training-drill-our-drill').textContent()).toContain(
      'Our own launch drill',
    );
    expect(await page.getByTestId('training-delete-ambassador-praise').count()).toBe(0);
    await page.getByTestId('training-delete-our-drill').click();
    await page.getByTestId('confirm-submit').click();
    await expect.poll(() => page.getByTestId('training-drill-our-drill').count()).toBe(0);
    await context.close();
  });
});
