import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Store } from '../../src/db/db.js';
import { appendEvent } from '../../src/db/ledger.js';
import { listOutbox } from '../../src/db/list-outbox.js';
import { currentPublication } from '../../src/db/publication-store.js';
import { listScheduleRuns } from '../../src/db/schedule-runs.js';
import { runLeaderboard, runPreview, runPublish, type ScheduleDeps } from '../../src/schedules/scheduled-jobs.js';
import { lastCronSlot, retryFailedSlots, startSchedules } from '../../src/schedules/start-schedules.js';
import { CAMP_ID, CERT_SECRET, PUBLISH_AT, seedCamp } from '../publication/camp-fixture.js';
import { sharedTestDb, type SharedTestDb } from '../support/shared-test-db.js';

// While `outbox.down` holds a message, every outbox write throws it: a storage failure inside a slot's transaction,
// on either engine (it used to be a SQLite TEMP trigger).
const outbox = vi.hoisted(() => ({ down: null as string | null }));
vi.mock('../../src/db/outbox-store.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/db/outbox-store.js')>();
  return {
    ...real,
    insertOutbox: (...args: Parameters<typeof real.insertOutbox>) => {
      if (outbox.down) return Promise.reject(new Error(outbox.down));
      return real.insertOutbox(...args);
    },
  };
});

const webhook = (key: string) => `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}`;
const SCHEDULE = `schedule:
  leaderboard: "0 20 * * *"
  preview: 2026-12-04T10:00
  publish: 2026-12-04T18:00`;

const queued = async (store: Store) => (await listOutbox(store)).map((row) => ({ kind: row.kind, key: row.dedupeKey, payload: row.payload }));
const outboxKeys = async (store: Store) => (await queued(store)).map((row) => row.key);
/** The number of the publication in force (numbered from 1 in a fresh database), 0 before any. */
const published = async (store: Store) => (await currentPublication(store, CAMP_ID))?.id ?? 0;

