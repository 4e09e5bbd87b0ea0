import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LineOutput } from '../report/line-output.js';
import { loadCampStandings, requireCamp } from '../db/camp-standings.js';
import { rosterOf } from '../db/roster-store.js';
import type { PublishedWinner } from '../db/publication-record.js';
import { outboxCounts } from '../db/outbox-store.js';
import { currentPublication } from '../db/publication-store.js';
import { ValidationError } from '../errors.js';
import { writeDemoFiles, type DemoFiles } from './demo-output.js';
import { printStandings, printWinners } from './demo-report.js';
import type { DemoStack } from './demo-stack.js';
import { DEMO_CAMP_ID } from './sample-camp.js';
import type { PlayResult } from './script-player.js';
import { transcriptMarkdown, type DayMark } from './transcript.js';

export interface DemoSummary {
  callbacks: number;
  winners: PublishedWinner[];
  files: DemoFiles;
  transcript: string;
  /** Answers that should have recorded something and did not (a healthy run has none). */
  unexpected: string[];
  /** Outbox messages WeCom never accepted. */
  undelivered: number;
  seconds: number;
}

export interface FinishInput {
  io: LineOutput;
  outDir: string;
  played: PlayResult;
  marks: DayMark[];
  started: number;
}

/** After the last day: waits for the outbox, prints the standings and winners, writes the files, checks a certificate. */
export async function finishDemo(stack: DemoStack, input: FinishInput): Promise<DemoSummary> {
  const { io, played } = input;
  const { store } = stack;
  await stack.outboxIdle();
  const outbox = await outboxCounts(store);
  const publication = await currentPublication(store, DEMO_CAMP_ID);
  if (!publication) throw new ValidationError(`演示结束时奖项没有发布：${played.jobs.filter((j) => j.job === 'publish').map((j) => j.result).join('; ')}`);
  const camp = await requireCamp(store, DEMO_CAMP_ID);
  const standings = await loadCampStandings(store, DEMO_CAMP_ID, publication.asOf);
  const uploads = await stack.proxy.uploads();
  const files = await writeDemoFiles(input.outDir, store, DEMO_CAMP_ID, standings, uploads);
  const transcript = join(input.outDir, 'transcript.md');
  writeFileSync(transcript, transcriptMarkdown({
    title: `camp-bot 演示记录：${camp.name}（${camp.starts} ～ ${camp.ends}）`,
    summary: transcriptSummary(stack, played, files),
    calls: stack.fake.calls,
    marks: input.marks,
    exchanges: played.exchanges,
    names: new Map((await rosterOf(store, DEMO_CAMP_ID)).map((p) => [p.userid, p.name])),
    media: new Map(uploads.filter((u) => u.mediaId).map((u) => [u.mediaId!, u.filename])),
    timezone: camp.timezone,
  }));
  io.out('');
  printStandings(io, camp, standings);
  io.out('');
  printWinners(io, camp, publication.result.winners);
  io.out('');
  await printVerification(io, stack.baseUrl, publication.result.winners[0]);
  const seconds = (Date.now() - input.started) / 1000;
  printFiles(io, input.outDir, files, transcript, { sent: outbox.sent, failed: outbox.failed, seconds, played });
  if (played.unexpected.length > 0) io.err(`⚠ ${played.unexpected.length} 条命令的回复不是预期的记录确认，例如：${played.unexpected.slice(0, 3).join(' | ')}`);
  return { callbacks: played.sent, winners: publication.result.winners, files, transcript, unexpected: played.unexpected, undelivered: outbox.failed, seconds };
}

function transcriptSummary(stack: DemoStack, played: PlayResult, files: DemoFiles): string[] {
  const delivered = (api: 'webhook/send' | 'message/send'): number => stack.fake.delivered(api).length;
  return [
    `${messagesPlayed(played)}（应用 1:1、群机器人、智能机器人），每天 20:00 排行榜，最后一天 10:00 预览、18:00 发布`,
    `机器人发出：群消息 ${delivered('webhook/send')} 条，私信 ${delivered('message/send')} 条，证书 ${files.certificates.length} 张`,
    '时间为训练营当地时间；演示把五周压缩在一次运行里重放（消息按其 CreateTime 记账）。',
  ];
}

async function printVerification(io: LineOutput, baseUrl: string, winner: PublishedWinner | undefined): Promise<void> {
  if (!winner) return;
  const url = `${baseUrl}/verify/${winner.certificate}`;
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  const check = (await response.json()) as { genuine?: boolean };
  io.out(`🔎 证书验证 /verify/${winner.certificate}（${winner.name}）：${response.status === 200 && check.genuine ? '真实有效' : `未通过（HTTP ${response.status}）`}`);
}

interface RunStats {
  /** Outbox messages sent and failed. */
  sent: number;
  failed: number;
  seconds: number;
  played: PlayResult;
}

function printFiles(io: LineOutput, outDir: string, files: DemoFiles, transcript: string, stats: RunStats): void {
  io.out(`📁 输出目录 ${outDir}`);
  io.out(`   证书 PNG ${files.certificates.length} 张：${join(outDir, 'certificates')}/`);
  for (const file of files.adminFiles) io.out(`   ${file.endsWith('.csv') ? '行政获奖名单' : '其他附件'}：${file}`);
  io.out(`   导出表格：${files.xlsx}`);
  io.out(`   排名 JSON：${files.standings}`);
  io.out(`   消息记录：${transcript}`);
  io.out(`   营地文件与名单：${join(outDir, 'camp.yaml')}、${join(outDir, 'roster.csv')}；数据库：${join(outDir, 'camp-bot.db')}`);
  const failed = stats.failed > 0 ? `，${stats.failed} 条发送失败` : '';
  io.out(`✅ 完成：${messagesPlayed(stats.played)}，${stats.sent} 条消息经 WeCom 发出${failed}，用时 ${stats.seconds.toFixed(1)} 秒`);
}

/** `N 条签名加密回调`, with how many of them came over the long connection instead. */
function messagesPlayed(played: PlayResult): string {
  if (played.overLongConnection === 0) return `${played.sent} 条签名加密回调`;
  return `${played.sent - played.overLongConnection} 条签名加密回调 + ${played.overLongConnection} 条长连接消息`;
}
