import type { SKRSContext2D } from '@napi-rs/canvas';
import QRCode from 'qrcode';

/** Draws a QR code of `text` as dark squares in the box (x, y, size×size), with a white quiet zone. */
export function drawQrCode(ctx: SKRSContext2D, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 2;
  const cell = Math.floor(size / (modules.size + 2 * quiet));
  const offset = Math.floor((size - cell * modules.size) / 2);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(x, y, size, size);
  ctx.fillStyle = '#1f1f1f';
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) ctx.fillRect(x + offset + col * cell, y + offset + row * cell, cell, cell);
    }
  }
}
