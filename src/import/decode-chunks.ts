import { ValidationError } from '../errors.js';
import { ENCODING_NAMES, type TextEncoding } from './text-encoding.js';

/**
 * Decodes a byte stream strictly as it arrives (a character split between chunks is kept whole); a leading BOM is
 * dropped. Invalid bytes throw: `detectEncoding` checked the file, so they mean it changed while being read.
 * @example for await (const text of decodeChunks(createReadStream(file), 'gb18030')) …
 */
export async function* decodeChunks(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, encoding: TextEncoding): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: true });
  try {
    for await (const chunk of chunks) {
      const text = decoder.decode(chunk, { stream: true });
      if (text) yield text;
    }
    const tail = decoder.decode();
    if (tail) yield tail;
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    throw new ValidationError(`文件在读取时不再是有效的 ${ENCODING_NAMES[encoding]}（导入期间被修改？）；未导入任何内容`);
  }
}
