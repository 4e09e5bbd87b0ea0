import Sqlite from 'better-sqlite3';
import { parseCampFile } from '../src/camp/parse-camp-file.js';
import type { CampConfig } from '../src/camp/camp-config.js';
import { saveCamp } from '../src/db/camp-store.js';
import { GENESIS_HASH, eventHash } from '../src/db/ledger.js';
import { openSqliteStore } from '../src/db/sqlite/open-sqlite-store.js';
import { seededRandom } from './seeded-random.js';

export const BENCH_CAMP_YAML = `
id: bench
name: 性能测试营
timezone: Asia/Shanghai
starts: 2026-11-02
ends: 2026-12-04
lessons: 10
trainers: [trainer1]
managers: [manager1]
admins: { users: [admin1], parties: [] }
metrics:
  completion: { weight: 20 }
  exam: { weight: 30 }
  assignment: { weight: 25, trainerShare: 0.7, minPeerReviews: 2 }
  project: { weight: 10, target: 20 }
  practice: { weight: 5, target: 3 }
  participation: { weight: 5, target: 30, minChars: 5, cooldownSeconds: 60, dailyCap: 20 }
  attendance: { weight: 5 }
awards:
  - { id: all-round, name: 全能优秀学员奖, rank: composite, top: 10% }
  - { id: best-practice, name: 最佳实践项目奖, rank: practice, top: 5%, tieBreak: composite }
  - { id: best-team, name: 最佳团队协作奖, team: project, top: 3 }
  - { id: most-improved, name: 进步最快奖, improvement: { metric: completion, from: { at: 2026-11-20, max: 60 }, to: { min: 100 } } }
  - { id: user-research, name: 最佳用户研究奖, rank: "assignment:user-research", top: 5% }
`;

/** Event mix per 1,000 events: participation heavy, then lessons, check-ins, exams, assignment work, points. */
const MIX: [string, number][] = [
  ['participation', 450], ['lesson', 200], ['checkin', 120], ['exam', 60], ['submission', 48], ['grade', 47],
  ['review', 50], ['project', 15], ['practice', 9], ['revoke', 1],
];

const ASSIGNMENTS = ['a1', 'a2', 'a3', 'a4', 'a5'];
const SESSIONS = 20;

type Columns = [string, string | null, number | null, string | null, string | null, string, number, number | null];

/**
 * Inserts events with a correct hash chain, in one transaction with one prepared statement, straight into the SQLite
 * file (the fixture is a tool building a big camp in seconds, not the product); `finish` moves the ledger head.
 */
class ChainWriter {
  private prevHash = GENESIS_HASH;
  private id = 0;
  private readonly insert: Sqlite.Statement;
  private readonly link: Sqlite.Statement;
  constructor(private readonly sqlite: Sqlite.Database, private readonly campId: string, private readonly recordedAt: number) {
    this.insert = sqlite.prepare(
      `INSERT INTO events (id, camp_id, type, userid, num, text, ref, actor, source, happened_at, recorded_at, revokes, note,
       dedupe_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'import', ?, ?, ?, NULL, NULL)`,
    );
    this.link = sqlite.prepare('INSERT INTO ledger_chain (seq, event_id, prev_hash, hash) VALUES (?, ?, ?, ?)');
  }

  write([type, userid, num, text, ref, actor, at, revokes]: Columns): number {
    const row = {
      camp_id: this.campId, type, userid, num, text, ref, actor, source: 'import', happened_at: at,
      recorded_at: this.recordedAt, revokes, note: null, dedupe_key: null,
    };
    const hash = eventHash(this.prevHash, row);
    this.id += 1;
    this.insert.run(this.id, this.campId, type, userid, num, text, ref, actor, at, this.recordedAt, revokes);
    this.link.run(this.id, this.id, this.prevHash, hash);
    this.prevHash = hash;
    return this.id;
  }

  finish(): void {
    this.sqlite.prepare('UPDATE ledger_head SET last_seq = ?, last_hash = ?, count = ?, mac = NULL, updated_at = ? WHERE id = 1')
      .run(this.id, this.prevHash, this.id, this.recordedAt);
  }
}

function pickType(random: () => number): string {
  let x = random() * 1000;
  for (const [type, share] of MIX) if ((x -= share) < 0) return type;
  return 'participation';
}

