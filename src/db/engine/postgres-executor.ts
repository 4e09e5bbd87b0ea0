import { createHash } from 'node:crypto';
import type pg from 'pg';
import { TransactionAborted } from '../../errors.js';
import type { CommitSeal, Executor, Params, RunResult, StoreSettings, TransactionMode } from './executor.js';
import { toPostgresSql } from './to-postgres-sql.js';
import { TransactionHooks } from './transaction-hooks.js';

type Queryable = pg.Pool | pg.PoolClient;

const names = new Map<string, string>();

/** A stable statement name per text, so each connection parses and plans a statement once. */
function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `cb_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    if (names.size >= 5_000) names.delete(names.keys().next().value!);
    names.set(text, name);
  }
  return name;
}

function query(on: Queryable, sql: string, params: Params | undefined, rowMode?: 'array'): Promise<pg.QueryResult> {
  const { text, values } = toPostgresSql(sql, params);
  return on.query({ name: nameOf(text), text, values, ...(rowMode ? { rowMode } : {}) });
}

const BEGIN: Record<TransactionMode, string> = {
  write: 'BEGIN',
  read: 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
};

/** Shared by the pool's handle and a transaction's: how statements run and return. */
abstract class PostgresHandle implements Executor {
  readonly dialect = 'postgres';
  abstract readonly inTransaction: boolean;
  abstract readonly settings: StoreSettings;
  protected abstract readonly on: Queryable;

  async all<R>(sql: string, params?: Params): Promise<R[]> {
    return (await query(this.on, sql, params)).rows as R[];
  }

  async get<R>(sql: string, params?: Params): Promise<R | undefined> {
    return (await query(this.on, sql, params)).rows[0] as R | undefined;
  }

  async rows(sql: string, params?: Params): Promise<unknown[][]> {
    return (await query(this.on, sql, params, 'array')).rows as unknown[][];
  }

  async run(sql: string, params?: Params): Promise<RunResult> {
    return { changes: (await query(this.on, sql, params)).rowCount ?? 0 };
  }

  abstract transaction<T>(work: (tx: Executor) => Promise<T>, mode?: TransactionMode): Promise<T>;
  abstract afterCommit(work: () => void): void;
  abstract beforeCommit<T>(seal: CommitSeal<T>, item: T): void;
  abstract pendingFor<T>(seal: CommitSeal<T>): readonly T[];
}

/**
 * A transaction on one pooled connection; nested transactions are savepoints. A finished savepoint is released with
 * the next one opened at its depth, in the same round trip (`RELEASE SAVEPOINT sp1; SAVEPOINT sp1`), or by the
 * release or commit around it: left open meanwhile it changes nothing (statements after it commit or roll back with
 * the savepoints around it, and names always refer to the newest), and a group-committed batch saves a round trip
 * per message.
 */
class PostgresTransaction extends PostgresHandle {
  readonly inTransaction = true;
  private depth = 1;
  /** The savepoint finished but not yet released, if any. */
  private unreleased: string | null = null;
  readonly hooks = new TransactionHooks();

  constructor(protected readonly on: pg.PoolClient, readonly settings: StoreSettings) {
    super();
  }

  async transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    const name = `sp${this.depth}`;
    const open = this.unreleased === name ? `RELEASE SAVEPOINT ${name}; SAVEPOINT ${name}` : `SAVEPOINT ${name}`;
    this.unreleased = null;
    await this.on.query(open);
    this.depth += 1;
    this.hooks.enterSavepoint();
    try {
      const result = await work(this);
      this.unreleased = name;
      this.hooks.releaseSavepoint();
      return result;
    } catch (error) {
      this.hooks.rollbackSavepoint();
      this.unreleased = null; // any unreleased savepoint is inside this one, and goes with it
      if (error instanceof TransactionAborted) throw error;
      // A lost connection takes the whole transaction with it: say so rather than report the rollback's own failure.
      try {
        await this.on.query(`ROLLBACK TO SAVEPOINT ${name}; RELEASE SAVEPOINT ${name}`);
      } catch {
        throw new TransactionAborted(error);
      }
      throw error;
    } finally {
      this.depth -= 1;
    }
  }

  afterCommit(work: () => void): void {
    this.hooks.afterCommit(work);
  }

  beforeCommit<T>(seal: CommitSeal<T>, item: T): void {
    this.hooks.beforeCommit(seal, item);
  }

  pendingFor<T>(seal: CommitSeal<T>): readonly T[] {
    return this.hooks.pendingFor(seal);
  }
}

/**
 * An async executor over a `pg` pool: statements outside a transaction take any pooled connection; a transaction
 * holds one connection from BEGIN to COMMIT. Every statement is sent as a named prepared statement.
 */
export class PostgresExecutor extends PostgresHandle {
  readonly inTransaction = false;
  readonly settings: StoreSettings = { auditKey: null };

  constructor(protected readonly on: pg.Pool) {
    super();
  }

  get pool(): pg.Pool {
    return this.on;
  }

  async transaction<T>(work: (tx: Executor) => Promise<T>, mode: TransactionMode = 'write'): Promise<T> {
    const client = await this.on.connect();
    let broken = false;
    // A connection lost mid-transaction fails the query in flight, and the client also emits 'error': unheard (the pool
    // listens only to idle clients) that would crash the process.
    const lost = (): void => {
      broken = true;
    };
    client.on('error', lost);
    try {
      await client.query(BEGIN[mode]);
      const tx = new PostgresTransaction(client, this.settings);
      const result = await work(tx);
      await tx.hooks.seal(tx);
      await client.query('COMMIT');
      tx.hooks.committed();
      return result;
    } catch (error) {
      broken = await client.query('ROLLBACK').then(() => false, () => true);
      throw error;
    } finally {
      client.removeListener('error', lost);
      client.release(broken);
    }
  }

  afterCommit(work: () => void): void {
    work();
  }

  beforeCommit(): void {
    throw new Error('beforeCommit needs a transaction');
  }

  pendingFor<T>(): readonly T[] {
    return [];
  }
}
