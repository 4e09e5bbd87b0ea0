import { parseCampFile } from '../../src/camp/parse-camp-file.js';
import { saveCamp } from '../../src/db/camp-store.js';
import type { Db } from '../../src/db/db.js';
import { appendEvent } from '../../src/db/ledger.js';
import { importRoster } from '../../src/db/roster-store.js';

export const CAMP_ID = 'c1';
/** 2026-12-04 18:00 in Shanghai. */
export const PUBLISH_AT = Date.parse('2026-12-04T10:00:00Z');
export const CERT_SECRET = 'test-cert-secret';

/** Exam scores: u1 90 and u2 80 in team A, u3 70 and u4 60 in team B. */
export const LEARNERS = [
  { userid: 'u1', name: '张三', team: 'A', exam: 90 },
  { userid: 'u2', name: '李四', team: 'A', exam: 80 },
  { userid: 'u3', name: '王五', team: 'B', exam: 70 },
  { userid: 'u4', name: '赵六', team: 'B', exam: 60 },
];

export function campYaml(webhook: (key: string) => string, schedule = ''): string {
  return `
id: ${CAMP_ID}
name: 测试结业营
timezone: Asia/Shanghai
starts: 2026-11-02
ends: 2026-12-04
lessons: 2
chats:
  - { id: wrChatA, webhook: "${webhook('A')}" }
  - { id: wrChatB, webhook: "${webhook('B')}" }
trainers: [t1, t2]
admins: { users: [admin1], parties: [12] }
metrics:
  completion: { weight: 0 }
  exam: { weight: 100 }
  assignment: { weight: 0 }
  project: { weight: 0 }
  practice: { weight: 0 }
awards:
  - { id: top, name: 考试之星, rank: exam, top: 1 }
  - { id: best-team, name: 最佳团队奖, team: exam, top: 1 }
prizes: { top: 定制奖杯 }
${schedule}`;
}

/** Creates the camp, its roster and one exam score per learner, happened at `at` (default: a day before publishing). */
export async function seedCamp(db: Db, webhook: (key: string) => string, schedule = '', at = PUBLISH_AT - 86_400_000): Promise<void> {
  await saveCamp(db, parseCampFile(campYaml(webhook, schedule)), at);
  await importRoster(db, CAMP_ID, LEARNERS.map((l) => ({ userid: l.userid, name: l.name, team: l.team, department: null, role: 'learner' as const, joined: null })));
  for (const l of LEARNERS) {
    await appendEvent(db, {
      campId: CAMP_ID, type: 'exam', userid: l.userid, num: l.exam, ref: 'final', actor: 't1', source: 'command',
      happenedAt: at,
    }, at);
  }
}
