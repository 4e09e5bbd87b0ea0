import { ValidationError } from '../errors.js';

/** The encodings a text import is read in: UTF-8 (Excel's "CSV UTF-8"), UTF-16 with a BOM, GB18030 (Excel's CSV on Chinese Windows). */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** Opens the bytes again from the start each time it is called (a file can be read more than once). */
export type ByteSource = () => AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

export const ENCODING_NAMES: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8', 'utf-16le': 'UTF-16 LE', 'utf-16be': 'UTF-16 BE', gb18030: 'GB18030/GBK',
};

const SAVE_AS_UTF8 = '请另存为 UTF-8（Excel：「CSV UTF-8（逗号分隔）」）后再导入';

async function firstBytes(open: ByteSource, count: number): Promise<Uint8Array> {
  for await (const chunk of open()) return chunk.subarray(0, count);
  return new Uint8Array(0);
}

function bomEncoding(head: Uint8Array): TextEncoding | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return null;
}

/** True when the whole source decodes strictly (no replacement characters) in `encoding`. */
async function decodesAs(open: ByteSource, encoding: TextEncoding): Promise<boolean> {
  const decoder = new TextDecoder(encoding, { fatal: true });
  try {
    for await (const chunk of open()) decoder.decode(chunk, { stream: true });
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

/**
 * The 1-based line on which the source stops being valid UTF-8 or GB18030. Neither encoding uses the newline byte
 * inside a character, so each line decodes on its own.
 */
async function firstInvalidLine(open: ByteSource, encoding: 'utf-8' | 'gb18030'): Promise<number> {
  const decoder = new TextDecoder(encoding, { fatal: true });
  let line = 1;
  let rest: Uint8Array = new Uint8Array(0);
  for await (const chunk of open()) {
    let bytes = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
    for (let newline = bytes.indexOf(0x0a); newline >= 0; newline = bytes.indexOf(0x0a), line += 1) {
      if (!decodes(decoder, bytes.subarray(0, newline))) return line;
      bytes = bytes.subarray(newline + 1);
    }
    rest = bytes;
  }
  return line;
}

function decodes(decoder: InstanceType<typeof TextDecoder>, bytes: Uint8Array): boolean {
  try {
    decoder.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * The encoding a text file is in: its BOM's (UTF-8, UTF-16 LE/BE), else UTF-8 when every byte is valid UTF-8, else
 * GB18030 when every byte is valid GB18030/GBK. Anything else is refused with one line naming what was found, so a
 * file is never stored garbled.
 * @example await detectEncoding(() => createReadStream('名单.csv')) // 'gb18030' for a CSV saved by Excel on Chinese Windows
 */
export async function detectEncoding(open: ByteSource): Promise<TextEncoding> {
  const marked = bomEncoding(await firstBytes(open, 3));
  if (marked) {
    if (await decodesAs(open, marked)) return marked;
    const where = marked === 'utf-8' ? `第 ${await firstInvalidLine(open, 'utf-8')} 行` : '内容';
    throw new ValidationError(`文件开头标明是 ${ENCODING_NAMES[marked]}，但${where}不是有效的 ${ENCODING_NAMES[marked]}；未导入任何内容`);
  }
  if (await decodesAs(open, 'utf-8')) return 'utf-8';
  if (await decodesAs(open, 'gb18030')) return 'gb18030';
  const [utf8Line, gbLine] = [await firstInvalidLine(open, 'utf-8'), await firstInvalidLine(open, 'gb18030')];
  throw new ValidationError(
    `无法识别文件编码：第 ${utf8Line} 行不是有效的 UTF-8，第 ${gbLine} 行不是有效的 GB18030/GBK（混用了编码，或不是文本文件）；${SAVE_AS_UTF8}`,
  );
}

/**
 * Refuses a source that is not UTF-8 (a chat archive must be), naming the encoding it is in.
 * @example await requireUtf8(() => createReadStream('chat.jsonl'))
 */
export async function requireUtf8(open: ByteSource): Promise<void> {
  const encoding = await detectEncoding(open);
  if (encoding !== 'utf-8') throw new ValidationError(`文件是 ${ENCODING_NAMES[encoding]} 编码，聊天存档须为 UTF-8；未导入任何内容`);
}
