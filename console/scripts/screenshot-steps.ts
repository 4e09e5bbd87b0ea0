import type { Page } from 'playwright-core';

export interface ScreenshotStep {
  name: string;
  /** Opened first, relative to the server; absent: continue on the current page. */
  path?: string;
  act?: (page: Page) => Promise<void>;
  settleMs?: number;
  fullPage?: boolean;
}

const CAMP = '/console/ai-2026q4';
const confirm = (page: Page, text: string): Promise<void> => page.locator('.van-dialog').getByRole('button', { name: text }).click();
const csv = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

const ROSTER_HEADER = 'userid,name,department,team,role,joined';
const ROSTER_BAD = `${ROSTER_HEADER}\nu007,冯文,研发部,星火组,learner,2019-03-01\nu101,宋雨桐,产品部,破晓组,student,2026-05-10\n,韩思远,市场部,远航组,learner,2020-01-01\n`;
const ROSTER_GOOD = `${ROSTER_HEADER}\nzhanglaoshi,张老师,培训部,,trainer,\nu007,冯文,产品部,星火组,learner,2019-03-01\nu101,宋雨桐,产品部,破晓组,learner,2026-05-10\nu102,韩思远,市场部,远航组,learner,2020-01-01\n`;
const EVENTS = `type,userid,value,at,ref,actor,note\n${Array.from({ length: 400 }, (_, i) => `project,u0${String(10 + (i % 39)).padStart(2, '0')},1,2026-11-${String(10 + (i % 12))}T10:${String(i % 60).padStart(2, '0')},,zhanglaoshi,里程碑`).join('\n')}\n`;
const EVENTS_BAD = `type,userid,value,at,ref,actor,note\nexam,u010,101,2026-11-20T10:00,final,,\nlesson,nobody,3,2026-11-20T10:00,,,\nexam,u011,88,2026-11-20T10:00,final,,\n`;

/** Every page of the console, in an order that also plays the main journeys (a learner takes a quiz, a trainer grades and publishes, an admin fixes a roster). */
export const SCREENSHOT_STEPS: ScreenshotStep[] = [
  { name: '01-learner-home', path: `${CAMP}/learner`, settleMs: 1200 },
  { name: '02-learner-metrics', act: async (p) => { await p.locator('.van-collapse-item').nth(2).click(); await p.locator('.van-collapse-item').nth(2).scrollIntoViewIfNeeded(); } },
  { name: '03-learner-submissions', path: `${CAMP}/learner/submissions` },
  { name: '04-peer-review', path: `${CAMP}/learner/reviews`, act: async (p) => { await p.locator('.card').first().click(); await p.locator('.van-rate__item').nth(3).click(); } },
  { name: '05-quiz-list', path: `${CAMP}/learner/quizzes` },
  { name: '06-quiz-intro', path: `${CAMP}/learner/quizzes/week4-prompt` },
  {
    name: '07-quiz-running',
    act: async (p) => {
      await p.getByRole('button', { name: '开始测验' }).click();
      await confirm(p, '开始');
      await p.locator('.van-radio').nth(1).click();
      await p.locator('.van-checkbox').nth(0).click();
      await p.locator('.van-checkbox').nth(2).click();
    },
    settleMs: 800,
  },
  { name: '08-quiz-result', act: async (p) => { await p.getByRole('button', { name: /^交卷/ }).click(); await confirm(p, '交卷'); }, settleMs: 800 },
  { name: '09-trainer-home', path: `${CAMP}/trainer` },
  { name: '10-standings', path: `${CAMP}/trainer/standings` },
  { name: '11-grade-queue', path: `${CAMP}/trainer/queue` },
  { name: '12-grade-sheet', act: async (p) => { await p.locator('.van-cell.van-cell--clickable').first().click(); }, settleMs: 700 },
  { name: '13-sessions', path: `${CAMP}/trainer/sessions`, act: async (p) => { await p.locator('input').first().fill('第8课 智能体入门'); await p.getByRole('button', { name: '开课并开放签到' }).click(); } },
  { name: '14-evidence-log', path: `${CAMP}/trainer/events` },
  { name: '15-undo', act: async (p) => { await p.getByRole('button', { name: '撤销' }).first().click(); await p.locator('textarea').fill('重复录入'); } },
  { name: '16-weights', path: `${CAMP}/trainer/weights`, act: async (p) => { await p.locator('.van-stepper__plus').nth(2).click(); } },
  { name: '17-awards-preview', path: `${CAMP}/trainer/awards` },
  { name: '18-publish-confirm', act: async (p) => { await p.getByRole('button', { name: /发布奖项/ }).click(); } },
  { name: '19-published', act: async (p) => { await confirm(p, '发布'); }, settleMs: 1200 },
  { name: '20-stats', path: `${CAMP}/trainer/stats`, settleMs: 1500 },
  { name: '21-stats-charts', act: async (p) => { await p.mouse.wheel(0, 700); }, settleMs: 800 },
  { name: '22-quiz-admin', path: `${CAMP}/trainer/quizzes` },
  { name: '23-quiz-stats', path: `${CAMP}/trainer/quizzes/ai-basics`, settleMs: 1200 },
  { name: '24-admin-home', path: `${CAMP}/admin` },
  { name: '25-camps', path: `${CAMP}/admin/camps` },
  {
    name: '26-camp-file-errors',
    path: `${CAMP}/admin/camp-file`,
    act: async (p) => {
      const editor = p.locator('textarea');
      await editor.fill((await editor.inputValue()).replace('exam: { weight: 30 }', 'exam: { weight: 35 }').replace('top: 5%, tieBreak', 'top: 0%, tieBreak'));
      await p.getByRole('button', { name: '检查' }).click();
      await p.locator('.error-list').scrollIntoViewIfNeeded();
    },
    settleMs: 700,
  },
  {
    name: '27-roster-errors',
    path: `${CAMP}/admin/roster`,
    act: async (p) => {
      await p.locator('input[type=file]').setInputFiles(csv('roster.csv', ROSTER_BAD));
      await p.getByRole('button', { name: '预览变化' }).click();
    },
    settleMs: 700,
  },
  {
    name: '28-roster-preview',
    act: async (p) => {
      await p.locator('input[type=file]').setInputFiles(csv('roster.csv', ROSTER_GOOD));
      await p.getByRole('button', { name: '预览变化' }).click();
      await p.locator('.van-collapse-item').nth(1).click();
    },
    settleMs: 700,
  },
  {
    name: '29-import-errors',
    path: `${CAMP}/admin/import`,
    act: async (p) => {
      await p.locator('input[type=file]').setInputFiles(csv('scores.csv', EVENTS_BAD));
      await p.getByRole('button', { name: '开始导入' }).click();
    },
    settleMs: 1200,
  },
  {
    name: '30-import-progress',
    path: `${CAMP}/admin/import`,
    act: async (p) => {
      await p.locator('input[type=file]').setInputFiles(csv('projects.csv', EVENTS));
      await p.getByRole('button', { name: '开始导入' }).click();
    },
    settleMs: 900,
  },
  { name: '31-import-done', settleMs: 2500 },
  { name: '32-exports', path: `${CAMP}/admin/exports` },
  { name: '33-prizes', path: `${CAMP}/admin/prizes` },
  { name: '34-manager-cases', path: `${CAMP}/manager` },
  { name: '35-certificates', path: `${CAMP}/learner/certificates`, settleMs: 1500 },
  { name: '36-camp-switcher', path: `${CAMP}/learner`, act: async (p) => { await p.getByText('切换营').click(); }, settleMs: 700 },
];
