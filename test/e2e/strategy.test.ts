// The strategy workspace in real Chromium against a real `stemme start`: sign up, fill Dutta's matrix (place a
// channel by click, then drag it), run the health check, follow a finding's fix link, fix it, see it gone.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { artifactsDir, onboardInBrowser, stemmeInBrowser } from './browser.ts';

describe('browser: the strategy workspace', () => {
  const stemme = stemmeInBrowser();

  it('fills the matrix, runs the health check, fixes a finding and sees it gone', async () => {
    const { server, browser } = stemme();
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    const failures: string[] = [];
    page.on('pageerror', (err) => failures.push(err.message));

    // Sign up through onboarding; Stemme opens on the strategy's health check.
    await onboardInBrowser(page, server.url);
    await page.getByTestId('health-section').waitFor();
    expect(await page.getByTestId('findings-critical').getByTestId('finding-purpose').count()).toBe(1);
    // The check reads live data: a new organisation has no guidelines yet, and the fix leads to writing them.
    const guidelines = page.getByTestId('fix-guidelines-published');
    expect(await guidelines.getAttribute('href')).toBe('/guidelines?tab=proposals');
    expect(await page.getByTestId('findings-unavailable').count()).toBe(0);

    // Add a channel; it waits in the tray until it is placed on the matrix by a click.
    await page.getByTestId('strategy-tab-channels').click();
    await page.getByTestId('channel-new-handle').fill('@fjellvind.no');
    await page.getByTestId('channel-new-submit').click();
    const chip = page.locator('[data-testid^="tray-channel-"]');
    await chip.waitFor();
    const channelId = ((await chip.getAttribute('data-testid')) ?? '').replace('tray-channel-', '');
    await chip.click();
    await page.getByTestId('matrix-quadrant-professional_public').click({ position: { x: 160, y: 90 } });
    const dot = page.getByTestId(`matrix-channel-${channelId}`);
    await expect.poll(() => dot.getAttribute('data-quadrant')).toBe('professional_public');
    expect(await page.getByTestId('matrix-tray').count()).toBe(0);

    // Drag it to personal & private; the new place is saved.
    const target = await page.getByTestId('matrix-quadrant-personal_private').boundingBox();
    const from = await dot.locator('circle').boundingBox();
    if (!target || !from) throw new Error('matrix not laid out');
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(target.x + target.width * 0.4, target.y + target.height * 0.5, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => dot.getAttribute('data-quadrant')).toBe('personal_private');
    await page.reload();
    await expect
      .poll(() => page.getByTestId(`matrix-channel-${channelId}`).getAttribute('data-quadrant'))
      .toBe('personal_private');
    await page.screenshot({ path: path.join(artifactsDir, 'strategy-matrix.png'), fullPage: true });

    // Run the health check: the channel without a content plan or reason is named, and so is the missing purpose.
    await page.getByTestId('strategy-tab-health').click();
    await page.getByTestId('health-run').click();
    await page.getByTestId(`finding-channel-content:${channelId}`).waitFor();
    const before = Number(await page.getByTestId('health-score').getAttribute('data-score'));

    // Follow the purpose finding's fix link: it lands on the field, which takes the fix.
    await page.getByTestId('fix-purpose').click();
    await expect
      .poll(() => new URL(page.url()).pathname + new URL(page.url()).hash)
      .toBe('/strategy/goals#purpose');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('purpose-input');
    await page
      .getByTestId('purpose-input')
      .fill('Answer customers where they are, and learn from what they say.');
    await page.getByTestId('purpose-save').click();
    await expect.poll(() => page.getByTestId('purpose-save').isDisabled()).toBe(true);

    // Back on the health check the finding is gone, and the score went up.
    await page.getByTestId('strategy-tab-health').click();
    await page.getByTestId('health-run').click();
    await page.getByTestId(`finding-channel-content:${channelId}`).waitFor();
    await expect.poll(() => page.getByTestId('finding-purpose').count()).toBe(0);
    expect(Number(await page.getByTestId('health-score').getAttribute('data-score'))).toBeGreaterThan(before);
    await page.screenshot({ path: path.join(artifactsDir, 'strategy-health.png'), fullPage: true });

    // The plan exports as a document, headings in the reader's language.
    const md = await page.evaluate(async () => {
      const link = document.querySelector<HTMLAnchorElement>('[data-testid="export-md"]');
      const res = await fetch(link?.href.replace('locale=en', 'locale=da') ?? '');
      return { status: res.status, text: await res.text() };
    });
    expect(md.status).toBe(200);
    expect(md.text).toContain('# Strategi for sociale medier: Fjellvind AS');
    expect(md.text).toContain('Answer customers where they are');

    // Name the leader: no monitor covers their name, and the fix opens a new monitor with the query filled in.
    await page.getByTestId('strategy-tab-team').click();
    const leaderSelect = page.getByTestId('leader-select');
    const leaderName = (await leaderSelect.locator('option').nth(1).textContent()) ?? '';
    await leaderSelect.selectOption({ index: 1 });
    await page.getByTestId('leader-save').click();
    await expect.poll(() => page.getByTestId('leader-save').isDisabled()).toBe(true);
    await page.getByTestId('strategy-tab-health').click();
    await page.getByTestId('health-run').click();
    await page.getByTestId('findings-critical').getByTestId('finding-monitors:leader').waitFor();
    await page.getByTestId('fix-monitors:leader').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/listen/monitors/new');
    expect(await page.getByTestId('monitor-query').inputValue()).toBe(`"${leaderName}"`);
    expect(await page.getByTestId('monitor-name').inputValue()).toBe(leaderName);
    await page.getByTestId('monitor-query-ok').waitFor();
    await page.getByTestId('monitor-save').click();
    await expect.poll(() => new URL(page.url()).pathname).not.toBe('/listen/monitors/new');
    await page.goto(`${server.url}/strategy/health`);
    await page.getByTestId('health-run').click();
    await page.getByTestId(`finding-channel-content:${channelId}`).waitFor();
    await expect.poll(() => page.getByTestId('finding-monitors:leader').count()).toBe(0);

    // And the workspace speaks Norwegian when asked.
    await page.getByTestId('language-select').selectOption('nb');
    await expect.poll(() => page.getByTestId('strategy-tab-health').textContent()).toContain('Helsesjekk');
    await expect.poll(() => page.getByTestId('health-section').textContent()).toContain('Ingen mål ennå');
    expect(failures).toEqual([]);
    await context.close();
  });
});
