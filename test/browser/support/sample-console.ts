/**
 * The real backend for browser tests and screenshots: the demo's stack (`startCampBot` as `serve` composes it, with
 * the built console, a fake WeCom API and its login pages) holding the console mock's sample camps.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startDemoStack, type DemoStack } from '../../../src/demo/demo-stack.js';
import { seedSampleCamps } from './seed-sample-camps.js';

export interface SampleConsole {
  stack: DemoStack;
  baseUrl: string;
  /** The AI camp (48 learners, three weeks in). */
  campId: string;
  close(): Promise<void>;
}

export async function startSampleConsole(): Promise<SampleConsole> {
  const dir = mkdtempSync(join(tmpdir(), 'camp-bot-browser-'));
  const stack = await startDemoStack(dir, { timezone: 'Asia/Shanghai', longConnection: false });
  const [campId] = await seedSampleCamps(stack.store);
  return {
    stack,
    baseUrl: stack.baseUrl,
    campId: campId!,
    async close() {
      await stack.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Signs `userid` in the way WeCom's in-app browser does (the page's User-Agent carries `wxwork`): `/console` sends it to
 * the fake 网页授权, which returns a code for this member, and the callback sets the session (whoever was signed in
 * before is signed out first). Then opens `path`.
 */
export async function signIn(page: Page, sample: SampleConsole, userid: string, path: string): Promise<void> {
  await page.context().clearCookies();
  sample.stack.fake.signInAs(userid);
  await page.goto(`${sample.baseUrl}/console`);
  await page.waitForURL(/\/console\/[^/]+\/\w+/);
  await page.goto(`${sample.baseUrl}/console/${sample.campId}${path}`, { waitUntil: 'networkidle' });
}
