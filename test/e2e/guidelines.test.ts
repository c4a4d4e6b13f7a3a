// Guidelines in real Chromium against a real `stemme start`: the admin starts from the template and publishes
// version 1, a second member sees the banner and acknowledges, the admin sees who has, adds a banned-phrase rule
// tied to a section, and "try a text" shows the hit highlighted with the guideline text it comes from.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { artifactsDir, E2E_PASSWORD, onboardInBrowser, stemmeInBrowser } from './browser.ts';

describe('browser: guidelines', () => {
  const stemme = stemmeInBrowser();

  it('template → v1 → a member acknowledges → admin sees it → a rule → try a text', async () => {
    const { server, browser } = stemme();
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    const failures: string[] = [];
    page.on('pageerror', (err) => failures.push(err.message));

    await onboardInBrowser(page, server.url);
    await page.getByTestId('nav-guidelines').click();

    // No guidelines yet: the empty state offers the template.
    await page.getByTestId('guidelines-start-template').click();
    await page.getByTestId('proposal-view').waitFor();
    expect(await page.getByTestId('proposal-section-title-0').inputValue()).toBe('What we want to achieve');
    const toneIndex = await page
      .locator('[data-testid^="proposal-section-title-"]')
      .evaluateAll((inputs) => inputs.findIndex((i) => (i as HTMLInputElement).value === 'Tone'));
    expect(toneIndex).toBeGreaterThan(0);
    const tone = page.getByTestId(`proposal-section-body-${toneIndex}`);
    await tone.fill(`${await tone.inputValue()}\nWe never promise "free money".`);
    await page.getByTestId('proposal-summary').fill('Our first guidelines, from the template.');
    await page.getByTestId('proposal-save').click();
    await expect.poll(() => page.getByTestId('proposal-save').isDisabled()).toBe(true);
    await expect.poll(() => page.getByTestId('proposal-diff').textContent()).toContain('free money');
    // A comment about one section, before publishing.
    await page.getByTestId('proposal-comment-body').fill('Should we say how fast we answer?');
    await page.getByTestId('proposal-comment-section').selectOption({ label: 'Tone' });
    await page.getByTestId('proposal-comment-submit').click();
    await expect
      .poll(() => page.getByTestId('proposal-comments').textContent())
      .toContain('Should we say how fast we answer?');
    expect(await page.getByTestId('proposal-comments').textContent()).toContain('Tone');
    await page.getByTestId('proposal-publish').click();
    await page.getByTestId('proposal-published').waitFor();

    // The current version reads as the published text; the admin who published has acknowledged it.
    await page.getByTestId('guidelines-tab-current').click();
    await expect.poll(() => page.getByTestId('guidelines-current').getAttribute('data-version')).toBe('1');
    await page.getByTestId('guidelines-acknowledged').waitFor();
    expect(await page.getByTestId('guidelines-banner').count()).toBe(0);

    // Invite a second member, who joins in their own browser.
    await page.getByTestId('nav-team').click();
    await page.getByTestId('invite-email').fill('ola@fjellvind.no');
    await page.getByTestId('invite-role').selectOption('viewer');
    await page.getByTestId('invite-submit').click();
    const inviteUrl =
      (await page
        .getByTestId('invite-url')
        .inputValue()
        .catch(() => page.getByTestId('invite-url').textContent())) ?? '';
    const guest = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 860 } });
    const member = await guest.newPage();
    member.on('pageerror', (err) => failures.push(err.message));
    await member.goto(inviteUrl);
    await member.getByTestId('invite-accept-name').fill('Ola Nordmann');
    await member.getByTestId('invite-accept-email').fill('ola@fjellvind.no');
    await member.getByTestId('invite-accept-password').fill(E2E_PASSWORD);
    await member.getByTestId('invite-accept-password-confirm').fill(E2E_PASSWORD);
    await member.getByTestId('invite-accept-submit').click();

    // The banner asks them to read version 1; they read it and acknowledge; the banner is gone.
    const banner = member.getByTestId('guidelines-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Version 1');
    await member.screenshot({ path: path.join(artifactsDir, 'guidelines-banner.png') });
    await member.getByTestId('guidelines-banner-read').click();
    await member.getByTestId('guidelines-current').waitFor();
    expect(await member.getByTestId('section-tone').textContent()).toContain('free money');
    await member.getByTestId('guidelines-acknowledge').click();
    await member.getByTestId('guidelines-acknowledged').waitFor();
    await member.getByTestId('nav-strategy').click();
    await member.getByTestId('nav-guidelines').waitFor();
    await expect.poll(() => member.getByTestId('guidelines-banner').count()).toBe(0);
    // A viewer neither writes rules nor sees the acknowledgement list.
    await member.getByTestId('nav-guidelines').click();
    expect(await member.getByTestId('guidelines-tab-acknowledgements').count()).toBe(0);
    await guest.close();

    // The admin sees who has acknowledged.
    await page.getByTestId('nav-guidelines').click();
    await page.getByTestId('guidelines-tab-acknowledgements').click();
    const ola = page.getByTestId('ack-ola@fjellvind.no');
    await expect.poll(() => ola.getAttribute('data-acknowledged')).toBe('yes');
    expect(await page.getByTestId('ack-astrid@fjellvind.no').getAttribute('data-acknowledged')).toBe('yes');

    // The admin adds a banned-phrase rule tied to the Tone section.
    await page.getByTestId('guidelines-tab-rules').click();
    await page.getByTestId('rule-add').click();
    await page.getByTestId('rule-kind').selectOption('banned_phrase');
    await page.getByTestId('rule-severity').selectOption('block');
    await page.getByTestId('rule-section-select').selectOption({ label: 'Tone' });
    await page.getByTestId('rule-phrases').fill('free money');
    await page.getByTestId('rule-save').click();
    const rule = page.locator('[data-testid^="rule-"][data-kind="banned_phrase"]');
    await rule.waitFor();
    expect(await rule.getByTestId('rule-section').textContent()).toBe('Tone');

    // "Try a text" shows the hit, highlighted, with the guideline text it comes from.
    await page.getByTestId('guidelines-tab-try').click();
    await page.getByTestId('try-text').fill('Sign up today and get FREE   money!');
    await page.getByTestId('try-submit').click();
    await page.getByTestId('try-hits').waitFor();
    expect(await page.getByTestId('try-mark').allTextContents()).toEqual(['FREE   money']);
    const hit = page.getByTestId('try-hit');
    expect(await hit.count()).toBe(1);
    expect(await hit.textContent()).toContain('Must fix');
    const source = await hit.getByTestId('try-hit-source').textContent();
    expect(source).toContain('“Tone” (version 1)');
    expect(source).toContain("We don't shout");
    await page.screenshot({ path: path.join(artifactsDir, 'guidelines-try.png'), fullPage: true });

    // A clean text says so.
    await page.getByTestId('try-text').fill('Sign up today.');
    await page.getByTestId('try-submit').click();
    await page.getByTestId('try-clean').waitFor();

    // The same in Norsk bokmål: tabs, severities and explanations follow the language.
    await page.getByTestId('language-select').selectOption('nb');
    await expect.poll(() => page.getByTestId('guidelines-tab-try').textContent()).toBe('Prøv en tekst');
    await page.getByTestId('try-text').fill('Få FREE money nå');
    await page.getByTestId('try-submit').click();
    await expect.poll(() => page.getByTestId('try-hit').textContent()).toContain('Må rettes');
    expect(await page.getByTestId('try-hit').textContent()).toContain(
      'er et uttrykk retningslinjene ber oss',
    );
    await page.getByTestId('guidelines-tab-proposals').click();
    await page.getByTestId('proposal-list').waitFor();
    await page.getByTestId('proposal-list').locator('button').first().click();
    await page.getByTestId('proposal-diff').waitFor();
    await page.screenshot({ path: path.join(artifactsDir, 'guidelines-proposal-nb.png'), fullPage: true });

    expect(failures).toEqual([]);
    await context.close();
  }, 180_000);
});
