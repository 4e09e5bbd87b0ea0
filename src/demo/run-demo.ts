import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseCampFile } from '../camp/parse-camp-file.js';
import { describeCampChanges } from '../report/camp-changes-text.js';
import type { LineOutput } from '../report/line-output.js';
import { saveCamp } from '../db/camp-store.js';
import { importRoster } from '../db/roster-store.js';
import { ValidationError } from '../errors.js';
import { parseRoster } from '../import/parse-roster.js';
import { readTableFile } from '../import/read-table-file.js';
import { campScript, countMessages } from './camp-script.js';
import { keepConsoleOpen, prepareConsoleTour } from './console-tour.js';
import { demoCalendar } from './demo-calendar.js';
import { finishDemo, type DemoSummary } from './demo-finish.js';
import { startDemoStack, type DemoStack } from './demo-stack.js';
import { progressBar } from './progress-bar.js';
import { DEMO_CAMP_ID, demoChats, rosterCsv, sampleCampYaml } from './sample-camp.js';
import { samplePeople } from './sample-people.js';
import { playScript, type PlayResult } from './script-player.js';
import { createScriptTools, type ScriptTools } from './script-tools.js';
import { seededRandom } from './seeded-random.js';
import type { DayMark } from './transcript.js';

export type { DemoSummary };

export interface DemoOptions {
  outDir: string;
  learners: number;
  seed: number;
  concurrency: number;
  io: LineOutput;
  timezone?: string;
  /** The AI bot's group chat over the long connection instead of JSON callbacks. */
  longConnection?: boolean;
}

const MARKER = '.camp-bot-demo';
const WEEKDAYS = ['', '周一', '周二', '周三', '周四', '周五'];

/**
 * `camp-bot demo`: a fresh camp of `learners` learners played for five compressed weeks through the real server and
 * signed, encrypted callbacks against a loopback fake WeCom; prints the standings and winners and writes
 * certificates, the admin files, `standings.json` and `transcript.md` to `outDir`.
 */
export async function runDemo(options: DemoOptions): Promise<DemoSummary> {
  const started = Date.now();
  const { io } = options;
  const outDir = resolve(options.outDir);
  prepareOutDir(outDir);
  const stack = await startDemoStack(outDir, { timezone: options.timezone ?? 'Asia/Shanghai', longConnection: options.longConnection ?? false });
  try {
    io.out(`▶ camp-bot 已在 ${stack.baseUrl} 启动（假 WeCom API：${stack.proxy.baseUrl}，数据库：${stack.config.dbFile}）`);
    if (stack.longConnection) io.out(`▶ 智能机器人群聊经长连接收发（假 WeCom WebSocket：${stack.longConnection.url}）`);
    io.out(`▶ 控制台：${stack.baseUrl}/console（模拟的企业微信登录，可选老师、行政、学员等身份；边播放边看）`);
    const tools = await applySampleCamp(stack, options, outDir);
    const marks: DayMark[] = [];
    const played = await playCamp(stack, options, tools, marks);
    const summary = await finishDemo(stack, { io, outDir, played, marks, started });
    await keepConsoleOpen(io, `${stack.baseUrl}/console`);
    return summary;
  } catch (error) {
    for (const line of stack.log.slice(-10)) io.err(`  server: ${line}`);
    throw error;
  } finally {
    await stack.close();
  }
}

/** Plays the script with a progress bar; after each day waits for the outbox and marks the transcript. */
async function playCamp(stack: DemoStack, options: DemoOptions, tools: ScriptTools, marks: DayMark[]): Promise<PlayResult> {
  const { io } = options;
  const days = campScript(tools);
  const total = countMessages(days);
  io.out(`▶ 重放五周训练营：${days.length} 个教学日，${total} 条签名加密回调（应用 1:1 + 群机器人 + 智能机器人，并发 ${options.concurrency}）`);
  const bar = progressBar(io, total);
  const played = await playScript(days, {
    baseUrl: stack.baseUrl, appKeys: stack.appKeys, botKeys: stack.botKeys, campId: DEMO_CAMP_ID,
    scheduleDeps: { db: stack.store, certSecret: stack.config.certSecret, publicBaseUrl: stack.baseUrl, instanceId: 'demo' },
    concurrency: options.concurrency,
    longConnection: stack.longConnection?.send,
    onMessage: () => bar.tick(),
    onDayEnd: async ({ day }) => {
      await stack.outboxIdle();
      const label = `第${day.week}周 ${WEEKDAYS[day.weekday]} ${day.date}`;
      marks.push({ label, endCall: stack.fake.calls.length });
      if (io.isTty) bar.label(`已播放至 ${label}`);
      else if (day.weekday === 5) bar.label(`第${day.week}周完成`);
    },
  });
  bar.done();
  return played;
}

/** Deletes a previous demo's output (only a folder the demo made, marked as such) and makes a fresh one. */
function prepareOutDir(outDir: string): void {
  if (existsSync(outDir) && readdirSync(outDir).length > 0) {
    if (!existsSync(join(outDir, MARKER))) throw new ValidationError(`${outDir} 不是空目录，也不是演示输出目录；未删除任何内容，请换一个 --out`);
    rmSync(outDir, { recursive: true, force: true });
  }
  mkdirSync(join(outDir, 'certificates'), { recursive: true });
  writeFileSync(join(outDir, MARKER), 'camp-bot demo output; `camp-bot demo` deletes and rewrites this folder.\n');
}

/** Writes `camp.yaml` and `roster.csv` into the output folder and applies them the way `camp apply` and `roster import` do. */
async function applySampleCamp(stack: DemoStack, options: DemoOptions, outDir: string): Promise<ScriptTools> {
  const random = seededRandom(options.seed);
  const calendar = demoCalendar(Date.now(), options.timezone ?? 'Asia/Shanghai');
  const people = samplePeople(random, options.learners, calendar.starts);
  const chats = demoChats(people.teams);
  const campFile = join(outDir, 'camp.yaml');
  const rosterFile = join(outDir, 'roster.csv');
  const campYaml = sampleCampYaml(calendar, people, chats, stack.proxy.baseUrl);
  writeFileSync(campFile, campYaml);
  writeFileSync(rosterFile, rosterCsv(people));
  const { store } = stack;
  const config = parseCampFile(campYaml);
  const changes = await saveCamp(store, config, Date.now(), campYaml);
  const roster = await importRoster(store, config.id, parseRoster(await readTableFile(rosterFile)));
  options.io.out(`▶ camp apply ${campFile}：${describeCampChanges(config.id, config.name, changes)[0]}（${calendar.starts} ～ ${calendar.ends}）`);
  options.io.out(`▶ roster import ${rosterFile}：${roster.peopleAdded} 人（${people.learners.length} 名学员分 ${people.teams.length} 组，培训老师 ${people.trainers.length}、部门负责人 ${people.managers.length}、行政 ${people.admins.length}）`);
  await prepareConsoleTour(stack, people, Date.now());
  return createScriptTools(random, calendar, people, chats, stack.proxy.baseUrl);
}