/** Recent submissions, so grades and peer reviews are of work that was handed in (as on a real camp's last day). */
class Submitted {
  private readonly queue: [string, string][] = [];
  private head = 0;
  add(learner: string, assignment: string): void {
    this.queue.push([learner, assignment]);
  }
  /** The oldest submission not graded yet, if any. */
  nextToGrade(): [string, string] | undefined {
    return this.queue[this.head++];
  }
  recent(random: () => number): [string, string] | undefined {
    return this.queue[this.queue.length - 1 - Math.floor(random() * Math.min(this.queue.length, 500))];
  }
}

function eventOf(type: string, random: () => number, learners: number, at: number, lastId: number, submitted: Submitted): Columns {
  const learner = `u${Math.floor(random() * learners)}`;
  const int = (n: number): number => Math.floor(random() * n);
  switch (type) {
    case 'lesson': return [type, learner, 1 + int(10), null, null, 'trainer1', at, null];
    case 'checkin': return [type, learner, null, null, `s${1 + int(SESSIONS)}`, 'trainer1', at, null];
    case 'exam': return [type, learner, 40 + int(61), null, random() < 0.5 ? 'final' : 'mid', 'import', at, null];
    case 'submission': {
      const assignment = ASSIGNMENTS[int(5)]!;
      submitted.add(learner, assignment);
      return [type, learner, null, 'https://example.com/work', assignment, learner, at, null];
    }
    case 'grade': {
      const [author, assignment] = submitted.nextToGrade() ?? [learner, ASSIGNMENTS[int(5)]!];
      return [type, author, 50 + int(51), null, assignment, 'trainer1', at, null];
    }
    case 'review': {
      const [author, assignment] = submitted.recent(random) ?? [learner, ASSIGNMENTS[int(5)]!];
      return [type, author, 50 + int(51), null, assignment, `u${int(learners)}`, at, null];
    }
    case 'project': return [type, learner, 1 + int(5), null, null, 'trainer1', at, null];
    case 'practice': return [type, learner, 1, null, null, 'manager1', at, null];
    case 'revoke': return [type, null, null, 'bench', null, 'trainer1', at, 1 + int(Math.max(1, lastId))];
    default: return ['participation', learner, 1, null, null, 'chat', at, null];
  }
}

/**
 * Builds the benchmark camp in a new SQLite file: `learners` learners in teams of 20 and `events` events spread over
 * the camp's five weeks. Returns the camp config and the instant to score at (the camp's last day).
 */
export async function buildBenchCampFile(file: string, learners: number, events: number): Promise<{ config: CampConfig; asOf: number }> {
  const config = parseCampFile(BENCH_CAMP_YAML);
  const start = Date.parse('2026-11-02T01:00:00Z');
  const asOf = Date.parse('2026-12-04T10:00:00Z');
  const store = openSqliteStore(file);
  await saveCamp(store, config, start);
  await store.close();
  const sqlite = new Sqlite(file);
  // Only the fixture build: a big page cache and no fsync make the 2M-row insert minutes faster.
  sqlite.pragma('cache_size = -400000');
  sqlite.pragma('synchronous = OFF');
  try {
    writeBenchEvents(sqlite, config, learners, events, start, asOf);
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    sqlite.close();
  }
  return { config, asOf };
}

function writeBenchEvents(sqlite: Sqlite.Database, config: CampConfig, learners: number, events: number, start: number, asOf: number): void {
  const random = seededRandom(42);
  sqlite.transaction(() => {
    const person = sqlite.prepare('INSERT INTO people (userid, name, department) VALUES (?, ?, ?)');
    const member = sqlite.prepare(`INSERT INTO members (camp_id, userid, role, team) VALUES (?, ?, 'learner', ?)`);
    for (let i = 0; i < learners; i += 1) {
      person.run(`u${i}`, `学员${i}`, `部门${i % 37}`);
      member.run(config.id, `u${i}`, `T${Math.floor(i / 20)}`);
    }
    const writer = new ChainWriter(sqlite, config.id, asOf);
    ASSIGNMENTS.forEach((id, i) => writer.write(['assignment', null, null, i === 0 ? 'user-research' : null, id, 'trainer1', start, null]));
    const span = asOf - start - 3_600_000;
    let lastId = ASSIGNMENTS.length;
    const submitted = new Submitted();
    for (let i = 0; i < events - ASSIGNMENTS.length - SESSIONS; i += 1) {
      const at = start + Math.floor((i / events) * span);
      lastId = writer.write(eventOf(pickType(random), random, learners, at, lastId, submitted));
      if (i % Math.floor(events / SESSIONS) === 0) writer.write(['session', null, null, null, `s${1 + Math.floor((i * SESSIONS) / events)}`, 'trainer1', at, null]);
    }
    writer.finish();
  }).immediate();
}
