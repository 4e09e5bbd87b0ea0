import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bulkRows, bulkSelect } from '../../src/db/bulk-select.js';
import { executorOf, type Store } from '../../src/db/db.js';
import { openTestStore, testEngine } from '../support/test-store.js';

let store: Store;
beforeEach(async () => {
  store = await openTestStore();
});
afterEach(() => store.close());

async function rowsOf(select: string, columns: readonly string[], real: readonly string[] = []): Promise<unknown[][]> {
  const ex = executorOf(store);
  const rows: unknown[][] = [];
  bulkRows(ex.dialect, await ex.rows(bulkSelect(ex.dialect, select, columns, real)))((row) => rows.push([...row]));
  return rows;
}

const REAL = testEngine() === 'sqlite' ? 'REAL' : 'double precision';

describe(`bulkSelect (${testEngine()})`, () => {
  it('reads REAL values back as exactly the same doubles, text and NULL as they are, in order', async () => {
    const ex = executorOf(store);
    await ex.run(`CREATE TABLE t (k INTEGER, x ${REAL}, s TEXT)`);
    const values: (number | string | null)[] = [
      0.1 + 0.2, 1 / 3, 87.33333333333333, 5e-324, 1e300, -2.5, 87, 2 ** 60, 1.7976931348623157e308, null,
    ];
    // Only SQLite lets a REAL column hold text (it must pass through `exact` untouched).
    if (testEngine() === 'sqlite') values.push('abc');
    for (const [k, x] of values.entries()) await ex.run('INSERT INTO t VALUES (?, ?, ?)', [k, x, k % 2 === 0 ? `名${k}` : null]);
    const rows = await rowsOf('SELECT k, x, s FROM t ORDER BY k', ['k', 'x', 's'], ['x']);
    expect(rows).toEqual(values.map((x, k) => [k, x, k % 2 === 0 ? `名${k}` : null]));
  });

  // SQLite's JSON alone prints 15 significant digits: why `real` columns exist.
  it.runIf(testEngine() === 'sqlite')('loses digits of a REAL column not named as real (SQLite JSON)', async () => {
    await executorOf(store).run('CREATE TABLE t (x REAL)');
    await executorOf(store).run('INSERT INTO t VALUES (?)', [0.1 + 0.2]);
    expect(await rowsOf('SELECT x FROM t', ['x'])).toEqual([[0.3]]);
  });

  it('gives no rows for an empty result', async () => {
    await executorOf(store).run(`CREATE TABLE t (x ${REAL})`);
    expect(await rowsOf('SELECT x FROM t', ['x'], ['x'])).toEqual([]);
  });
});
