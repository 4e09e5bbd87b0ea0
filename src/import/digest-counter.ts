const WORDS = 4;

/**
 * Counts how often each 16-byte digest was seen, in two flat typed arrays (an open-addressing hash table) rather than
 * a Map of strings: a million distinct digests take 40 MB outside the JS heap instead of about 70 MB inside it, and
 * the garbage collector never walks them.
 * @example const seen = new DigestCounter(); seen.next(digest) // 0, then 1 for the same digest
 */
export class DigestCounter {
  private words = new Uint32Array(1024 * WORDS);
  /** Times seen per slot; 0 marks an empty slot. */
  private counts = new Uint32Array(1024);
  private size = 0;

  /** How many times `digest` (its first 16 bytes) was seen before this call, which counts it once more. */
  next(digest: Buffer): number {
    if (this.size * 2 >= this.counts.length) this.grow();
    const key = [digest.readUInt32LE(0), digest.readUInt32LE(4), digest.readUInt32LE(8), digest.readUInt32LE(12)];
    const slot = this.slotOf(key);
    const seen = this.counts[slot]!;
    if (seen === 0) {
      this.words.set(key, slot * WORDS);
      this.size += 1;
    }
    this.counts[slot] = seen + 1;
    return seen;
  }

  /** The slot holding `key`, or the empty slot where it belongs. A digest is uniform, so its first word is its hash. */
  private slotOf(key: readonly number[]): number {
    const mask = this.counts.length - 1;
    const w = this.words;
    for (let slot = key[0]! & mask; ; slot = (slot + 1) & mask) {
      const at = slot * WORDS;
      if (this.counts[slot] === 0 || (w[at] === key[0] && w[at + 1] === key[1] && w[at + 2] === key[2] && w[at + 3] === key[3])) {
        return slot;
      }
    }
  }

  private grow(): void {
    const { words, counts } = this;
    this.words = new Uint32Array(words.length * 2);
    this.counts = new Uint32Array(counts.length * 2);
    for (let slot = 0; slot < counts.length; slot += 1) {
      if (counts[slot] === 0) continue;
      const key = words.subarray(slot * WORDS, slot * WORDS + WORDS);
      const to = this.slotOf(Array.from(key));
      this.words.set(key, to * WORDS);
      this.counts[to] = counts[slot]!;
    }
  }
}
