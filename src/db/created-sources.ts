import { executorOf, type Db } from './db.js';

export type CreatedSourceKind = 'living' | 'meeting';
export type CreatedSourceStatus = 'pending' | 'created' | 'failed';

/** A live lesson or meeting camp-bot is asked to create in WeCom; times in ms, the length in seconds. */
export interface SourceRequest {
  campId: string;
  kind: CreatedSourceKind;
  /** The session name (meeting) or the lesson number (live), as text. */
  target: string;
  title: string;
  startsAt: number;
  durationS: number;
  /** Minutes present (meeting) or watched (live) that count. */
  minMinutes: number;
  requestedBy: string;
  /** The group chat the link goes to; null: to the requester. */
  chatId: string | null;
}

/** A request as stored, with what became of it. */
export interface CreatedSource extends SourceRequest {
  id: number;
  requestedAt: number;
  status: CreatedSourceStatus;
  /** The livingid or meetingid once created. */
  wecomId: string | null;
  link: string | null;
  error: string | null;
}

const COLUMNS = `id, camp_id AS "campId", kind, target, title, starts_at AS "startsAt", duration_s AS "durationS",
  min_minutes AS "minMinutes", requested_by AS "requestedBy", chat_id AS "chatId", requested_at AS "requestedAt", status,
  wecom_id AS "wecomId", link, error`;

/** Records a request to create a source (pending); returns its id. Call in the transaction that asked for it. */
export async function insertSourceRequest(db: Db, request: SourceRequest, now: number): Promise<number> {
  const row = await executorOf(db).get<{ id: number }>(
    `INSERT INTO created_sources (camp_id, kind, target, title, starts_at, duration_s, min_minutes, requested_by, chat_id,
       requested_at, status, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?) RETURNING id`,
    [request.campId, request.kind, request.target, request.title, request.startsAt, request.durationS, request.minMinutes,
      request.requestedBy, request.chatId, now, now],
  );
  return row!.id;
}

/** One request by id, or undefined. */
export function createdSourceById(db: Db, id: number): Promise<CreatedSource | undefined> {
  return executorOf(db).get<CreatedSource>(`SELECT ${COLUMNS} FROM created_sources WHERE id = ?`, [id]);
}

/** The camp's sources that WeCom created for camp-bot, oldest first. */
export function createdSourcesOfCamp(db: Db, campId: string): Promise<CreatedSource[]> {
  return executorOf(db).all<CreatedSource>(
    `SELECT ${COLUMNS} FROM created_sources WHERE camp_id = ? AND status = 'created' ORDER BY id`,
    [campId],
  );
}

/** Marks a pending request created with WeCom's id; false when it was no longer pending (done by another run). */
export async function markSourceCreated(db: Db, id: number, wecomId: string, link: string | null, now: number): Promise<boolean> {
  const result = await executorOf(db).run(
    `UPDATE created_sources SET status = 'created', wecom_id = ?, link = ?, updated_at = ? WHERE id = ? AND status = 'pending'`,
    [wecomId, link, now, id],
  );
  return result.changes === 1;
}

/** Marks a pending request failed with WeCom's refusal; false when it was no longer pending. */
export async function markSourceFailed(db: Db, id: number, error: string, now: number): Promise<boolean> {
  const result = await executorOf(db).run(
    `UPDATE created_sources SET status = 'failed', error = ?, updated_at = ? WHERE id = ? AND status = 'pending'`,
    [error, now, id],
  );
  return result.changes === 1;
}
