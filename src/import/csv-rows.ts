import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse, CsvError } from 'csv-parse';
import { ValidationError } from '../errors.js';
import { columnNames } from './table-row.js';

/** One CSV record and the file line it starts on. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/**
 * Streams CSV text as records with the file line each starts on; blank lines are skipped. `onHeader` gets the first
 * record as column names (trimmed, lower-cased) before any row, and may throw to refuse the file. A CSV syntax error
 * throws a one-line ValidationError naming its line. Memory stays flat however long the file is.
 * @example for await (const { line, cells } of csvRows(decodeChunks(createReadStream(file), 'utf-8'), checkHeader)) …
 */
export async function* csvRows(text: AsyncIterable<string>, onHeader: (header: string[]) => void): AsyncGenerator<CsvRecord> {
  // Lines are counted here rather than with the parser's `info`, which builds an object per record (half its time).
  const parser = parse({ relax_column_count: true, skip_empty_lines: false });
  const feeding = pipeline(Readable.from(text), parser);
  feeding.catch(() => undefined); // its error also ends the iteration below, which reports it
  let line = 1;
  let header = true;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      const start = line;
      for (const cell of cells) for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) line += 1;
      line += 1;
      if (cells.length === 1 && cells[0] === '') continue;
      if (header) onHeader(columnNames(cells));
      else yield { line: start, cells };
      header = false;
    }
    if (header) onHeader([]);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const at = (error as CsvError & { lines?: number }).lines;
    throw new ValidationError(`CSV 格式错误：line ${at ?? '?'}: ${error.message}`);
  } finally {
    parser.destroy();
  }
}
