// Real Chromium (Debian's) through playwright-core, and a built UI to point it at.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { repoRoot, type Server, startStemme, tempDir } from '../process.ts';

export const artifactsDir = path.join(repoRoot, 'test-results');

export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Builds the UI when web/dist is missing or older than its sources (npm ci builds it; a dev checkout may not). */
export function ensureWebBuilt(): void {
  const dist = path.join(repoRoot, 'web', 'dist', 'index.html');
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
      const p = path.join(dir, e.name);
      return Math.max(max, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
    }, 0);
  if (fs.existsSync(dist) && fs.statSync(dist).mtimeMs >= newest(path.join(repoRoot, 'web', 'src'))) return;
  const r = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('building the UI failed');
}

export const E2E_PASSWORD = 'et langt og godt passord';

/**
 * One real `stemme start` on a fresh data dir and one Chromium for a test file; the getter is valid inside
 * tests, after beforeAll has run.
 */
export function stemmeInBrowser(
  env: Record<string, string> = {},
): () => { server: Server; browser: Browser } {
  let server: Server | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    ensureWebBuilt();
    fs.mkdirSync(artifactsDir, { recursive: true });
    [server, browser] = await Promise.all([
      startStemme({ STEMME_DATA_DIR: tempDir(), ...env }),
      launchChromium(),
    ]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return () => {
    if (!server || !browser) throw new Error('Stemme and Chromium are not started yet');
    return { server, browser };
  };
}

/** Fills and submits the first-run onboarding form as Astrid Berg of Fjellvind AS. */
export async function onboardInBrowser(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('onboarding-org-name').fill('Fjellvind AS');
  await page.getByTestId('onboarding-name').fill('Astrid Berg');
  await page.getByTestId('onboarding-email').fill('astrid@fjellvind.no');
  await page.getByTestId('onboarding-password').fill(E2E_PASSWORD);
  await page.getByTestId('onboarding-password-confirm').fill(E2E_PASSWORD);
  await page.getByTestId('onboarding-submit').click();
}

/**
 * A new page in a fresh context (the locale given, 1280×900), its page errors collected, with an organisation
 * onboarded and its name shown: how most browser tests begin.
 */
export async function onboardedPage(
  browser: Browser,
  url: string,
  locale: string,
): Promise<{ context: BrowserContext; page: Page; failures: string[] }> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const failures: string[] = [];
  page.on('pageerror', (err) => failures.push(err.message));
  await onboardInBrowser(page, url);
  await page.getByTestId('current-org-name').waitFor();
  return { context, page, failures };
}

export interface PageReply<T = unknown> {
  status: number;
  body: T;
}

/** A call to the API from inside the page, with its session cookie and the CSRF header the UI sends. */
export async function callFromPage<T = unknown>(
  page: Page,
  method: string,
  url: string,
  body?: unknown,
): Promise<PageReply<T>> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const token = () => /(?:^|;\s*)stemme_csrf=([^;]+)/.exec(document.cookie)?.[1];
      if (!token()) await fetch('/api/setup');
      const res = await fetch(url, {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(method === 'GET' ? {} : { 'x-csrf-token': decodeURIComponent(token() ?? '') }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    { method, url, body },
  ) as Promise<PageReply<T>>;
}
