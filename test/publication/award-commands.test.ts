import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listOutbox } from '../../src/db/list-outbox.js';
import { currentPublication } from '../../src/db/publication-store.js';
import { CAMP_ID, sampleCampYaml, startCampFixture, type CampFixture } from '../support/camp-fixture.js';

let f: CampFixture;
let savedSecret: string | undefined;
beforeEach(async () => {
  savedSecret = process.env.CERT_SECRET;
  process.env.CERT_SECRET = 'command-test-secret';
  f = await startCampFixture({ campYaml: sampleCampYaml(Date.now(), 'prizes: { all-round: 定制奖杯 }') });
  // Only the exam is assessed, so composite = exam: 小明 90, 小红 80, 小刚 80, 小丽 60 → all-round (top 10% of 4 → 1) is 小明.
  for (const [who, score] of [['ming', 90], ['hong', 80], ['gang', 80], ['li', 60]] as const) {
    await f.group('zhang', `/score exam ${who} ${score}`);
  }
});
afterEach(async () => {
  await f.close();
  if (savedSecret === undefined) delete process.env.CERT_SECRET;
  else process.env.CERT_SECRET = savedSecret;
});

interface QueuedMessage {
  kind: string;
  payload: { touser?: string[]; message: { msgtype: string; content?: string } };
}
const outbox = async (): Promise<QueuedMessage[]> =>
  (await listOutbox(f.store)).map(({ kind, payload }) => ({ kind, payload: payload as QueuedMessage['payload'] }));
/** The number of the publication in force (publications are numbered from 1 per database), 0 before any. */
const published = async (): Promise<number> => (await currentPublication(f.store, CAMP_ID))?.id ?? 0;

describe('/awards', () => {
  it('previews privately to the trainer who asks in the group', async () => {
    expect(await f.group('zhang', '/奖项 预览')).toBe('📝 评奖预览草稿已私信发给你（群里不公开）');
    const [draft] = await outbox();
    expect(draft).toMatchObject({ kind: 'app', payload: { touser: ['zhang'] } });
    expect(draft!.payload.message.content).toContain('全能优秀学员奖【综合分前 10%】：小明(90.00)');
    expect(await f.app('zhang', '/awards preview')).toContain('全能优秀学员奖【综合分前 10%】：小明(90.00)');
  });

  it('publishes once for trainers, refuses a second time, and supersedes with 强制', async () => {
    expect(await f.app('ming', '/奖项 发布')).toContain('仅限培训老师');
    expect(await published()).toBe(0);
    const reply = await f.app('zhang', '/奖项 发布');
    expect(reply).toContain('🏆 获奖结果已发布 #1：共 1 人次获奖');
    expect(reply).toContain('公告发往 1 个群，证书私信 1 份，奖品名单已发给行政'); // the group's webhook came with /score
    const sent = (await outbox()).map((o) => [o.kind, o.payload.message.msgtype]);
    // the announcement, 小明's certificate and card, the admin list and its CSV
    expect(sent).toEqual([['webhook', 'markdown'], ['app', 'image'], ['app', 'textcard'], ['app', 'text'], ['app', 'file']]);
    expect(await f.app('zhang', '/awards publish')).toContain('如需重新发布请发送 /奖项 发布 强制');
    expect(await published()).toBe(1);
    expect(await f.app('zhang', '/奖项 发布 强制')).toContain('获奖结果已发布 #2（已取代发布 #1）');
  });
});

describe('/prize', () => {
  it('records a hand-over once and lists what is still unclaimed', async () => {
    expect(await f.app('zhao', '/领奖 列表')).toBe('本营还没有发布获奖结果');
    await f.app('zhang', '/奖项 发布');
    expect(await f.app('zhao', '/领奖 列表')).toBe(
      ['🎁 未领取的奖品（1 份）：', '· 小明(ming) 全能优秀学员奖：定制奖杯', '发放后发送 /领奖 @学员 <奖项ID> 登记'].join('\n'),
    );
    expect(await f.app('zhao', '/领奖 @小红 all-round')).toContain('小红 没有获得「全能优秀学员奖」');
    const { result, added } = await f.delta(() => f.app('zhao', '/prize claimed @小明 全能优秀学员奖'));
    expect(added).toMatchObject([{ type: 'prize_claimed', userid: 'ming', ref: 'all-round', actor: 'zhao' }]);
    expect(result).toBe(`✅ 已登记 小明 领取「全能优秀学员奖」奖品，已记录 #${added[0]!.id}`);
    expect(await f.app('zhao', '/领奖 @小明 all-round')).toContain('已登记过领取');
    expect(await f.app('zhao', '/领奖 列表')).toBe('🎉 所有奖品都已登记领取');
    expect(await f.app('ming', '/领奖 列表')).toContain('仅限');
  });
});
