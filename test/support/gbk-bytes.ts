let table: Map<string, number[]> | null = null;

/** Every character of GBK's two-byte range, keyed to its bytes (built once by decoding each code). */
function gbkTable(): Map<string, number[]> {
  if (table) return table;
  table = new Map();
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead += 1) {
    for (let trail = 0x40; trail <= 0xfe; trail += 1) {
      if (trail === 0x7f) continue;
      const char = decoder.decode(new Uint8Array([lead, trail]));
      if (char.length === 1 && char !== '\ufffd' && !table.has(char)) table.set(char, [lead, trail]);
    }
  }
  return table;
}

/**
 * `text` as Excel on Chinese Windows saves it (GBK, a subset of GB18030): ASCII as is, CJK as two bytes.
 * @example gbkBytes('张三') // <Buffer d5 c5 c8 fd>
 */
export function gbkBytes(text: string): Buffer {
  const bytes: number[] = [];
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) bytes.push(char.charCodeAt(0));
    else {
      const code = gbkTable().get(char);
      if (!code) throw new Error(`${char} is not in GBK`);
      bytes.push(...code);
    }
  }
  return Buffer.from(bytes);
}
