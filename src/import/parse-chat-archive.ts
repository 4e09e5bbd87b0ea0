import { ValidationError } from '../errors.js';
import type { Progress } from './import-result.js';
import { safeJsonParse } from '../bot/safe-json-parse.js';

/** One group message of a WeCom chat-archive (会话存档) export. */
export interface ArchiveMessage {
  line: number;
  msgid: string;
  from: string;
  roomid: string;
  msgtime: number;
  msgtype: string;
  text: string;
}

type Parsed = ArchiveMessage | string | null;

function field(record: Record<string, unknown>, name: string): string {
  const value = record[name];
  return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}

function archiveLine(line: number, raw: string, now: number): Parsed {
  const record = safeJsonParse(raw);
  if (record === undefined) return '不是有效的 JSON';
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return '不是 JSON 对象';
  const r = record as Record<string, unknown>;
  // Recalls and session switches carry no sender or content.
  if (r.action !== undefined && r.action !== 'send') return null;
  const msgid = field(r, 'msgid');
  const msgtime = Number(r.msgtime);
  if (!msgid) return '缺少 msgid';
  if (!field(r, 'from')) return '缺少 from';
  if (!Number.isFinite(msgtime) || msgtime <= 0) return `msgtime "${String(r.msgtime)}" 不是毫秒时间戳`;
  if (msgtime > now) return `msgtime ${msgtime} 在未来`;
  const text = r.text as { content?: unknown } | undefined;
  return {
    line, msgid, from: field(r, 'from'), roomid: field(r, 'roomid'), msgtime, msgtype: field(r, 'msgtype'),
    text: typeof text?.content === 'string' ? text.content : '',
  };
}

/** The messages of an archive that may count, and how many others were read. */
export interface ArchiveRead {
  messages: ArchiveMessage[];
  dropped: number;
}

/**
 * Reads chat-archive JSONL (`msgid, from, roomid, msgtime, msgtype, text.content`), one message a line, keeping only
 * the messages `keep` accepts (the rest are counted in `dropped`); recall/switch records are left out. Throws
 * ValidationError listing every bad line.
 * @example await readChatArchive(fileLines(file), Date.now(), (m) => m.roomid === 'room1')
 */
export async function readChatArchive(
  lines: AsyncIterable<string>, now: number, keep: (message: ArchiveMessage) => boolean, progress?: Progress,
): Promise<ArchiveRead> {
  const problems: string[] = [];
  const read: ArchiveRead = { messages: [], dropped: 0 };
  let line = 0;
  for await (const raw of lines) {
    line += 1;
    if (progress && line % 100_000 === 0) progress('checked', line);
    if (raw.trim() === '') continue;
    const parsed = archiveLine(line, raw, now);
    if (typeof parsed === 'string') problems.push(`line ${line}: ${parsed}`);
    else if (parsed && keep(parsed)) read.messages.push(parsed);
    else if (parsed) read.dropped += 1;
  }
  if (problems.length > 0) throw new ValidationError(`有 ${problems.length} 行错误，未导入任何内容`, problems);
  return read;
}
