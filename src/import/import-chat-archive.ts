import type Sqlite from 'better-sqlite3';
import type { CampConfig } from '../camp/camp-config.js';
import { appendEvent } from '../db/ledger.js';
import { chatsOfCamp } from '../db/camp-store.js';
import { learnersOf } from '../db/roster-store.js';
import { PARTICIPATION_KEY_PREFIX, countedMessageTimes, insertTime, stateFromTimes } from '../db/participation-state.js';
import { countsAsParticipation } from '../scoring/participation-rule.js';
import type { ArchiveMessage } from './parse-chat-archive.js';
import type { ImportResult } from './import-events-csv.js';

/**
 * Records chat-archive messages as participation under the camp's rule (SPEC §5): only learners' messages in rooms
 * bound to the camp, in time order, against the cooldown and daily cap state already in the ledger; a msgid already
 * recorded (by the chat pipeline or an earlier import) is a duplicate. One transaction.
 * @example importChatArchive(sqlite, camp, parseChatArchive(text, now), now)
 */
export function importChatArchive(sqlite: Sqlite.Database, camp: CampConfig, messages: ArchiveMessage[], now: number): ImportResult {
  return sqlite.transaction(() => {
    const rooms = new Set(chatsOfCamp(sqlite, camp.id).map((c) => c.chatId));
    const learners = new Set(learnersOf(sqlite, camp.id).map((l) => l.userid));
    const times = countedMessageTimes(sqlite, camp.id);
    const known = sqlite.prepare<[string], { id: number }>('SELECT id FROM events WHERE dedupe_key = ?');
    const result: ImportResult = { recorded: 0, duplicates: 0, skipped: 0 };
    const ordered = [...messages].sort((a, b) => a.msgtime - b.msgtime || a.line - b.line);
    for (const message of ordered) {
      const dedupeKey = PARTICIPATION_KEY_PREFIX + message.msgid;
      if (!rooms.has(message.roomid) || !learners.has(message.from)) result.skipped += 1;
      else if (known.get(dedupeKey)) result.duplicates += 1;
      else if (countOne(sqlite, camp, message, times, dedupeKey, now)) result.recorded += 1;
      else result.skipped += 1;
    }
    return result;
  }).immediate();
}

function countOne(sqlite: Sqlite.Database, camp: CampConfig, message: ArchiveMessage, times: Map<string, number[]>, dedupeKey: string, now: number): boolean {
  let learnerTimes = times.get(message.from);
  if (!learnerTimes) times.set(message.from, (learnerTimes = []));
  const state = stateFromTimes(learnerTimes, message.msgtime, camp.timezone);
  const kind = message.msgtype === 'text' || message.msgtype === 'markdown' ? 'text' : message.msgtype;
  const verdict = countsAsParticipation({ kind, text: message.text, at: message.msgtime }, state, camp.metrics.participation);
  if (!verdict.counts) return false;
  appendEvent(sqlite, {
    campId: camp.id, type: 'participation', userid: message.from, num: 1, actor: 'import', source: 'import',
    happenedAt: message.msgtime, dedupeKey, note: message.roomid,
  }, now);
  insertTime(learnerTimes, message.msgtime);
  return true;
}
