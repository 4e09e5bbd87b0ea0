import type { CampConfig } from '../src/camp/camp-config.js';
import { parseCampFile } from '../src/camp/parse-camp-file.js';
import { localDateOf } from '../src/camp/time-zone.js';
import { saveCamp } from '../src/db/camp-store.js';
import { transaction, type Db } from '../src/db/db.js';
import { appendEvent } from '../src/db/ledger.js';
import { importRoster } from '../src/db/roster-store.js';

export const CHAT_CAMP_ID = 'chat';
export const BENCH_CHAT_ID = 'wrBenchGroup0001';
export const BENCH_WEBHOOK = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=BENCH-CHAT';
const DAY = 86_400_000;

/** A camp running for five weeks up to a week from `now`, its group chat bound, SPEC's participation rule. */
function chatCampYaml(now: number): string {
  return `
id: ${CHAT_CAMP_ID}
name: 真实流量测试营
timezone: Asia/Shanghai
starts: ${localDateOf(now - 35 * DAY, 'Asia/Shanghai')}
ends: ${localDateOf(now + 7 * DAY, 'Asia/Shanghai')}
lessons: 10
chats: [{ id: ${BENCH_CHAT_ID}, webhook: "${BENCH_WEBHOOK}" }]
trainers: [trainer1]
metrics:
  completion: { weight: 30 }
  exam: { weight: 30 }
  assignment: { weight: 25 }
  participation: { weight: 15, target: 100, minChars: 5, cooldownSeconds: 60, dailyCap: 20 }
awards:
  - { id: all-round, name: 全能优秀学员奖, rank: composite, top: 10% }
  - { id: most-active, name: 最活跃学员奖, rank: participation, top: 20 }
`;
}

/**
 * The real-traffic bench camp: `learners` learners `u0…` in teams of 20, the group chat bound, and assignment `a1`
 * open for `/submit`; no other history.
 */
export async function buildChatCamp(db: Db, learners: number, now: number): Promise<CampConfig> {
  const config = parseCampFile(chatCampYaml(now));
  await saveCamp(db, config, now);
  const roster = Array.from({ length: learners }, (_, i) => ({
    userid: `u${i}`, name: `学员${i}`, department: `部门${i % 37}`, team: `T${Math.floor(i / 20)}`, role: 'learner' as const, joined: null,
  }));
  await transaction(db, async (tx) => {
    await importRoster(tx, CHAT_CAMP_ID, roster);
    await appendEvent(tx, { campId: CHAT_CAMP_ID, type: 'assignment', ref: 'a1', note: '用户访谈', actor: 'trainer1', source: 'command', happenedAt: now - 7 * DAY }, now);
  });
  return config;
}
