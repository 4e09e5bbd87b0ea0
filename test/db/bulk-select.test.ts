import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { bulkRows, bulkSelect, exact } from '../../src/db/bulk-select.js';

function rowsOf(db: Sqlite.Database, sql: string): unknown[][] {
  const rows: unknown[][] = [];
  bulkRows(db.prepare(sql).raw(true).all() as unknown[][])((row) => rows.push([...row]));
  return rows;
}

describe('bulkSelect', () => {
  it('reads REAL values back as exactly the same doubles, text and NULL as they are, in order', () => {
    const db = new Sqlite(':memory:');
    db.exec('CREATE TABLE t (k INTEGER, x REAL, s TEXT)');
    const values = [0.1 + 0.2, 1 / 3, 87.33333333333333, 5e-324, 1e300, -2.5, 87, 2 ** 60, 1.7976931348623157e308, null, 'abc'];
    const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?)');
    values.forEach((x, k) => insert.run(k, x, k % 2 === 0 ? `名${k}` : null));
    const rows = rowsOf(db, bulkSelect('SELECT k, x, s FROM t ORDER BY k', ['k', exact('x'), 's']));
    expect(rows).toEqual(values.map((x, k) => [k, x, k % 2 === 0 ? `名${k}` : null]));
    // What JSON alone would give: 15 significant digits.
    expect(rowsOf(db, bulkSelect('SELECT x FROM t WHERE k = 0', ['x']))).toEqual([[0.3]]);
  });

  it('gives no rows for an empty result', () => {
    const db = new Sqlite(':memory:');
    db.exec('CREATE TABLE t (x REAL)');
    expect(rowsOf(db, bulkSelect('SELECT x FROM t', [exact('x')]))).toEqual([]);
  });
});
