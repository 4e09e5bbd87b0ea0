import { randomBytes } from 'node:crypto';

const POOL_BYTES = 4096;
let pool = randomBytes(POOL_BYTES);
let offset = 0;

/**
 * `n` bytes from the CSPRNG, served from a pooled buffer: one randomBytes call per 4 KiB instead of one per reply.
 * Each byte is handed out once; a refill allocates a new buffer, so earlier slices stay untouched.
 * @example const iv = takeRandomBytes(16);
 */
export function takeRandomBytes(n: number): Buffer {
  if (n > POOL_BYTES) return randomBytes(n);
  if (offset + n > POOL_BYTES) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + n);
  offset += n;
  return bytes;
}
