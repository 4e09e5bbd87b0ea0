import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { displayWidth } from '../../src/report/format-table.js';
import { appendEvent } from '../../src/db/ledger.js';
import { listOutbox } from '../../src/db/list-outbox.js';
import { captureIo } from '../support/capture-io.js';
import { sharedTestDb, type SharedTestDb } from '../support/shared-test-db.js';
import { testEngine } from '../support/test-store.js';

const CAMP = `
id: t1
name: 手算营
timezone: Asia/Shanghai
starts: 2026-11-02
ends: 2026-12-04
lessons: 4
trainers: [teacher]
metrics:
  completion: { weight: 20 }
  exam: { weight: 30 }
  assignment: { weight: 25, trainerShare: 0.7, minPeerReviews: 2 }
  project: { weight: 15, target: 20 }
  practice: { weight: 10, target: 3 }
awards:
  - { id: all-round, name: 全能优秀学员奖, rank: composite, top: 50% }
  - { id: best-team, name: 最佳团队协作奖, team: project, top: 1 }
  - { id: user-research, name: 最佳用户研究奖, rank: "assignment:user-research", top: 1 }
`;
const ROSTER = 'userid,name,team\na,甲,X\nb,乙,X\nc,丙,Y\n';
const ON = '2026-11-10T10:00+08:00';
const EVENTS = [
  'type,userid,value,at,ref,actor,note',
  ...[1, 2, 3, 4].map((n) => `lesson,a,${n},${ON},,,`),
  `lesson,b,1,${ON},,,`, `lesson,b,2,${ON},,,`, `lesson,b,2,${ON},,,`,
  `exam,a,90,${ON},final,,`, `exam,b,80,${ON},final,,`, `exam,c,60,${ON},final,,`,
  'exam,a,70,2026-11-25T10:00+08:00,mid,,',
  `assignment,,user-research,${ON},h1,teacher,`,
  `submission,a,https://a,${ON},h1,,`, `submission,b,https://b,${ON},h1,,`,
  `grade,a,80,${ON},h1,teacher,`, `grade,b,90,${ON},h1,teacher,`,
  `review,a,60,${ON},h1,b,`, `review,a,100,${ON},h1,c,`, `review,b,50,${ON},h1,a,`,
  `project,a,10,${ON},,,`, `project,b,20,${ON},,,`, `project,b,5,${ON},,,`, `project,c,4,${ON},,,`,
  '',
].join('\n');

const metrics = (completion: [number, number], exam: number, assignment: number, project: [number, number]) => ({
  completion: { raw: completion[0], normalized: completion[1] },
  attendance: { raw: 0, normalized: 0 },
  exam: { raw: exam, normalized: exam },
  assignment: { raw: assignment, normalized: assignment },
  project: { raw: project[0], normalized: project[1] },
  practice: { raw: 0, normalized: 0 },
  participation: { raw: 0, normalized: 0 },
  'assignment:user-research': { raw: assignment, normalized: assignment },
});

