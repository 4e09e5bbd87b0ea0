import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's `chromium` package (apt-get install -y chromium); playwright cannot download browsers here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A phone the size of an iPhone 12–15 inside WeCom (its User-Agent carries `wxwork`). */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wxwork/4.1.20 MicroMessenger/7.0.1 Language/zh',
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
} as const;

export interface Chromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Starts a headless Chromium with a fresh profile (removed on close) and no background network, as a phone by default.
 * @example const { context, close } = await launchChromium(); const page = await context.newPage(); …; await close();
 */
export async function launchChromium(device: Parameters<typeof chromium.launchPersistentContext>[1] = PHONE): Promise<Chromium> {
  const profile = mkdtempSync(join(tmpdir(), 'camp-bot-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    ...device,
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
