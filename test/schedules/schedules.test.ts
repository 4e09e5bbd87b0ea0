import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendEvent } from '../../src/db/ledger.js';
import { openDatabase, type Database } from '../../src/db/open-database.js';
import { runLeaderboard, runPreview, runPublish, type ScheduleDeps } from '../../src/schedules/scheduled-jobs.js';
import { lastCronSlot, retryFailedSlots, startSchedules } from '../../src/schedules/start-schedules.js';
import { tempDbFile } from '../support/temp-db-file.js';
import { CAMP_ID, CERT_SECRET, PUBLISH_AT, seedCamp } from '../publication/camp-fixture.js';

const webhook = (key: string) => `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}`;
const SCHEDULE = `schedule:
  leaderboard: "0 20 * * *"
  preview: 2026-12-04T10:00
  publish: 2026-12-04T18:00`;

describe('schedules', () => {
  let temp: ReturnType<typeof tempDbFile>;
  let a: Database;
  let b: Database;
  const deps = (db: Database, instanceId: string, now = PUBLISH_AT): ScheduleDeps => ({
    sqlite: db.sqlite, certSecret: CERT_SECRET, publicBaseUrl: 'https://camp.example.com', instanceId, now: () => now, log: () => {},
  });
  const outbox = (db: Database) =>
    db.sqlite.prepare('SELECT kind, dedupe_key AS key FROM outbox ORDER BY id').all() as { kind: string; key: string }[];

  beforeEach(() => {
    temp = tempDbFile();
    a = openDatabase(temp.file);
    b = openDatabase(temp.file); // a second process on the same database file
    seedCamp(a.sqlite, webhook, SCHEDULE);
  });
  afterEach(() => {
    a.close();
    b.close();
    temp.cleanup();
  });

  it('posts a leaderboard slot once when two processes fire it', () => {
    const slot = '2026-12-04T20:00';
    appendEvent(a.sqlite, { campId: CAMP_ID, type: 'exam', userid: 'u2', num: 82, ref: 'final', actor: 't1', source: 'command',
      happenedAt: PUBLISH_AT - 1_000 }, PUBLISH_AT - 1_000); // u2's retake: 82
    expect(runLeaderboard(deps(a, 'p1'), CAMP_ID, slot).ran).toBe(true);
    expect(runLeaderboard(deps(b, 'p2'), CAMP_ID, slot)).toEqual({ ran: false, reason: 'claimed' });
    expect(runLeaderboard(deps(a, 'p1'), CAMP_ID, slot).ran).toBe(false); // a restart inside the slot
    expect(outbox(b).map((r) => r.key)).toEqual([
      `leaderboard:${CAMP_ID}:${slot}:chat:wrChatA`,
      `leaderboard:${CAMP_ID}:${slot}:chat:wrChatB`,
      // u2 (82) is 8 below the exam cut-off 90, within 10% of it (9), so gets a nudge; u3 (70, 20 below) does not.
      `leaderboard:${CAMP_ID}:${slot}:nudge:u2`,
    ]);
    const run = b.sqlite.prepare('SELECT claimed_by AS by, finished_at AS finished FROM schedule_runs').get();
    expect(run).toEqual({ by: 'p1', finished: PUBLISH_AT });
  });

  it('shows the top 10 and the biggest movers since yesterday', () => {
    appendEvent(a.sqlite, { campId: CAMP_ID, type: 'exam', userid: 'u4', num: 65, ref: 'final', actor: 't1', source: 'command',
      happenedAt: PUBLISH_AT - 1_000 }, PUBLISH_AT - 1_000);
    runLeaderboard(deps(a, 'p1'), CAMP_ID, '2026-12-04T20:00');
    const payload = JSON.parse((a.sqlite.prepare('SELECT payload FROM outbox ORDER BY id LIMIT 1').get() as { payload: string }).payload);
    const content: string = payload.message.content;
    expect(content).toContain('1. 张三 <font color="comment">A</font> **90.00**');
    expect(content).toContain('4. 赵六 <font color="comment">B</font> **65.00**');
    // The first scores happened exactly 24 h before, so yesterday's standings hold them: only 赵六 (60 → 65) moved.
    expect(content).toContain('🚀 **进步最快**（较昨日）\n赵六 <font color="info">+5.00</font>\n\n');
  });

  it('sends the preview to trainers only, and the scheduled publish does nothing once published', () => {
    runPreview(deps(a, 'p1'), CAMP_ID, '2026-12-04T10:00');
    const preview = JSON.parse((a.sqlite.prepare(`SELECT payload FROM outbox WHERE dedupe_key LIKE 'preview:%'`).get() as { payload: string }).payload);
    expect(preview.touser).toEqual(['t1', 't2']);
    expect(preview.message.content).toContain('考试之星');
    expect(runPublish(deps(a, 'p1'), CAMP_ID, '2026-12-04T18:00')).toMatchObject({ ran: true, result: expect.stringContaining('published #1') });
    expect(runPublish(deps(b, 'p2', PUBLISH_AT + 1), CAMP_ID, '2026-12-04T18:01')).toEqual({ ran: true, result: 'already published (#1)' });
  });

  it('runs missed slots at start-up: leaderboard and preview under 24 h late, publish whenever missed', async () => {
    const now = Date.parse('2026-12-05T09:00:00Z'); // 17:00 the next day in Shanghai
    const schedules = startSchedules(deps(a, 'p1', now));
    await schedules.stop();
    const runs = a.sqlite.prepare('SELECT job, slot, error FROM schedule_runs ORDER BY job').all();
    expect(runs).toEqual([
      { job: 'leaderboard', slot: '2026-12-04T20:00', error: null },
      { job: 'publish', slot: '2026-12-04T18:00', error: null }, // the preview (31 h late) is skipped
    ]);
    expect(a.sqlite.prepare('SELECT count(*) AS n FROM publications').get()).toEqual({ n: 1 });
    const again = startSchedules(deps(b, 'p2', now + 60_000)); // a restart: nothing runs twice
    await again.stop();
    expect(b.sqlite.prepare('SELECT count(*) AS n FROM schedule_runs').get()).toEqual({ n: 2 });
  });

  it('posts no leaderboard after the camp ended', () => {
    const later = Date.parse('2026-12-05T12:00:00Z'); // 2026-12-05 20:00 in Shanghai; the camp ended 12-04
    expect(runLeaderboard(deps(a, 'p1', later), CAMP_ID, '2026-12-05T20:00')).toEqual({ ran: true, result: 'camp not in session on 2026-12-05' });
    expect(outbox(a)).toEqual([]);
  });

  it('finds the last cron slot in the camp zone', () => {
    expect(lastCronSlot('0 20 * * *', 'Asia/Shanghai', Date.parse('2026-12-05T09:00:00Z'))).toBe('2026-12-04T20:00');
    expect(lastCronSlot('0 20 * * *', 'Asia/Shanghai', Date.parse('2026-12-04T12:00:00Z'))).toBe('2026-12-04T20:00');
    expect(lastCronSlot('0 20 1 1 *', 'Asia/Shanghai', Date.parse('2026-12-04T12:00:00Z'))).toBeNull();
  });
});

