import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseCampFile } from '../../src/camp/parse-camp-file.js';
import { saveCamp } from '../../src/db/camp-store.js';
import { transaction, type Store } from '../../src/db/db.js';
import type { NewEvent } from '../../src/db/event-types.js';
import { appendEvent } from '../../src/db/ledger.js';
import { importRoster } from '../../src/db/roster-store.js';
import { CAMP_ID, ROSTER, sampleCampYaml } from '../support/camp-fixture.js';
import { captureIo } from '../support/capture-io.js';
import { sharedTestDb, type SharedTestDb } from '../support/shared-test-db.js';
import { testEngine } from '../support/test-store.js';

const AT = Date.parse('2026-11-10T02:00:00Z');
const RECORDED = Date.parse('2026-11-10T03:00:00Z');

describe(`camp-bot events list (${testEngine()})`, () => {
  let db: SharedTestDb;
  let store: Store;
  const add = async (event: Omit<NewEvent, 'campId' | 'actor' | 'source' | 'happenedAt'> & Partial<NewEvent>) =>
    (await appendEvent(store, { campId: CAMP_ID, actor: 'zhang', source: 'command', happenedAt: AT, ...event }, RECORDED)).id;

  beforeEach(async () => {
    db = await sharedTestDb();
    store = await db.open();
    await saveCamp(store, parseCampFile(sampleCampYaml(AT)), AT);
    await importRoster(store, CAMP_ID, ROSTER);
  });
  afterEach(() => db.cleanup());

  async function listJson(...flags: string[]): Promise<unknown[]> {
    const io = captureIo();
    expect(await main(['events', 'list', CAMP_ID, '--json', ...flags], io)).toBe(0);
    return JSON.parse(io.stdout.join('\n')) as unknown[];
  }

  it('prints the contract rows oldest first: value is the number or text, revoked as it stands now', async () => {
    const exam = await add({ type: 'exam', userid: 'ming', num: 88.5, ref: 'final' });
    const submission = await add({ type: 'submission', userid: 'hong', text: 'https://doc', ref: 'a1' });
    const session = await add({ type: 'session', ref: '第1课', source: 'wecom', actor: 'wecom' });
    const undo = await add({ type: 'revoke', revokes: exam, text: '录错了' });
    const wrongUndo = await add({ type: 'checkin', userid: 'gang', ref: '第1课' });
    await add({ type: 'revoke', revokes: wrongUndo, text: '误签' });
    const rows = await listJson();
    expect(rows[0]).toEqual({
      id: exam, type: 'exam', userid: 'ming', value: 88.5, ref: 'final', actor: 'zhang', source: 'command',
      happenedAt: '2026-11-10T02:00:00.000Z', recordedAt: '2026-11-10T03:00:00.000Z', revoked: true,
    });
    expect(rows.map((row) => (row as { id: number }).id)).toEqual([exam, submission, session, undo, wrongUndo, wrongUndo + 1]);
    expect(rows.map((row) => [(row as { value: unknown }).value, (row as { revoked: boolean }).revoked])).toEqual([
      [88.5, true], ['https://doc', false], [null, false], ['录错了', false], [null, true], ['误签', false],
    ]);
    // Undoing the undo brings the exam back.
    await add({ type: 'revoke', revokes: undo, text: '撤销错了' });
    expect((await listJson('--type', 'exam'))).toEqual([expect.objectContaining({ id: exam, revoked: false })]);
  });

  it('filters by type and by learner, together', async () => {
    await add({ type: 'exam', userid: 'ming', num: 70 });
    await add({ type: 'exam', userid: 'hong', num: 80 });
    await add({ type: 'lesson', userid: 'ming', num: 1 });
    expect((await listJson('--user', 'ming')).map((row) => (row as { type: string }).type)).toEqual(['exam', 'lesson']);
    expect((await listJson('--type', 'exam', '--user', 'hong')).map((row) => (row as { value: number }).value)).toEqual([80]);
    expect(await listJson('--type', 'grade')).toEqual([]);
  });

  it('pages through a ledger bigger than one read, every event once, as one JSON array', async () => {
    const count = 5_003;
    await transaction(store, async (tx) => {
      for (let n = 0; n < count; n += 1) {
        await appendEvent(tx, { campId: CAMP_ID, type: 'participation', userid: 'ming', num: 1, actor: 'chat', source: 'chat', happenedAt: AT + n }, RECORDED);
      }
    });
    const rows = (await listJson()) as { id: number }[];
    expect(rows).toHaveLength(count);
    expect(rows.map((row) => row.id)).toEqual(Array.from({ length: count }, (_, n) => n + 1));
  });

  it('prints a readable table without --json', async () => {
    await add({ type: 'exam', userid: 'ming', num: 90, ref: 'final' });
    const io = captureIo();
    expect(await main(['events', 'list', CAMP_ID], io)).toBe(0);
    expect(io.stdout[0]).toMatch(/^编号\s+发生时间\s+类型\s+学员\s+值\s+引用\s+来源\s+操作人$/);
    expect(io.stdout[1]).toMatch(/^#1\s+2026-11-10 10:00\s+exam\s+ming\s+90\s+final\s+command\s+zhang$/);
    expect(io.stdout.at(-1)).toBe('共 1 条');
  });

  it('refuses an unknown type (usage) and an unknown camp, one line each', async () => {
    const badType = captureIo();
    expect(await main(['events', 'list', CAMP_ID, '--json', '--type', 'exams'], badType)).toBe(2);
    expect(badType.stderr[0]).toMatch(/^camp-bot: unknown event type "exams" \(one of lesson, session_open,/);
    const unknown = captureIo();
    expect(await main(['events', 'list', 'nope', '--json'], unknown)).toBe(1);
    expect(unknown.stderr).toEqual(['camp-bot: 找不到训练营 nope（先运行 camp apply）']);
  });
});
