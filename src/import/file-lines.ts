import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { decodeChunks } from './decode-chunks.js';
import { fileSource } from './import-file.js';

/**
 * The lines of a UTF-8 text file as it streams (without `\n` or `\r\n`, a leading BOM dropped).
 * @example for await (const line of fileLines('chat.jsonl')) …
 */
export function fileLines(file: string): AsyncIterable<string> {
  return createInterface({ input: Readable.from(decodeChunks(fileSource(file)(), 'utf-8')), crlfDelay: Infinity });
}
