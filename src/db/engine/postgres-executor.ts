import { createHash } from 'node:crypto';
import type pg from 'pg';
import { TransactionAborted } from '../../errors.js';
import type { Executor, Params, RunResult, StoreSettings, TransactionMode } from './executor.js';
import { toPostgresSql } from './to-postgres-sql.js';

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
}

/** A transaction on one pooled connection; nested transactions are savepoints. */
class PostgresTransaction extends PostgresHandle {
  readonly inTransaction = true;
  private depth = 1;
  private hooks: (() => void)[][] = [[]];

  constructor(protected readonly on: pg.PoolClient, readonly settings: StoreSettings) {
    super();
  }

  async transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    const name = `sp${this.depth}`;
    await this.on.query(`SAVEPOINT ${name}`);
    this.depth += 1;
    this.hooks.push([]);
    try {
      const result = await work(this);
      await this.on.query(`RELEASE SAVEPOINT ${name}`);
      const hooks = this.hooks.pop()!;
      this.hooks.at(-1)!.push(...hooks);
      return result;
    } catch (error) {
      this.hooks.pop();
      if (error instanceof TransactionAborted) throw error;
      // A lost connection takes the whole transaction with it: say so rather than report the rollback's own failure.
      try {
        await this.on.query(`ROLLBACK TO SAVEPOINT ${name}`);
        await this.on.query(`RELEASE SAVEPOINT ${name}`);
      } catch {
        throw new TransactionAborted(error);
      }
      throw error;
    } finally {
      this.depth -= 1;
    }
  }

  afterCommit(work: () => void): void {
    this.hooks.at(-1)!.push(work);
  }

  committed(): void {
    for (const hook of this.hooks.flat()) hook();
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
      await client.query('COMMIT');
      tx.committed();
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
}
