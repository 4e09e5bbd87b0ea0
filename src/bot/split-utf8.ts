const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Splits text into pieces of at most `maxBytes` UTF-8 bytes whose concatenation is the input. A piece ends
 * after a newline when one lies in its second half; a character (grapheme, or at least a code point) is never cut.
 * @example splitUtf8('一二三', 6) // ['一二', '三']
 */
export function splitUtf8(text: string, maxBytes: number): string[] {
  if (!Number.isInteger(maxBytes) || maxBytes < 4) throw new RangeError(`maxBytes must be an integer ≥ 4, got ${maxBytes}`);
  if (Buffer.byteLength(text) <= maxBytes) return [text];
  const chunks: string[] = [];
  let current = '';
  let bytes = 0;
  let breakAt = 0; // length of `current` up to and including its last newline
  let breakBytes = 0;
  for (const piece of pieces(text, maxBytes)) {
    const size = Buffer.byteLength(piece);
    while (bytes > 0 && bytes + size > maxBytes) {
      const cut = breakBytes * 2 >= maxBytes ? breakAt : current.length;
      chunks.push(current.slice(0, cut));
      current = current.slice(cut);
      bytes = Buffer.byteLength(current);
      breakAt = 0;
      breakBytes = 0;
    }
    current += piece;
    bytes += size;
    if (piece.endsWith('\n')) {
      breakAt = current.length;
      breakBytes = bytes;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}

/** Graphemes, except that one longer than `maxBytes` (a long combining sequence) is given as its code points. */
function* pieces(text: string, maxBytes: number): Generator<string> {
  for (const { segment } of segmenter.segment(text)) {
    if (Buffer.byteLength(segment) <= maxBytes) yield segment;
    else yield* Array.from(segment);
  }
}
