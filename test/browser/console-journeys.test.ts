/**
 * The console's main journeys in a real Chromium (Debian's `chromium`, driven by playwright-core), as a phone inside
 * WeCom, against the real backend: signed in through the (fake) WeCom web login, every click going to the real API.
 */
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEvents } from '../../src/db/list-events.js';
import { CHROMIUM_PATH, launchChromium, type Chromium } from '../support/chromium.js';
import { signIn, startSampleConsole, type SampleConsole } from './support/sample-console.js';

const available = existsSync(CHROMIUM_PATH);
if (!available) console.warn(`⚠️  browser journeys skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium fonts-noto-cjk, or set CHROMIUM_PATH)`);

const ROSTER_HEADER = 'userid,name,department,team,role,joined';
const csv = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
const confirm = (page: Page, text: string): Promise<void> => page.locator('.van-dialog').getByRole('button', { name: text }).click();

describe.skipIf(!available)('console journeys in Chromium', () => {
  let sample: SampleConsole;
  let chromium: Chromium;
  let page: Page;
  const problems: string[] = [];
  const api = async (path: string): Promise<any> => (await page.request.get(`${sample.baseUrl}/api/camps/${sample.campId}${path}`)).json();

  beforeAll(async () => {
    sample = await startSampleConsole();
    chromium = await launchChromium();
    page = await chromium.context.newPage();
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => message.type() === 'error' && !/status of (400|409)/.test(message.text()) && problems.push(message.text()));
  });
  afterAll(async () => {
    await chromium?.close();
    await sample?.close();
  });

  it('a learner checks their score and takes a quiz', async () => {
    await signIn(page, sample, 'u012', '/learner');
    const me = await api('/me');
    await expect.poll(() => page.locator('.hero .big').first().textContent()).toBe(me.composite.toFixed(2));
    await expect.poll(() => page.locator('.hero').textContent()).toContain(`${me.rank} / 48`);
    await page.goto(`${sample.baseUrl}/console/${sample.campId}/learner/quizzes/week4-prompt`, { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: '开始测验' }).click();
    await confirm(page, '开始');
    await page.locator('.van-radio').nth(1).click();
    await page.locator('.van-checkbox').nth(0).click();
    await page.locator('.van-checkbox').nth(2).click();
    await expect.poll(async () => (await api('/quizzes/week4-prompt/attempt')).answers).toEqual({ q1: ['B'], q2: ['A', 'C'] });
    await page.getByRole('button', { name: /^交卷/ }).click();
    await confirm(page, '交卷');
    await expect.poll(() => page.locator('body').textContent()).toContain('50.00');
    const exam = (await listEvents(sample.stack.store, { campId: sample.campId, type: 'exam', userid: 'u012' })).at(-1);
    expect(exam).toMatchObject({ ref: 'week4-prompt', num: 50, actor: 'u012', source: 'command' });
    expect((await api('/me')).metrics.exam.raw).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('a trainer grades the queue and previews the awards', async () => {
    await signIn(page, sample, 'zhanglaoshi', '/trainer/queue');
    const [first] = await api('/submissions');
    expect(first.grade).toBeNull();
    await page.locator('.van-cell.van-cell--clickable').first().click();
    await page.locator('.van-stepper input').fill('90');
    await page.locator('textarea').fill('结构清晰，案例扎实');
    await page.getByRole('button', { name: /提交评分/ }).click();
    await expect.poll(async () => (await api(`/submissions/${first.id}`)).grade).toMatchObject({ score: 90, comment: '结构清晰，案例扎实', by: '张老师' });
    await page.goto(`${sample.baseUrl}/console/${sample.campId}/trainer/awards`, { waitUntil: 'networkidle' });
    const preview = await api('/awards/preview');
    const standings = await api('/standings');
    const topName = standings.rows.find((r: { userid: string }) => r.userid === preview.winners[0].userid).name;
    await expect.poll(() => page.locator('body').textContent()).toContain(topName);
    await expect.poll(() => page.locator('.warn').textContent()).toContain(`发布前请留意（${preview.warnings.length}）`);
    expect(problems).toEqual([]);
  });

  it('an admin uploads a roster with an error, fixes it, and publishes', async () => {
    await signIn(page, sample, 'u007', '/admin/roster');
    const bad = `${ROSTER_HEADER}\nu101,宋雨桐,产品部,破晓组,student,2026-05-10\nu102,韩思远,市场部,远航组,learner,2020-01-01\n`;
    await page.locator('input[type=file]').setInputFiles(csv('roster.csv', bad));
    await page.getByRole('button', { name: '预览变化' }).click();
    await expect.poll(() => page.locator('.error-list').textContent()).toContain('第 2 行');
    const good = bad.replace('student', 'learner');
    await page.locator('input[type=file]').setInputFiles(csv('roster.csv', good));
    await page.getByRole('button', { name: '预览变化' }).click();
    await expect.poll(() => page.locator('body').textContent()).toContain('新增 2 人');
    await page.getByRole('button', { name: '应用' }).click();
    await confirm(page, '确认');
    await expect.poll(async () => (await api('/roster')).people.map((p: { userid: string }) => p.userid)).toEqual(expect.arrayContaining(['u101', 'u102']));
    await page.goto(`${sample.baseUrl}/console/${sample.campId}/trainer/awards`, { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: /发布奖项/ }).click();
    await confirm(page, '发布');
    await expect.poll(async () => (await api('/awards')).published).toMatchObject({ publishedBy: expect.any(String), winners: expect.any(Number) });
    await expect.poll(() => page.locator('.van-notice-bar').textContent()).toContain('发布');
    expect(problems).toEqual([]);
  });
});
