/** The demo's console: a visitor signs in through the fake WeCom login page, picking one of the people it offers. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseCampFile } from '../../src/camp/parse-camp-file.js';
import { saveCamp } from '../../src/db/camp-store.js';
import { listQuizzes } from '../../src/db/quiz-store.js';
import { importRoster } from '../../src/db/roster-store.js';
import { prepareConsoleTour } from '../../src/demo/console-tour.js';
import { demoCalendar } from '../../src/demo/demo-calendar.js';
import { startDemoStack, type DemoStack } from '../../src/demo/demo-stack.js';
import { demoChats, DEMO_CAMP_ID, sampleCampYaml } from '../../src/demo/sample-camp.js';
import { rosterRows, samplePeople } from '../../src/demo/sample-people.js';
import { seededRandom } from '../../src/demo/seeded-random.js';

const DESKTOP = { 'user-agent': 'Mozilla/5.0 (Macintosh) Chrome/131.0 Safari/537.36' };
let dir: string;
let stack: DemoStack;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'console-tour-'));
  stack = await startDemoStack(dir, { timezone: 'Asia/Shanghai', longConnection: false });
  const calendar = demoCalendar(Date.now(), 'Asia/Shanghai');
  const people = samplePeople(seededRandom(1), 12, calendar.starts);
  await saveCamp(stack.store, parseCampFile(sampleCampYaml(calendar, people, demoChats(people.teams), stack.proxy.baseUrl)), Date.now());
  await importRoster(stack.store, DEMO_CAMP_ID, rosterRows(people));
  await prepareConsoleTour(stack, people, Date.now());
});
afterAll(async () => {
  await stack.close();
  rmSync(dir, { recursive: true, force: true });
});

it('offers the sample camp’s people on the fake login page and signs in the one picked', async () => {
  const start = await fetch(`${stack.baseUrl}/console`, { redirect: 'manual', headers: DESKTOP });
  const state = start.headers.getSetCookie()[0]!.split(';')[0]!;
  const picker = await fetch(start.headers.get('location')!, { redirect: 'manual' });
  const page = await picker.text();
  expect(page).toContain('模拟企业微信登录');
  expect(page).toContain('张老师（zhanglaoshi）');
  const admin = /href="([^"]+fake_userid=liuxingzheng[^"]*)"/.exec(page)![1]!.replaceAll('&#38;', '&');
  const back = await fetch(new URL(admin, stack.fake.baseUrl), { redirect: 'manual' });
  const signedIn = await fetch(back.headers.get('location')!, { redirect: 'manual', headers: { cookie: state } });
  expect([signedIn.status, signedIn.headers.get('location')]).toEqual([302, '/console']);
  const session = signedIn.headers.getSetCookie().find((c) => c.startsWith('campbot_session='))!.split(';')[0]!;
  const me = await (await fetch(`${stack.baseUrl}/api/me`, { headers: { cookie: session } })).json();
  expect(me).toMatchObject({ userid: 'liuxingzheng', name: '刘行政', camps: [{ id: DEMO_CAMP_ID, roles: ['admin'] }] });
  expect((await listQuizzes(stack.store, DEMO_CAMP_ID)).map((q) => q.id)).toEqual(['demo-quiz']);
});
