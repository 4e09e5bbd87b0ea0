import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { type ChatContent, countedContent, shortContent } from './chat-texts.js';
import { seededRandom } from './seeded-random.js';

/** A month of a camp's group chat as WeCom's chat archive (会话存档) exports it, one JSON message a line. */
export interface ChatHistory {
  lines: number;
  /** How many of them the participation rule counts (`minChars` 5, cooldown 60 s, daily cap 20). */
  counted: number;
}

export interface ChatHistoryOptions {
  learners: number;
  /** Counted messages per learner, spread evenly over `days`. */
  perLearner: number;
  days: number;
  /** The last message is before this instant (ms). */
  end: number;
  roomId: string;
}

const LATEST_FOLLOW_UP_MS = 600_000;

interface Line {
  at: number;
  from: string;
  content: ChatContent;
}

/**
 * Each learner's `perLearner` counted messages, one at a random point of each of `perLearner` equal slots (at least
 * a tenth of a slot apart, which over 30 days is far more than the cooldown and far fewer a day than the cap), and
 * beside them messages that do not count: one in ten followed within the cooldown, one in twenty answered by a
 * short reply.
 */
function learnerLines(random: () => number, userid: string, options: ChatHistoryOptions): Line[] {
  const span = options.days * 86_400_000;
  const slot = span / options.perLearner;
  const last = options.end - LATEST_FOLLOW_UP_MS;
  const lines: Line[] = [];
  for (let k = 0; k < options.perLearner; k += 1) {
    const at = Math.floor(last - span + (k + 0.05 + 0.9 * random()) * slot);
    lines.push({ at, from: userid, content: countedContent(random) });
    if (random() < 0.1) lines.push({ at: at + 5_000 + Math.floor(random() * 50_000), from: userid, content: countedContent(random) });
    if (random() < 0.05) lines.push({ at: at + LATEST_FOLLOW_UP_MS, from: userid, content: shortContent(random) });
  }
  return lines;
}

function archiveJson(line: Line, n: number, roomId: string): string {
  const head = { msgid: `hist-${n}`, action: 'send', from: line.from, tolist: [], roomid: roomId, msgtime: line.at };
  if (line.content.kind === 'image') return JSON.stringify({ ...head, msgtype: 'image', image: { md5sum: `m${n}`, filesize: 48_213, sdkfileid: `f${n}` } });
  return JSON.stringify({ ...head, msgtype: 'text', text: { content: line.content.text } });
}

/**
 * Writes the history to `file` in time order (the same file every run) and says how many messages it holds and
 * how many of them count.
 * @example await writeChatHistory('history.jsonl', { learners: 2000, perLearner: 150, days: 30, end: Date.now(), roomId })
 */
export async function writeChatHistory(file: string, options: ChatHistoryOptions): Promise<ChatHistory> {
  const random = seededRandom(7);
  const lines = Array.from({ length: options.learners }, (_, i) => learnerLines(random, `u${i}`, options)).flat();
  lines.sort((a, b) => a.at - b.at);
  const out = createWriteStream(file);
  for (const [n, line] of lines.entries()) {
    if (!out.write(`${archiveJson(line, n, options.roomId)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { lines: lines.length, counted: options.learners * options.perLearner };
}