describe('schedules', () => {
  let db: SharedTestDb;
  let a: Store;
  let b: Store;
  const deps = (store: Store, instanceId: string, now = PUBLISH_AT): ScheduleDeps => ({
    db: store, certSecret: CERT_SECRET, publicBaseUrl: 'https://camp.example.com', instanceId, now: () => now, log: () => {},
  });

  beforeEach(async () => {
    db = await sharedTestDb();
    a = await db.open();
    b = await db.open(); // a second process on the same database
    await seedCamp(a, webhook, SCHEDULE);
  });
  afterEach(() => db.cleanup());

  it('posts a leaderboard slot once when two processes fire it', async () => {
    const slot = '2026-12-04T20:00';
    await appendEvent(a, { campId: CAMP_ID, type: 'exam', userid: 'u2', num: 82, ref: 'final', actor: 't1', source: 'command',
      happenedAt: PUBLISH_AT - 1_000 }, PUBLISH_AT - 1_000); // u2's retake: 82
    expect((await runLeaderboard(deps(a, 'p1'), CAMP_ID, slot)).ran).toBe(true);
    expect(await runLeaderboard(deps(b, 'p2'), CAMP_ID, slot)).toEqual({ ran: false, reason: 'claimed' });
    expect((await runLeaderboard(deps(a, 'p1'), CAMP_ID, slot)).ran).toBe(false); // a restart inside the slot
    expect(await outboxKeys(b)).toEqual([
      `leaderboard:${CAMP_ID}:${slot}:chat:wrChatA`,
      `leaderboard:${CAMP_ID}:${slot}:chat:wrChatB`,
      // u2 (82) is 8 below the exam cut-off 90, within 10% of it (9), so gets a nudge; u3 (70, 20 below) does not.
      `leaderboard:${CAMP_ID}:${slot}:nudge:u2`,
    ]);
    const runs = (await listScheduleRuns(b)).map((run) => ({ by: run.claimedBy, finished: run.finishedAt }));
    expect(runs).toEqual([{ by: 'p1', finished: PUBLISH_AT }]);
  });

  it('shows the top 10 and the biggest movers since yesterday', async () => {
    await appendEvent(a, { campId: CAMP_ID, type: 'exam', userid: 'u4', num: 65, ref: 'final', actor: 't1', source: 'command',
      happenedAt: PUBLISH_AT - 1_000 }, PUBLISH_AT - 1_000);
    await runLeaderboard(deps(a, 'p1'), CAMP_ID, '2026-12-04T20:00');
    const [first] = await queued(a);
    const content: string = (first!.payload as { message: { content: string } }).message.content;
    expect(content).toContain('1. 张三 <font color="comment">A</font> **90.00**');
    expect(content).toContain('4. 赵六 <font color="comment">B</font> **65.00**');
    // The first scores happened exactly 24 h before, so yesterday's standings hold them: only 赵六 (60 → 65) moved.
    expect(content).toContain('🚀 **进步最快**（较昨日）\n赵六 <font color="info">+5.00</font>\n\n');
  });

  it('sends the preview to trainers only, and the scheduled publish does nothing once published', async () => {
    await runPreview(deps(a, 'p1'), CAMP_ID, '2026-12-04T10:00');
    const previews = (await queued(a)).filter((row) => row.key?.startsWith('preview:'));
    expect(previews).toHaveLength(1);
    const preview = previews[0]!.payload as { touser: string[]; message: { content: string } };
    expect(preview.touser).toEqual(['t1', 't2']);
    expect(preview.message.content).toContain('考试之星');
    expect(await runPublish(deps(a, 'p1'), CAMP_ID, '2026-12-04T18:00')).toMatchObject({ ran: true, result: expect.stringContaining('published #1') });
    expect(await runPublish(deps(b, 'p2', PUBLISH_AT + 1), CAMP_ID, '2026-12-04T18:01')).toEqual({ ran: true, result: 'already published (#1)' });
  });

  it('runs missed slots at start-up: leaderboard and preview under 24 h late, publish whenever missed', async () => {
    const now = Date.parse('2026-12-05T09:00:00Z'); // 17:00 the next day in Shanghai
    const schedules = await startSchedules(deps(a, 'p1', now));
    await schedules.stop();
    const runs = (await listScheduleRuns(a)).map(({ job, slot, error }) => ({ job, slot, error }));
    expect(runs).toEqual([
      { job: 'leaderboard', slot: '2026-12-04T20:00', error: null },
      { job: 'publish', slot: '2026-12-04T18:00', error: null }, // the preview (31 h late) is skipped
    ]);
    expect(await published(a)).toBe(1);
    const again = await startSchedules(deps(b, 'p2', now + 60_000)); // a restart: nothing runs twice
    await again.stop();
    expect(await listScheduleRuns(b)).toHaveLength(2);
    expect(await published(b)).toBe(1);
  });

  it('posts no leaderboard after the camp ended', async () => {
    const later = Date.parse('2026-12-05T12:00:00Z'); // 2026-12-05 20:00 in Shanghai; the camp ended 12-04
    expect(await runLeaderboard(deps(a, 'p1', later), CAMP_ID, '2026-12-05T20:00')).toEqual({ ran: true, result: 'camp not in session on 2026-12-05' });
    expect(await queued(a)).toEqual([]);
  });

  it('finds the last cron slot in the camp zone', () => {
    expect(lastCronSlot('0 20 * * *', 'Asia/Shanghai', Date.parse('2026-12-05T09:00:00Z'))).toBe('2026-12-04T20:00');
    expect(lastCronSlot('0 20 * * *', 'Asia/Shanghai', Date.parse('2026-12-04T12:00:00Z'))).toBe('2026-12-04T20:00');
    expect(lastCronSlot('0 20 1 1 *', 'Asia/Shanghai', Date.parse('2026-12-04T12:00:00Z'))).toBeNull();
  });
});

