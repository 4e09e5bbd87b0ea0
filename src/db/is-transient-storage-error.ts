import { DatabaseBusy, MessageInFlight, TransactionAborted } from '../errors.js';

// SQLite: locked by another process, or out of disk / I/O trouble that an operator can clear.
const SQLITE_CODES = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|PROTOCOL)/;
// PostgreSQL: serialization failure, deadlock, too many connections, server shutting down, connection failures.
const POSTGRES_CODES = new Set(['40001', '40P01', '53300', '57P01', '57P02', '57P03']);
const POSTGRES_CLASSES = ['08'];
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);

/**
 * True when a storage failure may pass if the same work is tried again later (the database was busy, full, briefly
 * unreachable, or another instance held the message) — as opposed to a bug or bad data, which would fail again.
 */
export function isTransientStorageError(error: unknown): boolean {
  if (error instanceof DatabaseBusy || error instanceof TransactionAborted || error instanceof MessageInFlight) return true;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return /Connection terminated|connection timeout/i.test(String((error as Error)?.message));
  return SQLITE_CODES.test(code) || POSTGRES_CODES.has(code) || POSTGRES_CLASSES.includes(code.slice(0, 2)) || NETWORK_CODES.has(code);
}
