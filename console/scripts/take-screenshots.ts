import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { signIn, startSampleConsole } from '../../test/browser/support/sample-console.js';
import { launchChromium } from '../../test/support/chromium.js';
import { SCREENSHOT_STEPS } from './screenshot-steps.js';

/**
 * Phone-size screenshots of every console page, served by the real backend (the demo's stack holding the sample
 * camps, signed in through the fake WeCom login as a user who learns in and runs the camp), into docs/screenshots/.
 * Prints any browser console error (a CSP violation, a failed request) so a page that looks fine but is not gets
 * noticed.
 */
const out = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');
mkdirSync(out, { recursive: true });
const sample = await startSampleConsole();
const chromium = await launchChromium();
const problems: string[] = [];
try {
  const page = await chromium.context.newPage();
  // The journeys send bad files on purpose: the API's 400 and 409 answers are expected, anything else is not.
  const expected = (text: string): boolean => /status of (400|409)/.test(text);
  page.on('console', (message) => message.type() === 'error' && !expected(message.text()) && problems.push(`${page.url()}: ${message.text()}`));
  page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
  await signIn(page, sample, 'u007', '/learner');
  for (const step of SCREENSHOT_STEPS) {
    if (step.path) await open(page, sample.baseUrl + step.path);
    await step.act?.(page);
    await page.waitForTimeout(step.settleMs ?? 400);
    await page.screenshot({ path: join(out, `${step.name}.png`), fullPage: step.fullPage ?? false, animations: 'disabled' });
    console.log(`📸 ${step.name}`);
  }
} finally {
  await chromium.close();
  await sample.close();
}
for (const problem of problems) console.error(`⚠️  ${problem}`);
process.exit(problems.length > 0 ? 1 : 0);

async function open(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'networkidle' });
}
