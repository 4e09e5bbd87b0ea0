import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../src/bot/inbound-message.js';
import type { CommandContext } from '../../src/commands/command-spec.js';
import { commands } from '../../src/commands/registry.js';
import { statsCommand } from '../../src/commands/stats.js';
import { requireCamp } from '../../src/db/camp-standings.js';
import type { Store } from '../../src/db/db.js';
import { listOutbox } from '../../src/db/list-outbox.js';
import { buildStatsReport } from '../../src/insight/build-stats-report.js';
import { loadInsight } from '../../src/insight/load-insight.js';
import { statsChartPng } from '../../src/insight/stats-chart.js';
import { pngSize } from '../render/png-support.js';
import { openTestStore } from '../support/test-store.js';
import { DB_NOW, seedCamp } from './insight-db-fixture.js';

let store: Store;
beforeEach(async () => {
  store = await openTestStore();
  await seedCamp(store);
});
afterEach(() => store.close());

async function context(): Promise<CommandContext> {
  const message: InboundMessage = {
    channel: 'app', msgId: 'm-1', from: { userid: 'teacher' }, chatId: null, chatType: 'single', kind: 'text',
    text: '/统计', createdAt: DB_NOW, receivedAt: DB_NOW,
  };
  return {
    db: store, settings: { certSecret: null, publicBaseUrl: 'http://localhost:3000' }, message, now: DB_NOW, at: DB_NOW,
    user: { userid: 'teacher', name: '周老师', roles: ['trainer'] }, commands, campId: 't1', camp: await requireCamp(store, 't1'),
    record: () => Promise.reject(new Error('/stats records nothing')),
    standings: () => Promise.reject(new Error('not used')),
  };
}

describe('/stats', () => {
  it('is registered for trainers with its Chinese alias', () => {
    expect(commands).toContain(statsCommand);
    expect(statsCommand.aliases).toEqual(['统计']);
    expect(statsCommand.roles).toEqual(['trainer']);
  });

  it('answers a Chinese summary and queues the department chart to the trainer', async () => {
    const ctx = await context();
    const reply = await statsCommand.run(ctx, []);
    const text = typeof reply === 'string' ? reply : reply.text;
    expect(text).toContain('测试结业营 统计（截至 2026-11-11 00:00）');
    expect(text).toContain('学员 4 人，平均综合分 56.25');
    expect(text).toContain('市场 2 人，平均 39.50，获奖 2 人');
    expect(text).toContain('新员工（入职一年内） 2 人');
    expect(text).toContain('A（2 人）：完课 70.00，考试 85.00，项目 65.00');
    expect(text).toContain('【预计无缘奖项】无');
    expect(text).toContain('【预计结业】平均综合分 79.50（当前 56.25'); // (94+91+94+39)/4
    const rows = await listOutbox(store);
    expect(rows).toHaveLength(1);
    const payload = rows[0]!.payload as { touser: string[]; message: { msgtype: string; media: { base64: string } } };
    expect(rows[0]!.kind).toBe('app');
    expect(payload.touser).toEqual(['teacher']);
    expect(payload.message.msgtype).toBe('image');
    expect(pngSize(Buffer.from(payload.message.media.base64, 'base64'))).toEqual({ width: 1200, height: 700 });
    await statsCommand.run(ctx, []); // WeCom's retry of the same message queues nothing new
    expect(await listOutbox(store)).toHaveLength(1);
  });

  it('renders the chart as a non-empty 1200×700 PNG', async () => {
    const report = buildStatsReport(await loadInsight(store, 't1', DB_NOW));
    const png = statsChartPng(report.stats, '测试结业营');
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.length).toBeGreaterThan(10_000);
    expect(pngSize(png)).toEqual({ width: 1200, height: 700 });
    writeFileSync(join(tmpdir(), 'camp-bot-stats-chart.png'), png); // for a human look
  });
});
