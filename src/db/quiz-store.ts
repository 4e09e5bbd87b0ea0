import { executorOf, type Db } from './db.js';

/** A quiz as stored: its validated definition as JSON text (answer keys included). */
export interface StoredQuiz {
  campId: string;
  id: string;
  definition: string;
  uploadedBy: string;
  uploadedAt: number;
}

const COLUMNS = 'camp_id AS "campId", id, definition, uploaded_by AS "uploadedBy", uploaded_at AS "uploadedAt"';

/** Adds a quiz, or replaces the one with its id. */
export async function saveQuiz(db: Db, quiz: StoredQuiz): Promise<void> {
  await executorOf(db).run(
    `INSERT INTO quizzes (camp_id, id, definition, uploaded_by, uploaded_at) VALUES (@campId, @id, @definition, @uploadedBy, @uploadedAt)
     ON CONFLICT (camp_id, id) DO UPDATE SET definition = excluded.definition, uploaded_by = excluded.uploaded_by,
       uploaded_at = excluded.uploaded_at`,
    { ...quiz },
  );
}

/** One quiz of the camp, or null. */
export async function loadQuiz(db: Db, campId: string, id: string): Promise<StoredQuiz | null> {
  return (await executorOf(db).get<StoredQuiz>(`SELECT ${COLUMNS} FROM quizzes WHERE camp_id = ? AND id = ?`, [campId, id])) ?? null;
}

/** The camp's quizzes, oldest upload first. */
export function listQuizzes(db: Db, campId: string): Promise<StoredQuiz[]> {
  return executorOf(db).all<StoredQuiz>(`SELECT ${COLUMNS} FROM quizzes WHERE camp_id = ? ORDER BY uploaded_at, id`, [campId]);
}
