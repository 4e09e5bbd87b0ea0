import { describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../src/bot/inbound-message.js';
import { parseCampFile } from '../../src/camp/parse-camp-file.js';
import { listOutbox } from '../../src/db/list-outbox.js';
import { deliverLateReply } from '../../src/outbox/deliver-late-reply.js';
import { awardAnnouncement } from '../../src/publication/award-announcement.js';
import { leaderboardMarkdown } from '../../src/schedules/leaderboard-post.js';
import type { PublishedWinner } from '../../src/db/publication-record.js';
import { sampleCampYaml } from '../support/camp-fixture.js';
import { openTestStore } from '../support/test-store.js';
import { standingsOf } from '../scoring/standings-maker.js';

const EVIL_NAME = '[领奖](https://evil.example/n)';
const EVIL_TEAM = 'A</font><font color="warning">';

describe('outbound markdown escapes every interpolated value and keeps its own formatting', () => {
  it('the daily leaderboard', () => {
    const now = standingsOf({ u1: { composite: 90, team: EVIL_TEAM }, u2: { composite: 80 } });
    Object.assign(now.rows[0]!, { name: EVIL_NAME, rank: 1 });
    Object.assign(now.rows[1]!, { name: '**小明**', rank: 2 });
    const before = standingsOf({ u1: { composite: 50 }, u2: { composite: 80 } });
    const post = leaderboardMarkdown('# 营 <@all>', '2026-11-20', now, before);
    expect(post.split('\n').slice(0, 3)).toEqual([
      '## 📊 ＃ 营 ＜@all＞ 每日排行（2026-11-20）',
      '1. ［领奖］(https：//evil.example/n) <font color="comment">A＜/font＞＜font color="warning"＞</font> **90.00**',
      '2. ＊＊小明＊＊ **80.00**',
    ]);
    expect(post).toContain('［领奖］(https：//evil.example/n) <font color="info">+40.00</font>');
    expect(post).not.toMatch(/\]\(|:\/\/|<@|<font color="warning">/);
  });

  it('the award announcement', () => {
    const yaml = sampleCampYaml(Date.now(), 'awards:\n  - { id: all-round, name: "**全能**[奖](http://e/a)", rank: composite, top: 1 }\nprizes: { all-round: "<font color=\\"warning\\">奖杯</font>" }');
    const camp = parseCampFile(yaml);
    const winner = { award: 'all-round', awardName: '', userid: 'u1', name: EVIL_NAME, team: null, rank: 1, value: 90, prize: null, certificate: 'c' } satisfies PublishedWinner;
    const text = awardAnnouncement(camp, { asOf: '', campName: camp.name, winners: [winner], warnings: [], supersedes: null }, null);
    expect(text.split('\n').slice(2, 6)).toEqual([
      '**＊＊全能＊＊［奖］(http：//e/a)**',
      '<font color="comment">规则：综合分前 1 名</font>',
      '<font color="comment">奖品：＜font color="warning"＞奖杯＜/font＞</font>',
      '［领奖］(https：//evil.example/n)（90.00）',
    ]);
  });
});

describe('late replies', () => {
  it('a plain-text answer that missed the passive window reaches the group and the AI bot escaped', async () => {
    const store = await openTestStore();
    try {
      const message: InboundMessage = {
        channel: 'group-robot', msgId: 'g1', from: { userid: 'ming' }, chatId: 'wrC', chatType: 'group', kind: 'text', text: '', createdAt: 1, receivedAt: 1,
        webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K',
      };
      const reply = { text: `没有这个命令「/${EVIL_NAME}」` };
      await deliverLateReply(store, message, reply, 2);
      await deliverLateReply(store, { ...message, channel: 'ai-bot', msgId: 'a1', responseUrl: 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=R' }, reply, 2);
      const shown = (await listOutbox(store)).map((row) => row.payload as { message?: { content: string }; markdown?: string });
      expect(shown.map((p) => p.message?.content ?? p.markdown)).toEqual(Array(2).fill('没有这个命令「/［领奖］(https：//evil.example/n)」'));
    } finally {
      await store.close();
    }
  });
});
