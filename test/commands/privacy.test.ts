import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listOutbox } from '../../src/db/list-outbox.js';
import { CHAT_ID, ROSTER, startCampFixture, type CampFixture } from '../support/camp-fixture.js';

/** An app text message queued in the outbox. */
interface QueuedText {
  touser: string[];
  content: string;
  key: string;
}

let f: CampFixture;
beforeEach(async () => {
  f = await startCampFixture();
});
afterEach(() => f.close());

const LEARNER_NAMES = ROSTER.filter((row) => row.role === 'learner').map((row) => row.name);

async function queuedTexts(): Promise<QueuedText[]> {
  const rows = (await listOutbox(f.store)).filter((row) => row.kind === 'app');
  return rows.flatMap(({ payload, dedupeKey }) => {
    const parsed = payload as { touser: string[]; message: { msgtype: string; content?: string } };
    return parsed.message.msgtype === 'text' ? [{ touser: parsed.touser, content: parsed.message.content ?? '', key: dedupeKey! }] : [];
  });
}

/** 小明 submits a1, 小红 reviews it 80, the trainer grades it 90. */
async function reviewedSubmission(): Promise<void> {
  await f.group('zhang', '/assign a1 报告');
  const submitted = await f.delta(() => f.app('ming', '/submit a1 https://docs.qq.com/doc/1'));
  const id = submitted.added[0]!.id;
  await f.app('hong', `/互评 #${id} 80 很好`);
  await f.app('zhang', `/grade #${id} 90`);
}

describe('/stats in a group: learners\' names and projections only in private', () => {
  it('tells the group totals and sends the full summary to the trainer', async () => {
    await f.group('zhang', '/score exam ming 90');
    await f.group('zhang', '/score exam hong 40');
    const group = await f.group('zhang', '/统计');
    expect(group).toMatch(/^📊 AI 测试营：学员 5 人，平均综合分 26\.00，预计无缘奖项 \d+ 人\n🔒 完整统计（含学员名单与预测）和图表已私信发给你$/);
    for (const name of LEARNER_NAMES) expect(group).not.toContain(name);
    const [sent] = await queuedTexts();
    expect(sent?.touser).toEqual(['zhang']);
    expect(sent?.content).toContain('【预计无缘奖项（');
    expect(LEARNER_NAMES.some((name) => sent?.content.includes(name))).toBe(true);
  });

  it('answers in place in a 1:1 chat', async () => {
    await f.group('zhang', '/score exam ming 90');
    expect(await f.app('zhang', '/stats')).toContain('【预计结业】平均综合分');
    expect(await queuedTexts()).toEqual([]);
  });
});

describe('/why: one learner\'s details in private, reviewers never named to the author', () => {
  it('a trainer\'s /why @user from a group is sent privately, naming the reviewers', async () => {
    await reviewedSubmission();
    const before = (await f.events()).length;
    for (const reply of [await f.group('zhang', '/明细 @小明'), await f.aiBot('zhang', '/why ming', { chatId: CHAT_ID })]) {
      expect(reply).toBe('🔒 计分明细已私信发给你（个人明细不在群里公开）');
    }
    const sent = await queuedTexts();
    expect(sent.map((text) => text.touser)).toEqual([['zhang'], ['zhang']]);
    expect(sent[0]?.content).toContain('小明 的计分明细');
    expect(sent[0]?.content).toContain('互评「a1」80.00（hong）');
    expect(await f.events()).toHaveLength(before);
  });

  it('the author sees the peer score but not who gave it, in a group or 1:1', async () => {
    await reviewedSubmission();
    for (const reply of [await f.app('ming', '/why'), await f.group('ming', '/明细')]) {
      expect(reply).toContain('互评「a1」80.00 ✗');
      expect(reply).not.toMatch(/hong|小红/);
    }
    expect(await queuedTexts()).toEqual([]);
  });

  it('a trainer in a 1:1 chat sees the reviewers in place', async () => {
    await reviewedSubmission();
    expect(await f.app('zhang', '/why @小明')).toContain('互评「a1」80.00（hong）');
  });
});
