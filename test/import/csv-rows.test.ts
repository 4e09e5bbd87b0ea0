import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import { csvRows, type CsvRecord } from '../../src/import/csv-rows.js';

async function read(chunks: string[]): Promise<{ header: string[]; records: CsvRecord[] }> {
  let header: string[] = [];
  const records: CsvRecord[] = [];
  for await (const record of csvRows((async function* () { yield* chunks; })(), (names) => (header = names))) records.push(record);
  return { header, records };
}

describe('csvRows', () => {
  it('names columns by the lower-cased header and keeps each record\'s first file line', async () => {
    const { header, records } = await read(['Type,UserID,Note\r\nlesson,a,"two\nlines"\r\n\r\nexam,b,x,extra\r\n']);
    expect(header).toEqual(['type', 'userid', 'note']);
    expect(records).toEqual([{ line: 2, cells: ['lesson', 'a', 'two\nlines'] }, { line: 5, cells: ['exam', 'b', 'x', 'extra'] }]);
  });

  it('reads records split anywhere between chunks', async () => {
    const { records } = await read(['a,b\n1,"x', 'y"\n2', ',z\n']);
    expect(records).toEqual([{ line: 2, cells: ['1', 'xy'] }, { line: 3, cells: ['2', 'z'] }]);
  });

  it('turns a CSV syntax error into a one-line ValidationError with its line', async () => {
    await expect(read(['a,b\n1,2\n"3,4\n'])).rejects.toThrow(ValidationError);
    await expect(read(['a,b\n1,2\n"3,4\n'])).rejects.toThrow(/line 3/);
  });

  it('gives an empty file an empty header', async () => {
    expect(await read([''])).toEqual({ header: [], records: [] });
  });
});
