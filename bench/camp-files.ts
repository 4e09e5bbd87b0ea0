import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countEvents } from '../src/db/count-rows.js';
import { openStore } from '../src/db/open-store.js';
import { checkpointDatabase } from '../src/db/checkpoint-database.js';
import { runCli } from '../test/reliability/camp-bot-process.js';
import { BENCH_CHAT_ID, buildChatCamp, CHAT_CAMP_ID } from './chat-camp.js';
import { writeChatHistory } from './chat-history.js';

/** A month of group chat imported as a chat archive, as the bench measured it. */
export interface HistoryImport {
  lines: number;
  /** What the fixture expects the participation rule to count. */
  expected: number;
  /** Counted messages the import recorded. */
  counted: number;
  importMs: number;
}

/** The chat camp's database files each traffic run copies: without history, and with `history` (when asked). */
export interface CampFiles {
  empty: string;
  history: string | null;
  historyImport: HistoryImport | null;
  cleanup(): void;
}

async function createCampFile(file: string, learners: number, now: number): Promise<void> {
  const store = await openStore({ dbFile: file });
  await buildChatCamp(store, learners, now);
  await store.close();
}

async function importHistory(dir: string, file: string, learners: number, perLearner: number, now: number): Promise<HistoryImport> {
  const jsonl = join(dir, 'history.jsonl');
  const written = await writeChatHistory(jsonl, { learners, perLearner, days: 30, end: now, roomId: BENCH_CHAT_ID });
  const started = performance.now();
  const result = await runCli(['events', 'import', CHAT_CAMP_ID, jsonl], { PATH: process.env.PATH, HOME: process.env.HOME, DB_FILE: file });
  const importMs = Math.round(performance.now() - started);
  if (result.code !== 0) throw new Error(`history import failed: ${result.stderr || result.stdout}`);
  const store = await openStore({ dbFile: file });
  const counted = await countEvents(store, { type: 'participation' });
  // The copies start from one file, with nothing left in the WAL.
  await checkpointDatabase(store);
  await store.close();
  rmSync(jsonl);
  return { lines: written.lines, expected: written.counted, counted, importMs };
}

/**
 * Builds the chat camp (`learners` learners, bound group) in a temp folder; with `perLearner`, a second copy with
 * 30 days of history (`perLearner` counted messages per learner) imported by `camp-bot events import`.
 */
export async function buildCampFiles(learners: number, perLearner: number | null): Promise<CampFiles> {
  const dir = mkdtempSync(join(tmpdir(), 'camp-bot-bench-camps-'));
  const now = Date.now();
  const empty = join(dir, 'empty.db');
  await createCampFile(empty, learners, now);
  let history: string | null = null;
  let historyImport: HistoryImport | null = null;
  if (perLearner !== null) {
    history = join(dir, 'history.db');
    await createCampFile(history, learners, now);
    historyImport = await importHistory(dir, history, learners, perLearner, now);
  }
  return { empty, history, historyImport, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
