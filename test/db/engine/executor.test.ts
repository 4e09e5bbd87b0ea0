import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { afterCommit, executorOf, transaction, type Db, type Store } from '../../../src/db/db.js';
import type { CommitSeal } from '../../../src/db/engine/executor.js';
import { openTestStore, testEngine } from '../../support/test-store.js';

let store: Store;
beforeEach(async () => {
  store = await openTestStore();
});
afterEach(() => store.close());

const insertPerson = 'INSERT INTO people (userid, name) VALUES (?, ?)';
const names = async (): Promise<string[]> =>
  (await executorOf(store).all<{ name: string }>('SELECT name FROM people ORDER BY userid')).map((row) => row.name);

describe(`executor (${testEngine()})`, () => {
  it('runs ? and @name statements and returns plain rows, numbers as numbers', async () => {
    const db = executorOf(store);
    expect(await db.run(insertPerson, ['u1', '张三'])).toEqual({ changes: 1 });
    await db.run('INSERT INTO people (userid, name, department) VALUES (@userid, @name, @name)', { userid: 'u2', name: '李四' });
    expect(await db.get('SELECT name, department FROM people WHERE userid = @id', { id: 'u2' })).toEqual({ name: '李四', department: '李四' });
    expect(await db.get('SELECT count(*) AS "n", EXISTS (SELECT 1 FROM people) AS "any" FROM people')).toEqual({ n: 2, any: 1 });
    expect(await db.rows('SELECT userid, name FROM people ORDER BY userid')).toEqual([['u1', '张三'], ['u2', '李四']]);
    expect(await db.get('SELECT name FROM people WHERE userid = ?', ['nobody'])).toBeUndefined();
  });

  it('commits a transaction whole, or nothing of it when it throws', async () => {
    await transaction(store, async (tx) => {
      await executorOf(tx).run(insertPerson, ['u1', 'a']);
    });
    await expect(transaction(store, async (tx) => {
      await executorOf(tx).run(insertPerson, ['u2', 'b']);
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(await names()).toEqual(['a']);
  });

  it('nests as savepoints: an inner failure rolls back only the inner work', async () => {
    await transaction(store, async (tx) => {
      await executorOf(tx).run(insertPerson, ['u1', 'outer']);
      await expect(transaction(tx, async (inner) => {
        await executorOf(inner).run(insertPerson, ['u2', 'inner']);
        await executorOf(inner).run(insertPerson, ['u1', 'duplicate']);
      })).rejects.toThrow();
      await executorOf(tx).run(insertPerson, ['u3', 'after']);
    });
    expect(await names()).toEqual(['outer', 'after']);
  });

  it('keeps the work of released savepoints through later siblings, rollbacks and nesting', async () => {
    const insert = (db: Db, userid: string) => executorOf(db).run(insertPerson, [userid, userid]);
    const fail = (work: (inner: Db) => Promise<unknown>) => (tx: Db) => expect(transaction(tx, async (inner) => {
      await work(inner);
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    await transaction(store, async (tx) => {
      await transaction(tx, (m1) => insert(m1, 'a')); // like group commit: one savepoint per message
      await transaction(tx, async (m2) => {
        await transaction(m2, (command) => insert(command, 'b'));
        await insert(m2, 'c');
      });
      await fail(async (m3) => {
        await transaction(m3, (command) => insert(command, 'x1'));
        await insert(m3, 'x2');
      })(tx);
      await transaction(tx, async (m4) => {
        await fail((command) => insert(command, 'x3'))(m4);
        await transaction(m4, (command) => insert(command, 'd'));
      });
      await insert(tx, 'e');
    });
    expect(await names()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('seals once before commit with the items still standing, in order, and the seal writes in the transaction', async () => {
    const sealed: string[][] = [];
    const seal: CommitSeal<string> = async (ex, items) => {
      sealed.push([...items]);
      await ex.run(insertPerson, ['sealed', items.join(',')]);
    };
    await transaction(store, async (tx) => {
      executorOf(tx).beforeCommit(seal, 'a');
      await transaction(tx, async (inner) => executorOf(inner).beforeCommit(seal, 'b'));
      await transaction(tx, async (inner) => {
        executorOf(inner).beforeCommit(seal, 'dropped');
        expect(executorOf(inner).pendingFor(seal)).toEqual(['a', 'b', 'dropped']);
        throw new Error('inner');
      }).catch(() => undefined);
      executorOf(tx).beforeCommit(seal, 'c');
      expect(sealed).toEqual([]);
    });
    expect(sealed).toEqual([['a', 'b', 'c']]);
    expect(await names()).toEqual(['a,b,c']);
    expect(executorOf(store).pendingFor(seal)).toEqual([]);
    await expect(transaction(store, async (tx) => {
      executorOf(tx).beforeCommit(async () => {
        await executorOf(tx).run(insertPerson, ['u9', 'never']);
        throw new Error('seal refused');
      }, 'x');
    })).rejects.toThrow('seal refused');
    expect(await names()).toEqual(['a,b,c']);
  });

  it('runs after-commit work only once the outermost transaction commits, never for rolled-back work', async () => {
    const ran: string[] = [];
    await transaction(store, async (tx) => {
      afterCommit(tx, () => ran.push('outer'));
      await transaction(tx, async (inner) => {
        afterCommit(inner, () => ran.push('kept savepoint'));
      });
      await transaction(tx, async (inner) => {
        afterCommit(inner, () => ran.push('rolled back'));
        throw new Error('inner');
      }).catch(() => undefined);
      expect(ran).toEqual([]);
    });
    expect(ran.sort()).toEqual(['kept savepoint', 'outer']);
    await transaction(store, async (tx) => {
      afterCommit(tx, () => ran.push('never'));
      throw new Error('x');
    }).catch(() => undefined);
    expect(ran).not.toContain('never');
  });

  // One writer at a time is SQLite's model; PostgreSQL runs them concurrently (read committed).
  it.runIf(testEngine() === 'sqlite')('runs this process\'s write transactions one after another', async () => {
    const order: string[] = [];
    await Promise.all(['a', 'b', 'c'].map((id) => transaction(store, async (tx) => {
      const db = executorOf(tx);
      const before = (await db.get<{ n: number }>('SELECT count(*) AS "n" FROM people'))!.n;
      await db.run(insertPerson, [id, `n${before}`]);
      order.push(id);
    })));
    expect(order).toHaveLength(3);
    // Run one after another, each counted the rows committed before it: n0, n1, n2 in some order.
    expect((await names()).sort()).toEqual(['n0', 'n1', 'n2']);
  });
});
