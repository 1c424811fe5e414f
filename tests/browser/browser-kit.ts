// What the browser tests share: a headless Chromium from @sparticuz/chromium (an npm package
// that ships a Linux x64 build, since browser downloads from elsewhere are blocked here), full-page
// screenshots under test-artifacts/screenshots/, and waiting with a deadline.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Browser, type Page } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '..', '..');
export const SCREENSHOTS = join(ROOT, 'test-artifacts', 'screenshots');

export async function launchChromium(): Promise<Browser> {
  const executablePath = await chromium.executablePath();
  return playwright.launch({ executablePath, args: chromium.args, headless: true });
}

/** A full-page screenshot of what the page shows now; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Polls `probe` until it returns a value, running `between` (a reload, a tick) after each miss;
 * fails naming what it waited for, with the last thing the probe saw.
 */
export async function waitUntil<T>(what: string, probe: () => Promise<T | undefined>, options: { timeoutMs?: number; between?: () => Promise<void>; describe?: () => Promise<string> } = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}${options.describe ? `; last seen: ${await options.describe()}` : ''}`);
    await new Promise((r) => setTimeout(r, 500));
    await options.between?.();
  }
}

/**
 * Retries an assertion about the page until it holds (a page that has just navigated or is
 * still settling), then lets its last failure through. playwright-core has no `expect` of its
 * own (that is @playwright/test's), so the assertions are vitest's, on values read from the page.
 */
export async function eventually(assertion: () => Promise<void>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