describe(`camp-bot standings and awards preview (${testEngine()})`, () => {
  let db: SharedTestDb;
  const path = (name: string): string => join(db.dir, name);
  const json = async (args: string[]): Promise<unknown> => {
    const io = captureIo();
    expect(await main(args, io)).toBe(0);
    return JSON.parse(io.stdout.join('\n'));
  };
  beforeEach(async () => {
    db = await sharedTestDb();
    writeFileSync(path('camp.yaml'), CAMP);
    writeFileSync(path('roster.csv'), ROSTER);
    writeFileSync(path('events.csv'), EVENTS);
    for (const args of [['camp', 'apply', path('camp.yaml')], ['roster', 'import', 't1', path('roster.csv')], ['events', 'import', 't1', path('events.csv')]]) {
      expect(await main(args, captureIo())).toBe(0);
    }
    // A trainer's extra 30 project points for b, undone: it must not count.
    const store = await db.open();
    const extra = await appendEvent(store, { campId: 't1', type: 'project', userid: 'b', num: 30, actor: 'teacher', source: 'command', happenedAt: Date.parse('2026-11-11T00:00:00Z') }, 1);
    await appendEvent(store, { campId: 't1', type: 'revoke', revokes: extra.id, text: '记错了', actor: 'teacher', source: 'command', happenedAt: Date.parse('2026-11-11T01:00:00Z') }, 2);
    await store.close();
  });
  afterEach(() => db.cleanup());

  it('prints the SPEC §1 JSON with hand-computed numbers', async () => {
    // Assessed weights 20+30+25+15 = 90 (practice has no data). a: (20·100 + 30·80 + 25·80 + 15·50)/90 = 79.44;
    // a's assignment: 0.7·80 + 0.3·median(60, 100) = 80. b: (20·50 + 30·40 + 25·90 + 15·100)/90 = 66.11; c: (30·30 + 15·20)/90 = 13.33.
    expect(await json(['standings', 't1', '--json', '--at', '2026-12-01T00:00+08:00'])).toEqual({
      asOf: '2026-11-30T16:00:00.000Z',
      assessed: ['completion', 'exam', 'assignment', 'project'],
      rows: [
        { userid: 'a', name: '甲', team: 'X', rank: 1, composite: 79.44, metrics: metrics([4, 100], 80, 80, [10, 50]) },
        { userid: 'b', name: '乙', team: 'X', rank: 2, composite: 66.11, metrics: metrics([2, 50], 40, 90, [25, 100]) },
        { userid: 'c', name: '丙', team: 'Y', rank: 3, composite: 13.33, metrics: metrics([0, 0], 30, 0, [4, 20]) },
      ],
    });
  });

  it('counts only what happened by --at (local time in the camp zone)', async () => {
    // Before a's mid exam only "final" exists: a (2000 + 2700 + 2000 + 750)/90 = 82.78, b 79.44, c 23.33.
    const standings = (await json(['standings', 't1', '--json', '--at', '2026-11-20T00:00'])) as { asOf: string; rows: { userid: string; composite: number }[] };
    expect(standings.asOf).toBe('2026-11-19T16:00:00.000Z');
    expect(standings.rows.map((r) => [r.userid, r.composite])).toEqual([['a', 82.78], ['b', 79.44], ['c', 23.33]]);
  });

  it('prints an aligned table', async () => {
    const io = captureIo();
    expect(await main(['standings', 't1', '--at', '2026-12-01T00:00+08:00'], io)).toBe(0);
    expect(io.stdout[0]).toContain('手算营（t1）');
    const [header, first] = [io.stdout[1]!, io.stdout[2]!];
    expect(header.startsWith('排名  学员  userid  团队  综合分')).toBe(true);
    expect(first).toContain('79.44');
    // Right-aligned under its header, counting CJK characters as two columns.
    const endOf = (line: string, cell: string): number => displayWidth(line.slice(0, line.indexOf(cell) + cell.length));
    expect(endOf(first, '79.44')).toBe(endOf(header, '综合分'));
    expect(endOf(io.stdout[3]!, '66.11')).toBe(endOf(header, '综合分'));
  });

  it('previews the awards in the SPEC §1 JSON shape', async () => {
    // all-round: 3 eligible, top 50% → k = 2. best-team: only X has ≥ 2 learners, mean project (10 + 25)/2 = 17.5.
    const preview = await json(['awards', 'preview', 't1', '--json', '--at', '2026-12-01T00:00+08:00']) as { warnings: string[] };
    expect(preview).toEqual({
      asOf: '2026-11-30T16:00:00.000Z',
      winners: [
        { award: 'all-round', userid: 'a', team: null, rank: 1, value: 79.44 },
        { award: 'all-round', userid: 'b', team: null, rank: 2, value: 66.11 },
        { award: 'best-team', userid: 'a', team: 'X', rank: 1, value: 17.5 },
        { award: 'best-team', userid: 'b', team: 'X', rank: 1, value: 17.5 },
        { award: 'user-research', userid: 'b', team: null, rank: 1, value: 90 },
      ],
      warnings: [expect.stringContaining('practice')],
    });
    const io = captureIo();
    expect(await main(['awards', 'preview', 't1', '--at', '2026-12-01T00:00+08:00'], io)).toBe(0);
    expect(io.stdout).toContain('【全能优秀学员奖】(all-round) 2 人');
  });

  it('queues the draft to the trainers only, once per as-of time', async () => {
    await main(['awards', 'preview', 't1', '--json', '--at', '2026-12-01T00:00+08:00'], captureIo());
    await main(['awards', 'preview', 't1', '--at', '2026-12-01T00:00+08:00'], captureIo());
    const rows = await listOutbox(await db.open());
    expect(rows).toHaveLength(1);
    const payload = rows[0]!.payload as { touser: string[]; message: { content: string } };
    expect(payload.touser).toEqual(['teacher']);
    expect(payload.message.content).toContain('全能优秀学员奖');
  });

  it('answers a bad --at as a usage error and an unknown camp as a user error', async () => {
    expect(await main(['standings', 't1', '--at', 'tomorrow'], captureIo())).toBe(2);
    const io = captureIo();
    expect(await main(['awards', 'preview', 'nope', '--json'], io)).toBe(1);
    expect(io.stderr).toEqual(['camp-bot: 找不到训练营 nope（先运行 camp apply）']);
  });
});
