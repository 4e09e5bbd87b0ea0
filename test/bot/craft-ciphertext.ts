import { createCipheriv } from 'node:crypto';

/**
 * Encrypts raw bytes with WeCom's AES-256-CBC scheme but no padding of its own, so tests can build envelopes that
 * the library would never produce (bad padding, impossible lengths). `plain` must be whole 16-byte blocks.
 */
export function encryptRaw(encodingAesKey: string, plain: Buffer): string {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}

/** random(16) + length(4, big-endian) + message + receiveId, as WeCom lays out a plaintext. */
export function layout(message: string, receiveId: string, declaredLength = Buffer.byteLength(message)): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(declaredLength, 0);
  return Buffer.concat([Buffer.alloc(16, 7), length, Buffer.from(message), Buffer.from(receiveId)]);
}

/** PKCS#7 to a 32-byte block, as WeCom pads. */
export function pad32(data: Buffer): Buffer {
  const n = 32 - (data.length % 32);
  return Buffer.concat([data, Buffer.alloc(n, n)]);
}
