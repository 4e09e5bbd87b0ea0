import type Sqlite from 'better-sqlite3';
import { TransactionAborted } from '../../errors.js';
import type { CommitSeal, Executor, Params, RunResult, StoreSettings, TransactionMode } from './executor.js';
import { retryBusy } from './retry-busy.js';
import { TransactionHooks } from './transaction-hooks.js';
import { WriteLock } from './write-lock.js';

type Statement = Sqlite.Statement<unknown[], unknown>;

/** Statements kept prepared per connection; texts built per call (IN lists) would otherwise grow it without bound. */
const MAX_STATEMENTS = 2_000;

/** How long a call waits for another process's write lock before giving up (an import holds it for seconds). */
const DEFAULT_BUSY_WAIT_MS = 300_000;

function call<R>(statement: Statement, method: 'all' | 'get' | 'run', params: Params | undefined): R {
  if (params === undefined) return statement[method]() as R;
  return (Array.isArray(params) ? statement[method](...params) : statement[method](params)) as R;
}

/** The state one connection's handles share: prepared statements, the write lock and the open transaction's hooks. */
class Connection {
  private readonly statements = new Map<string, Statement>();
  private readonly rawStatements = new Map<string, Statement>();
  readonly lock = new WriteLock();
  depth = 0;
  /** The open write transaction's work for its end (null outside one). */
  hooks: TransactionHooks | null = null;
  readonly settings: StoreSettings = { auditKey: null };

  constructor(readonly sqlite: Sqlite.Database, readonly busyWaitMs: number) {}

  statement(sql: string, raw = false): Statement {
    const cache = raw ? this.rawStatements : this.statements;
    let statement = cache.get(sql);
    if (!statement) {
      statement = this.sqlite.prepare(sql);
      if (raw) statement.raw(true);
      if (cache.size >= MAX_STATEMENTS) cache.delete(cache.keys().next().value!);
      cache.set(sql, statement);
    }
    return statement;
  }

  exec(sql: string): void {
    this.statement(sql).run();
  }
}

/**
 * An async face over one better-sqlite3 connection. Statements still run synchronously (the fastest way to use
 * SQLite); what is async is waiting: for this process's other write transactions (a FIFO lock) and for another
 * process's write lock (retried on a timer, never in SQLite's blocking busy handler), so a CLI import beside `serve`
 * never stalls the event loop. Reads outside a transaction run at once; writes outside one take the lock.
 */
class SqliteHandle implements Executor {
  readonly dialect = 'sqlite';

  constructor(protected readonly connection: Connection, readonly inTransaction: boolean) {}

  get settings(): StoreSettings {
    return this.connection.settings;
  }

  async all<R>(sql: string, params?: Params): Promise<R[]> {
    return this.perform(sql, false, (statement) => call<R[]>(statement, 'all', params));
  }

  async get<R>(sql: string, params?: Params): Promise<R | undefined> {
    return this.perform(sql, false, (statement) => call<R | undefined>(statement, 'get', params));
  }

  async rows(sql: string, params?: Params): Promise<unknown[][]> {
    return this.perform(sql, true, (statement) => call<unknown[][]>(statement, 'all', params));
  }

  async run(sql: string, params?: Params): Promise<RunResult> {
    return this.perform(sql, false, (statement) => ({ changes: call<Sqlite.RunResult>(statement, 'run', params).changes }));
  }

  transaction<T>(work: (tx: Executor) => Promise<T>, mode: TransactionMode = 'write'): Promise<T> {
    if (this.inTransaction) return this.savepoint(work);
    // A read "transaction" reads committed data statement by statement; SQLite has one connection here, and holding
    // a snapshot open on it would keep every writer of this process waiting.
    if (mode === 'read') return work(this);
    return this.connection.lock.run(() => this.writeTransaction(work));
  }

  afterCommit(work: () => void): void {
    const { hooks } = this.connection;
    if (this.inTransaction && hooks) hooks.afterCommit(work);
    else work();
  }

  beforeCommit<T>(seal: CommitSeal<T>, item: T): void {
    const { hooks } = this.connection;
    if (!this.inTransaction || !hooks) throw new Error('beforeCommit needs a write transaction');
    hooks.beforeCommit(seal, item);
  }

  pendingFor<T>(seal: CommitSeal<T>): readonly T[] {
    const { hooks } = this.connection;
    return this.inTransaction && hooks ? hooks.pendingFor(seal) : [];
  }

  private perform<T>(sql: string, raw: boolean, run: (statement: Statement) => T): Promise<T> {
    const { connection } = this;
    const statement = connection.statement(sql, raw);
    if (this.inTransaction) {
      // SQLite rolled the transaction back by itself (disk full, I/O): the statement would run, and commit, on its own.
      if (!connection.sqlite.inTransaction) return Promise.reject(new TransactionAborted(new Error('SQLite rolled the transaction back')));
      return Promise.resolve(run(statement));
    }
    if (statement.readonly) return retryBusy(() => run(statement), connection.busyWaitMs);
    return connection.lock.run(() => retryBusy(() => run(statement), connection.busyWaitMs));
  }

  private async writeTransaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    const { connection } = this;
    await retryBusy(() => connection.exec('BEGIN IMMEDIATE'), connection.busyWaitMs);
    connection.depth = 1;
    const hooks = new TransactionHooks();
    connection.hooks = hooks;
    try {
      const tx = new SqliteHandle(connection, true);
      const result = await work(tx);
      await hooks.seal(tx);
      if (!connection.sqlite.inTransaction) throw new TransactionAborted(new Error('SQLite rolled the transaction back'));
      await retryBusy(() => connection.exec('COMMIT'), connection.busyWaitMs);
      connection.hooks = null;
      hooks.committed();
      return result;
    } catch (error) {
      // SQLite rolls a transaction back by itself on some failures (disk full, I/O); only roll back what is open.
      if (connection.sqlite.inTransaction) connection.exec('ROLLBACK');
      throw error;
    } finally {
      connection.hooks = null;
      connection.depth = 0;
    }
  }

  private async savepoint<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    const { connection } = this;
    const name = `sp${connection.depth}`;
    connection.exec(`SAVEPOINT ${name}`);
    connection.depth += 1;
    connection.hooks?.enterSavepoint();
    try {
      const result = await work(this);
      connection.exec(`RELEASE ${name}`);
      connection.hooks?.releaseSavepoint();
      return result;
    } catch (error) {
      connection.hooks?.rollbackSavepoint();
      // SQLite rolls the whole transaction back by itself on some failures (disk full, I/O): nothing of it stands.
      if (!connection.sqlite.inTransaction) throw error instanceof TransactionAborted ? error : new TransactionAborted(error);
      connection.exec(`ROLLBACK TO ${name}`);
      connection.exec(`RELEASE ${name}`);
      throw error;
    } finally {
      connection.depth -= 1;
    }
  }
}

/** The root handle of a SQLite store, with what only the engine itself needs. */
export class SqliteExecutor extends SqliteHandle {
  constructor(readonly sqlite: Sqlite.Database, busyWaitMs = DEFAULT_BUSY_WAIT_MS) {
    super(new Connection(sqlite, busyWaitMs), false);
  }

  /** True while a write transaction of this process is open or waiting to open. */
  get writing(): boolean {
    return this.connection.lock.held;
  }
}
