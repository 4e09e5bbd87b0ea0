import { executorOf, type Db } from './db.js';

/** Records a sign-in `state` handed to WeCom, usable once until `expiresAt`; states already expired are dropped. */
export async function rememberLoginState(db: Db, state: string, expiresAt: number, now: number): Promise<void> {
  const ex = executorOf(db);
  await ex.run('DELETE FROM console_login_states WHERE expires_at < ?', [now]);
  await ex.run('INSERT INTO console_login_states (state, expires_at) VALUES (?, ?)', [state, expiresAt]);
}

/**
 * Takes a sign-in `state` for good: true once for a state remembered and not expired, false for any other (unknown,
 * expired, or already taken by this or another instance: the delete is the claim).
 */
export async function takeLoginState(db: Db, state: string, now: number): Promise<boolean> {
  const { changes } = await executorOf(db).run('DELETE FROM console_login_states WHERE state = ? AND expires_at >= ?', [state, now]);
  return changes === 1;
}
