import { executorOf, type Db } from './db.js';

/** A camp file as last applied. */
export interface CampFile {
  yaml: string;
  updatedAt: number;
}

/** Keeps the camp file's text as applied (called by `saveCamp` when it is given the file). */
export async function saveCampFile(db: Db, campId: string, yaml: string, now: number): Promise<void> {
  await executorOf(db).run(
    `INSERT INTO camp_files (camp_id, yaml, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (camp_id) DO UPDATE SET yaml = excluded.yaml, updated_at = excluded.updated_at`,
    [campId, yaml, now],
  );
}

/** The camp file as last applied, or null for a camp saved without its text (before the console existed). */
export async function loadCampFile(db: Db, campId: string): Promise<CampFile | null> {
  const row = await executorOf(db).get<CampFile>('SELECT yaml, updated_at AS "updatedAt" FROM camp_files WHERE camp_id = ?', [campId]);
  return row ?? null;
}