describe('failed schedule slots', () => {
  let temp: ReturnType<typeof tempDbFile>;
  let a: Database;
  let b: Database;
  let clock: number;
  const lines: string[] = [];
  const deps = (db: Database, instanceId: string, certSecret: string | null = CERT_SECRET): ScheduleDeps => ({
    sqlite: db.sqlite, certSecret, publicBaseUrl: 'https://camp.example.com', instanceId, now: () => clock, log: (line) => lines.push(line),
  });
  const runs = (db: Database) =>
    db.sqlite.prepare('SELECT job, slot, finished_at AS finishedAt, failures, error FROM schedule_runs ORDER BY job').all();
  const outboxKeys = (db: Database) => (db.sqlite.prepare('SELECT dedupe_key AS key FROM outbox ORDER BY id').all() as { key: string }[]).map((r) => r.key);
  const restart = async (db: Database, instanceId: string, certSecret: string | null = CERT_SECRET) => startSchedules(deps(db, instanceId, certSecret)).stop();

  beforeEach(() => {
    temp = tempDbFile();
    a = openDatabase(temp.file);
    b = openDatabase(temp.file);
    lines.length = 0;
  });
  afterEach(() => {
    a.close();
    b.close();
    temp.cleanup();
  });

  it('retries a job that threw with backoff: it throws twice, succeeds the third time and posts once', async () => {
    seedCamp(a.sqlite, webhook, 'schedule:\n  leaderboard: "0 20 * * *"', PUBLISH_AT - 86_400_000);
    const slot = '2026-12-04T20:00';
    clock = Date.parse('2026-12-04T12:30:00Z'); // 20:30 in Shanghai: the 20:00 slot is missed
    a.sqlite.exec(`CREATE TEMP TRIGGER outbox_down BEFORE INSERT ON main.outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    await restart(a, 'p1'); // 1st run, at start-up: throws
    expect(runs(a)).toEqual([{ job: 'leaderboard', slot, finishedAt: null, failures: 1, error: 'disk full' }]);
    clock += 30_000;
    retryFailedSlots(deps(a, 'p1')); // within the 1 min backoff: waits
    clock += 31_000;
    retryFailedSlots(deps(a, 'p1')); // 2nd run: throws
    expect(runs(a)).toMatchObject([{ finishedAt: null, failures: 2 }]);
    a.sqlite.exec('DROP TRIGGER outbox_down');
    clock += 119_000;
    retryFailedSlots(deps(a, 'p1')); // within the 2 min backoff: waits
    expect(outboxKeys(a)).toEqual([]);
    clock += 1_000;
    retryFailedSlots(deps(b, 'p2')); // 3rd run, by the other process: succeeds
    expect(runs(a)).toEqual([{ job: 'leaderboard', slot, finishedAt: clock, failures: 2, error: 'disk full' }]);
    expect(lines.filter((line) => line.includes(slot))).toEqual([
      `schedule: ${CAMP_ID} leaderboard ${slot} failed (attempt 1, retry in 1 min while due): disk full`,
      `schedule: ${CAMP_ID} leaderboard ${slot} failed (attempt 2, retry in 2 min while due): disk full`,
      `schedule: ${CAMP_ID} leaderboard ${slot}: leaderboard to 2 chats, 0 nudges`,
    ]);
    const posted = outboxKeys(a);
    expect(posted).toEqual([`leaderboard:${CAMP_ID}:${slot}:chat:wrChatA`, `leaderboard:${CAMP_ID}:${slot}:chat:wrChatB`]);
    clock += 3_600_000;
    retryFailedSlots(deps(a, 'p1'));
    await restart(b, 'p2'); // a successful slot never reruns
    expect(outboxKeys(a)).toEqual(posted);
    expect(lines).toHaveLength(3);
  });

  it('stops retrying a leaderboard once it is 24 h late', async () => {
    seedCamp(a.sqlite, webhook, 'schedule:\n  leaderboard: "0 20 * * *"', PUBLISH_AT - 86_400_000);
    clock = Date.parse('2026-12-04T12:30:00Z');
    a.sqlite.exec(`CREATE TEMP TRIGGER outbox_down BEFORE INSERT ON main.outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    await restart(a, 'p1');
    a.sqlite.exec('DROP TRIGGER outbox_down');
    clock = Date.parse('2026-12-05T12:00:01Z'); // the 12-04 20:00 slot is now over 24 h old
    retryFailedSlots(deps(a, 'p1'));
    expect(runs(a)).toMatchObject([{ slot: '2026-12-04T20:00', finishedAt: null, failures: 1 }]);
    expect(outboxKeys(a)).toEqual([]);
  });

  it('retries a failed publish after a restart, and publishes once', async () => {
    seedCamp(a.sqlite, webhook, 'schedule:\n  publish: 2026-12-04T18:00');
    clock = PUBLISH_AT + 60_000;
    await restart(a, 'p1', null); // started without CERT_SECRET: the publish throws
    expect(runs(a)).toMatchObject([{ job: 'publish', finishedAt: null, failures: 1, error: expect.stringContaining('CERT_SECRET is required') }]);
    expect(a.sqlite.prepare('SELECT count(*) AS n FROM publications').get()).toEqual({ n: 0 });
    clock += 10_000; // restarted at once with the key (well inside the backoff): start-up retries the publish
    await restart(b, 'p2');
    expect(runs(b)).toMatchObject([{ job: 'publish', finishedAt: clock, failures: 1 }]);
    expect(b.sqlite.prepare('SELECT count(*) AS n FROM publications').get()).toEqual({ n: 1 });
    const sent = outboxKeys(b).length;
    clock += 3_600_000;
    await restart(a, 'p1');
    retryFailedSlots(deps(a, 'p1'));
    expect(outboxKeys(a)).toHaveLength(sent);
    expect(a.sqlite.prepare('SELECT count(*) AS n FROM publications').get()).toEqual({ n: 1 });
  });
});