describe('failed schedule slots', () => {
  let db: SharedTestDb;
  let a: Store;
  let b: Store;
  let clock: number;
  const lines: string[] = [];
  const deps = (store: Store, instanceId: string, certSecret: string | null = CERT_SECRET): ScheduleDeps => ({
    db: store, certSecret, publicBaseUrl: 'https://camp.example.com', instanceId, now: () => clock, log: (line) => lines.push(line),
  });
  const runs = async (store: Store) =>
    (await listScheduleRuns(store)).map(({ job, slot, finishedAt, failures, error }) => ({ job, slot, finishedAt, failures, error }));
  const restart = async (store: Store, instanceId: string, certSecret: string | null = CERT_SECRET) =>
    (await startSchedules(deps(store, instanceId, certSecret))).stop();

  beforeEach(async () => {
    db = await sharedTestDb();
    a = await db.open();
    b = await db.open();
    lines.length = 0;
  });
  afterEach(async () => {
    outbox.down = null;
    await db.cleanup();
  });

  it('retries a job that threw with backoff: it throws twice, succeeds the third time and posts once', async () => {
    await seedCamp(a, webhook, 'schedule:\n  leaderboard: "0 20 * * *"', PUBLISH_AT - 86_400_000);
    const slot = '2026-12-04T20:00';
    clock = Date.parse('2026-12-04T12:30:00Z'); // 20:30 in Shanghai: the 20:00 slot is missed
    outbox.down = 'disk full';
    await restart(a, 'p1'); // 1st run, at start-up: throws
    expect(await runs(a)).toEqual([{ job: 'leaderboard', slot, finishedAt: null, failures: 1, error: 'disk full' }]);
    clock += 30_000;
    await retryFailedSlots(deps(a, 'p1')); // within the 1 min backoff: waits
    clock += 31_000;
    await retryFailedSlots(deps(a, 'p1')); // 2nd run: throws
    expect(await runs(a)).toMatchObject([{ finishedAt: null, failures: 2 }]);
    outbox.down = null;
    clock += 119_000;
    await retryFailedSlots(deps(a, 'p1')); // within the 2 min backoff: waits
    expect(await outboxKeys(a)).toEqual([]);
    clock += 1_000;
    await retryFailedSlots(deps(b, 'p2')); // 3rd run, by the other process: succeeds
    expect(await runs(a)).toEqual([{ job: 'leaderboard', slot, finishedAt: clock, failures: 2, error: 'disk full' }]);
    expect(lines.filter((line) => line.includes(slot))).toEqual([
      `schedule: ${CAMP_ID} leaderboard ${slot} failed (attempt 1, retry in 1 min while due): disk full`,
      `schedule: ${CAMP_ID} leaderboard ${slot} failed (attempt 2, retry in 2 min while due): disk full`,
      `schedule: ${CAMP_ID} leaderboard ${slot}: leaderboard to 2 chats, 0 nudges`,
    ]);
    const posted = await outboxKeys(a);
    expect(posted).toEqual([`leaderboard:${CAMP_ID}:${slot}:chat:wrChatA`, `leaderboard:${CAMP_ID}:${slot}:chat:wrChatB`]);
    clock += 3_600_000;
    await retryFailedSlots(deps(a, 'p1'));
    await restart(b, 'p2'); // a successful slot never reruns
    expect(await outboxKeys(a)).toEqual(posted);
    expect(lines).toHaveLength(3);
  });

  it('stops retrying a leaderboard once it is 24 h late', async () => {
    await seedCamp(a, webhook, 'schedule:\n  leaderboard: "0 20 * * *"', PUBLISH_AT - 86_400_000);
    clock = Date.parse('2026-12-04T12:30:00Z');
    outbox.down = 'disk full';
    await restart(a, 'p1');
    outbox.down = null;
    clock = Date.parse('2026-12-05T12:00:01Z'); // the 12-04 20:00 slot is now over 24 h old
    await retryFailedSlots(deps(a, 'p1'));
    expect(await runs(a)).toMatchObject([{ slot: '2026-12-04T20:00', finishedAt: null, failures: 1 }]);
    expect(await outboxKeys(a)).toEqual([]);
  });

  it('retries a failed publish after a restart, and publishes once', async () => {
    await seedCamp(a, webhook, 'schedule:\n  publish: 2026-12-04T18:00');
    clock = PUBLISH_AT + 60_000;
    await restart(a, 'p1', null); // started without CERT_SECRET: the publish throws
    expect(await runs(a)).toMatchObject([{ job: 'publish', finishedAt: null, failures: 1, error: expect.stringContaining('CERT_SECRET is required') }]);
    expect(await published(a)).toBe(0);
    clock += 10_000; // restarted at once with the key (well inside the backoff): start-up retries the publish
    await restart(b, 'p2');
    expect(await runs(b)).toMatchObject([{ job: 'publish', finishedAt: clock, failures: 1 }]);
    expect(await published(b)).toBe(1);
    const sent = (await outboxKeys(b)).length;
    clock += 3_600_000;
    await restart(a, 'p1');
    await retryFailedSlots(deps(a, 'p1'));
    expect(await outboxKeys(a)).toHaveLength(sent);
    expect(await published(a)).toBe(1);
  });
});
