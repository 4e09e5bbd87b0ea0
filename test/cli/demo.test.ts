import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../support/capture-io.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const LEARNERS = 30;

interface StandingsDoc {
  asOf: string;
  rows: { userid: string; rank: number; composite: number }[];
}

/** Runs a CLI command against the demo's database, a SQLite file (the CLI reads DB_FILE when DATABASE_URL is unset). */
async function cli(dbFile: string, args: string[]): Promise<{ code: number; stdout: string }> {
  const previous = { file: process.env.DB_FILE, url: process.env.DATABASE_URL };
  process.env.DB_FILE = dbFile;
  delete process.env.DATABASE_URL;
  try {
    const io = captureIo();
    return { code: await main(args, io), stdout: io.stdout.join('\n') };
  } finally {
    if (previous.file === undefined) delete process.env.DB_FILE;
    else process.env.DB_FILE = previous.file;
    if (previous.url !== undefined) process.env.DATABASE_URL = previous.url;
  }
}

describe('camp-bot demo', () => {
  const root = mkdtempSync(join(tmpdir(), 'camp-bot-demo-'));
  const out = join(root, 'demo-out');
  const io = captureIo();
  let code = -1;

  beforeAll(async () => {
    writeFileSync(join(root, 'keep.txt'), 'not the demo’s');
    code = await main(['demo', '--out', out, '--learners', String(LEARNERS), '--seed', '7'], io);
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('exits 0 and prints the standings, the winners and where the files are', () => {
    expect(io.stderr).toEqual([]);
    expect(code).toBe(0);
    const printed = io.stdout.join('\n');
    expect(printed).toContain(`共 ${LEARNERS} 名学员`);
    expect(printed).toMatch(/获奖名单（[1-9]\d* 人次）/);
    expect(printed).toMatch(/证书验证 \/verify\/\S+（.+）：真实有效/);
    expect(printed).toMatch(/▶ 控制台：http:\/\/127\.0\.0\.1:\d+\/console（模拟的企业微信登录/);
  });

  it('writes one certificate PNG per winner and the admin CSV listing the same winners', () => {
    const csvFile = readdirSync(out).find((f) => f.startsWith('获奖名单-') && f.endsWith('.csv'));
    expect(csvFile).toBeDefined();
    const rows = parse(readFileSync(join(out, csvFile!), 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(0);
    const pngs = readdirSync(join(out, 'certificates'));
    expect(pngs.sort()).toEqual(rows.map((r) => `证书-${r['奖项ID']}-${r.userid}.png`).sort());
    for (const png of pngs) expect(readFileSync(join(out, 'certificates', png)).subarray(0, 8)).toEqual(PNG_SIGNATURE);
    const printed = io.stdout.join('\n');
    expect(printed).toContain(`获奖名单（${rows.length} 人次）`);
    for (const row of rows) expect(printed).toContain(`${row['姓名']}(${row.userid}`);
    expect(existsSync(join(out, 'ai-demo-export.xlsx'))).toBe(true);
  });

  it('writes standings.json equal to `camp-bot standings --json --at` on the demo database, whose ledger verifies', async () => {
    const doc = JSON.parse(readFileSync(join(out, 'standings.json'), 'utf8')) as StandingsDoc;
    expect(doc.rows).toHaveLength(LEARNERS);
    const fromCli = await cli(join(out, 'camp-bot.db'), ['standings', 'ai-demo', '--json', '--at', doc.asOf]);
    expect(fromCli.code).toBe(0);
    expect(JSON.parse(fromCli.stdout)).toEqual(doc);
    expect((await cli(join(out, 'camp-bot.db'), ['audit', 'verify'])).code).toBe(0);
  });

  it('writes a transcript of the group posts, personal messages and the admins’ list', () => {
    const transcript = readFileSync(join(out, 'transcript.md'), 'utf8');
    expect(transcript).toContain('## 对话摘录（被动回复）');
    expect(transcript).toMatch(/#### 群聊 wrDemoChatAiCampOne\S*（markdown）\n\n> ## 📊 .*每日排行/);
    expect(transcript).toContain('获奖名单');
    expect(transcript).toMatch(/- → 刘行政（liuxingzheng）：\[文件\] 获奖名单-ai-demo-1\.csv/);
    expect(transcript).toMatch(/\[图片\] 证书-[\w-]+-u\d{3}\.png/);
  });

  it('refuses to clean a non-empty folder it did not make, and leaves it alone', async () => {
    const refused = captureIo();
    expect(await main(['demo', '--out', root, '--learners', '10'], refused)).toBe(1);
    expect(refused.stderr.join('\n')).toContain('不是演示输出目录');
    expect(readFileSync(join(root, 'keep.txt'), 'utf8')).toBe('not the demo’s');
  });

  it('answers bad flags with usage (exit 2)', async () => {
    expect(await main(['demo', '--learners', '3'], captureIo())).toBe(2);
    expect(await main(['demo', '--bogus'], captureIo())).toBe(2);
  });
});

describe('camp-bot demo --long-connection', () => {
  const root = mkdtempSync(join(tmpdir(), 'camp-bot-demo-ws-'));
  const out = join(root, 'demo-out');
  const io = captureIo();
  let code = -1;

  beforeAll(async () => {
    code = await main(['demo', '--out', out, '--learners', '20', '--seed', '3', '--long-connection'], io);
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('plays the AI bot’s group chat over the long connection, recorded like the callbacks', async () => {
    expect(io.stderr).toEqual([]);
    expect(code).toBe(0);
    const printed = io.stdout.join('\n');
    expect(printed).toMatch(/智能机器人群聊经长连接收发（假 WeCom WebSocket：ws:\/\/127\.0\.0\.1:\d+）/);
    const [, callbacks, socketMessages] = /完成：(\d+) 条签名加密回调 \+ (\d+) 条长连接消息/.exec(printed) ?? [];
    expect(Number(socketMessages)).toBeGreaterThan(0);
    expect(Number(callbacks)).toBeGreaterThan(0);
    const events = await cli(join(out, 'camp-bot.db'), ['events', 'list', 'ai-demo', '--json', '--type', 'participation']);
    const chatters = new Set((JSON.parse(events.stdout) as { userid: string }[]).map((event) => event.userid));
    // The second half of the teams chat with the AI bot, so the last learner's team is on the long connection.
    const learners = (parse(readFileSync(join(out, 'roster.csv'), 'utf8'), { bom: true, columns: true }) as Record<string, string>[])
      .filter((row) => row.role === 'learner');
    const overSocket = learners.filter((row) => row.team === learners.at(-1)!.team);
    expect(overSocket.some((row) => chatters.has(row.userid!))).toBe(true);
    expect((await cli(join(out, 'camp-bot.db'), ['audit', 'verify'])).code).toBe(0);
  });
});
