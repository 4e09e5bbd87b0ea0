import type Sqlite from 'better-sqlite3';
import type { Publication, PublicationResult, PublishedWinner } from './award-result.js';

type Row = Omit<Publication, 'result'> & { result: string };

const COLUMNS = `id, camp_id AS campId, as_of AS asOf, published_at AS publishedAt, published_by AS publishedBy,
  inputs_hash AS inputsHash, result, superseded_by AS supersededBy`;

/** The camp's publication in force (the latest not superseded), or null before the first publish. */
export function currentPublication(sqlite: Sqlite.Database, campId: string): Publication | null {
  const row = sqlite
    .prepare(`SELECT ${COLUMNS} FROM publications WHERE camp_id = ? AND superseded_by IS NULL ORDER BY id DESC LIMIT 1`)
    .get(campId) as Row | undefined;
  return row ? { ...row, result: JSON.parse(row.result) as PublicationResult } : null;
}

export interface NewPublication {
  campId: string;
  asOf: number;
  publishedAt: number;
  publishedBy: string;
  inputsHash: string;
}

/** Inserts a publication whose result is filled in by `saveResult` once its certificates exist; returns its id. */
export function insertPublication(sqlite: Sqlite.Database, publication: NewPublication): number {
  const { lastInsertRowid } = sqlite
    .prepare(`INSERT INTO publications (camp_id, as_of, published_at, published_by, inputs_hash, result) VALUES (?, ?, ?, ?, ?, '{}')`)
    .run(publication.campId, publication.asOf, publication.publishedAt, publication.publishedBy, publication.inputsHash);
  return Number(lastInsertRowid);
}

export function saveResult(sqlite: Sqlite.Database, id: number, result: PublicationResult): void {
  sqlite.prepare('UPDATE publications SET result = ? WHERE id = ?').run(JSON.stringify(result), id);
}

export function supersede(sqlite: Sqlite.Database, oldId: number, newId: number): void {
  sqlite.prepare('UPDATE publications SET superseded_by = ? WHERE id = ?').run(newId, oldId);
}

/** Records one issued certificate (the code is the primary key, so issuing the same one twice fails loudly). */
export function insertCertificate(
  sqlite: Sqlite.Database,
  publicationId: number,
  campId: string,
  winner: PublishedWinner,
  issuedAt: number,
): void {
  sqlite
    .prepare(
      `INSERT INTO certificates (code, publication_id, camp_id, award, award_name, userid, name, issued_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(winner.certificate, publicationId, campId, winner.award, winner.awardName, winner.userid, winner.name, issuedAt);
}

/** The hash of the chain's last event: with the camp file and asOf, it pins down what a result was computed from. */
export function lastEventHash(sqlite: Sqlite.Database): string {
  const row = sqlite.prepare('SELECT hash FROM events ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined;
  return row?.hash ?? '';
}
