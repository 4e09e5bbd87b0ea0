import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import { decodeChunks } from '../../src/import/decode-chunks.js';
import { detectEncoding, requireUtf8 } from '../../src/import/text-encoding.js';
import { gbkBytes } from '../support/gbk-bytes.js';

/** The bytes cut into chunks of `size`, so characters straddle chunk boundaries. */
const chunked = (bytes: Buffer, size: number) => (): Buffer[] =>
  Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));

const TEXT = 'userid,name\nu1,张三\nu2,李四\nu3,王五\n';

async function decoded(bytes: Buffer, size: number): Promise<string> {
  let text = '';
  for await (const part of decodeChunks(chunked(bytes, size)(), await detectEncoding(chunked(bytes, size)))) text += part;
  return text;
}

describe('detectEncoding and decodeChunks', () => {
  it('reads UTF-8 with or without BOM, UTF-16 by its BOM and GBK, characters split between chunks', async () => {
    expect(await detectEncoding(chunked(Buffer.from(TEXT), 3))).toBe('utf-8');
    expect(await detectEncoding(chunked(gbkBytes(TEXT), 3))).toBe('gb18030');
    expect(await decoded(Buffer.from('\uFEFF' + TEXT), 5)).toBe(TEXT);
    expect(await decoded(Buffer.from('\uFEFF' + TEXT, 'utf16le'), 3)).toBe(TEXT);
    expect(await decoded(Buffer.from('\uFEFF' + TEXT, 'utf16le').swap16(), 3)).toBe(TEXT);
    expect(await decoded(gbkBytes(TEXT), 3)).toBe(TEXT);
  });

  it('refuses a file whose BOM does not match its content, naming the line', async () => {
    const bytes = Buffer.concat([Buffer.from('\uFEFFa,b\n1,2\n'), gbkBytes('张三\n')]);
    await expect(detectEncoding(chunked(bytes, 4))).rejects.toThrow('文件开头标明是 UTF-8，但第 3 行不是有效的 UTF-8；未导入任何内容');
    const loneSurrogate = Buffer.concat([Buffer.from('\uFEFFab', 'utf16le'), Buffer.from([0x00, 0xd8, 0x41, 0x00])]);
    await expect(detectEncoding(chunked(loneSurrogate, 4))).rejects.toThrow('文件开头标明是 UTF-16 LE，但内容不是有效的 UTF-16 LE');
  });

  it('refuses what is neither UTF-8 nor GB18030, naming where each stops', async () => {
    const bytes = Buffer.concat([Buffer.from('a\n张三\n'), gbkBytes('李四\n'), Buffer.from([0x41, 0xff, 0x0a])]);
    const error = await detectEncoding(chunked(bytes, 5)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/^无法识别文件编码：第 3 行不是有效的 UTF-8，第 4 行不是有效的 GB18030\/GBK/);
  });

  it('requires UTF-8 of a chat archive, naming the encoding found', async () => {
    await expect(requireUtf8(chunked(Buffer.from('\uFEFF{}', 'utf16le'), 8))).rejects.toThrow('文件是 UTF-16 LE 编码，聊天存档须为 UTF-8');
    await expect(requireUtf8(chunked(Buffer.from('{"a":"张三"}'), 8))).resolves.toBeUndefined();
  });

  it('refuses bytes that turn invalid after the check (the file changed while read)', async () => {
    const reading = decodeChunks([Buffer.from('ok\n'), Buffer.from([0xff])], 'utf-8');
    await expect((async () => { for await (const _ of reading); })()).rejects.toThrow('文件在读取时不再是有效的 UTF-8');
  });
});
