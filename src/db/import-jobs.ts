import { executorOf, type Db } from './db.js';

export type ImportJobState = 'checking' | 'recording' | 'done' | 'failed';

/** An events import started in the console, as every instance reads it. */
export interface StoredImportJob {
  id: string;
  campId: string;
  state: ImportJobState;
  processed: number;
  total: number;
  recorded: number;
  duplicates: number;
  error: string | null;
  /** Bad rows as `[{ line, message }]` JSON. */
  lines: string;
  startedBy: string;
  createdAt: number;
  updatedAt: number;
}

const COLUMNS = `id, camp_id AS "campId", state, processed, total, recorded, duplicates, error, lines,
  started_by AS "startedBy", created_at AS "createdAt", updated_at AS "updatedAt"`;

export async function createImportJob(db: Db, job: StoredImportJob): Promise<void> {
  await executorOf(db).run(
    `INSERT INTO import_jobs (id, camp_id, state, processed, total, recorded, duplicates, error, lines, started_by, created_at, updated_at)
     VALUES (@id, @campId, @state, @processed, @total, @recorded, @duplicates, @error, @lines, @startedBy, @createdAt, @updatedAt)`,
    { ...job },
  );
}

export type ImportJobChange = Partial<Pick<StoredImportJob, 'state' | 'processed' | 'recorded' | 'duplicates' | 'error' | 'lines'>>;

const CHANGEABLE = ['state', 'processed', 'recorded', 'duplicates', 'error', 'lines'] as const;

/** Moves a job on (its progress, then its outcome). */
export async function updateImportJob(db: Db, id: string, change: ImportJobChange, now: number): Promise<void> {
  const columns = CHANGEABLE.filter((column) => change[column] !== undefined);
  const sets = [...columns.map((column) => `${column} = @${column}`), 'updated_at = @now'];
  await executorOf(db).run(`UPDATE import_jobs SET ${sets.join(', ')} WHERE id = @id`, { ...change, id, now });
}

/** One job of the camp, or null. */
export async function loadImportJob(db: Db, campId: string, id: string): Promise<StoredImportJob | null> {
  return (await executorOf(db).get<StoredImportJob>(`SELECT ${COLUMNS} FROM import_jobs WHERE camp_id = ? AND id = ?`, [campId, id])) ?? null;
}
