import { executorOf, type Db } from './db.js';
import type { Publication, PublicationResult, PublishedWinner } from './publication-record.js';
import { forUpdate } from './sql-dialect.js';

type Row = Omit<Publication, 'result'> & { result: string };

const COLUMNS = `id, camp_id AS "campId", as_of AS "asOf", published_at AS "publishedAt", published_by AS "publishedBy",
  inputs_hash AS "inputsHash", result, superseded_by AS "supersededBy"`;

/** The camp's publication in force (the latest not superseded), or null before the first publish. */
export async function currentPublication(db: Db, campId: string): Promise<Publication | null> {
  const row = await executorOf(db).get<Row>(
    `SELECT ${COLUMNS} FROM publications WHERE camp_id = ? AND superseded_by IS NULL ORDER BY id DESC LIMIT 1`,
    [campId],
  );
  return row ? { ...row, result: JSON.parse(row.result) as PublicationResult } : null;
}

/**
 * Holds the camp's row locked until the transaction ends, so publishing from two instances at once happens once: the
 * second waits, then sees the first's publication (SQLite's write transaction already admits one writer).
 */
export async function lockCampForPublishing(tx: Db, campId: string): Promise<void> {
  const ex = executorOf(tx);
  await ex.get(`SELECT id FROM camps WHERE id = ? ${forUpdate(ex.dialect)}`, [campId]);
}

export interface NewPublication {
  campId: string;
  asOf: number;
  publishedAt: number;
  publishedBy: string;
  inputsHash: string;
}

/** Inserts a publication whose result is filled in by `saveResult` once its certificates exist; returns its id. */
export async function insertPublication(tx: Db, publication: NewPublication): Promise<number> {
  const row = await executorOf(tx).get<{ id: number }>(
    `INSERT INTO publications (camp_id, as_of, published_at, published_by, inputs_hash, result) VALUES (?, ?, ?, ?, ?, '{}') RETURNING id`,
    [publication.campId, publication.asOf, publication.publishedAt, publication.publishedBy, publication.inputsHash],
  );
  return row!.id;
}

export async function saveResult(tx: Db, id: number, result: PublicationResult): Promise<void> {
  await executorOf(tx).run('UPDATE publications SET result = ? WHERE id = ?', [JSON.stringify(result), id]);
}

export async function supersede(tx: Db, oldId: number, newId: number): Promise<void> {
  await executorOf(tx).run('UPDATE publications SET superseded_by = ? WHERE id = ?', [newId, oldId]);
}

/** Records one issued certificate (the code is the primary key, so issuing the same one twice fails loudly). */
export async function insertCertificate(tx: Db, publicationId: number, campId: string, winner: PublishedWinner, issuedAt: number): Promise<void> {
  await executorOf(tx).run(
    `INSERT INTO certificates (code, publication_id, camp_id, award, award_name, userid, name, issued_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [winner.certificate, publicationId, campId, winner.award, winner.awardName, winner.userid, winner.name, issuedAt],
  );
}

/** An issued certificate with its camp's name and whether its publication was superseded. */
export interface IssuedCertificate {
  code: string;
  award: string;
  awardName: string;
  userid: string;
  name: string;
  campId: string;
  campName: string | null;
  issuedAt: number;
  supersededBy: number | null;
}

/** The certificate issued under this code, or undefined. */
export function findCertificate(db: Db, code: string): Promise<IssuedCertificate | undefined> {
  return executorOf(db).get<IssuedCertificate>(
    `SELECT c.code, c.award, c.award_name AS "awardName", c.userid, c.name, c.camp_id AS "campId", k.name AS "campName",
            c.issued_at AS "issuedAt", p.superseded_by AS "supersededBy"
     FROM certificates c JOIN publications p ON p.id = c.publication_id LEFT JOIN camps k ON k.id = c.camp_id
     WHERE c.code = ?`,
    [code],
  );
}
