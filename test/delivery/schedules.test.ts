import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendEvent } from '../../src/db/ledger.js';
import { openDatabase, type Database } from '../../src/db/open-database.js';
import { runLeaderboard, runPreview, runPublish, type ScheduleDeps } from '../../src/delivery/scheduled-jobs.js';
import { lastCronSlot, startSchedules } from '../../src/delivery/start-schedules.js';
import { tempDbFile } from '../support/temp-db-file.js';
import { CAMP_ID, CERT_SECRET, PUBLISH_AT, seedCamp } from './camp-fixture.js';

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
