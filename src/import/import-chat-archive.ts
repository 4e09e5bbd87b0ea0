import type { CampConfig } from '../camp/camp-config.js';
import { appendImportedEvents } from '../db/append-imported-events.js';
import { chatsOfCamp } from '../db/camp-store.js';
import { countedTimesOf } from '../db/counted-times-of.js';
import type { Db } from '../db/db.js';
import type { NewEvent } from '../db/event-types.js';
import { hasDedupeKey } from '../db/has-dedupe-key.js';
import { PARTICIPATION_KEY_PREFIX } from '../db/participation-state.js';
import { learnersOf } from '../db/roster-store.js';
import { countsAsParticipation, type ParticipationMessage } from '../scoring/participation-rule.js';
import { fileLines } from './file-lines.js';
import type { ImportResult, Progress } from './import-result.js';
import { readChatArchive, type ArchiveMessage } from './parse-chat-archive.js';
import { ParticipationTally } from './participation-tally.js';
import { fileSource } from './import-file.js';
import { requireUtf8 } from './text-encoding.js';

const NO_HISTORY = { lastCountedAt: null, countedToday: 0 };

function ruleMessage(message: ArchiveMessage): ParticipationMessage {
  const kind = message.msgtype === 'text' || message.msgtype === 'markdown' ? 'text' : message.msgtype;
  return { kind, text: message.text, at: message.msgtime };
}

/**
 * Records a chat archive (UTF-8 JSONL) as participation under the camp's rule (SPEC §5): only learners' messages in
 * rooms bound to the camp, in time order, against the cooldown and daily cap state already in the ledger; a msgid
 * already recorded (by the chat pipeline or an earlier import) is a duplicate. The file is streamed once and only the
 * messages that could count are kept; they are written in one transaction.
 */
export async function importChatArchive(
  db: Db, camp: CampConfig, file: string, now: number, progress?: Progress,
): Promise<ImportResult> {
  await requireUtf8(fileSource(file));
  const rooms = new Set((await chatsOfCamp(db, camp.id)).map((c) => c.chatId));
  const learners = new Set((await learnersOf(db, camp.id)).map((l) => l.userid));
  const rules = camp.metrics.participation;
  // A message that would not count even as the learner's first is dropped now, so only candidates stay in memory.
  const read = await readChatArchive(fileLines(file), now, (m) =>
    rooms.has(m.roomid) && learners.has(m.from) && countsAsParticipation(ruleMessage(m), NO_HISTORY, rules).counts, progress);
  const result: ImportResult = { recorded: 0, duplicates: 0, skipped: read.dropped };
  const ordered = read.messages.sort((a, b) => a.msgtime - b.msgtime || a.line - b.line);
  const counts = await appendImportedEvents(db, (tx) => countedMessages(tx, camp, ordered, result, progress), now);
  return { ...result, recorded: counts.recorded, duplicates: result.duplicates + counts.duplicates };
}

/** The participation events of `messages` (in time order), read and decided inside the import's transaction. */
async function* countedMessages(
  tx: Db, camp: CampConfig, messages: ArchiveMessage[], result: ImportResult, progress?: Progress,
): AsyncGenerator<NewEvent> {
  const tally = new ParticipationTally(camp.timezone, await countedTimesOf(tx, camp.id, [...new Set(messages.map((m) => m.from))]));
  for (const [i, message] of messages.entries()) {
    if (progress && (i + 1) % 100_000 === 0) progress('written', i + 1);
    const dedupeKey = PARTICIPATION_KEY_PREFIX + message.msgid;
    if (await hasDedupeKey(tx, dedupeKey)) {
      result.duplicates += 1;
    } else if (countsAsParticipation(ruleMessage(message), tally.stateAt(message.from, message.msgtime), camp.metrics.participation).counts) {
      tally.add(message.from, message.msgtime);
      yield {
        campId: camp.id, type: 'participation', userid: message.from, num: 1, actor: 'import', source: 'import',
        happenedAt: message.msgtime, dedupeKey, note: message.roomid,
      };
    } else {
      result.skipped += 1;
    }
  }
}
