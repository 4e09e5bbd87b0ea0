import { existsSync, statSync } from 'node:fs';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { CJK_FAMILY, cjkFont, cjkFontPath, ensureFonts } from '../../src/render/fonts.js';

/** Draws one glyph black on white at 64 px; returns its pixels and how many are inked. */
function glyph(ch: string, weight: 'normal' | 'bold' = 'normal'): { data: Uint8ClampedArray; ink: number } {
  const canvas = createCanvas(80, 80);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, 80, 80);
  ctx.fillStyle = '#000000';
  ctx.font = cjkFont(64, weight);
  ctx.fillText(ch, 8, 66);
  const data = ctx.getImageData(0, 0, 80, 80).data;
  let ink = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i]! < 128) ink++;
  return { data, ink };
}

function same(a: Uint8ClampedArray, b: Uint8ClampedArray): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

describe('ensureFonts', () => {
  it('resolves the bundled OpenType files from the npm package', () => {
    for (const file of ['NotoSansHans-Regular.otf', 'NotoSansHans-Bold.otf'] as const) {
      const path = cjkFontPath(file);
      expect(existsSync(path)).toBe(true);
      expect(statSync(path).size).toBeGreaterThan(1_000_000);
    }
  });

  it('registers the family once, however often it is called', () => {
    ensureFonts();
    const count = GlobalFonts.families.length;
    ensureFonts();
    expect(GlobalFonts.has(CJK_FAMILY)).toBe(true);
    expect(GlobalFonts.families.length).toBe(count);
  });

  it('draws real Chinese glyphs, not one tofu box for every character', () => {
    ensureFonts();
    const rong = glyph('荣');
    const yu = glyph('誉');
    const missing = glyph('\uFFFF');
    expect(rong.ink).toBeGreaterThan(300);
    expect(yu.ink).toBeGreaterThan(300);
    expect(same(rong.data, yu.data)).toBe(false);
    expect(same(rong.data, missing.data)).toBe(false);
    // 誉 has many more strokes than 一: a real font shows it, a fallback box would not.
    expect(yu.ink).toBeGreaterThan(glyph('一').ink * 3);
  });

  it('covers rare name characters beyond GB2312', () => {
    ensureFonts();
    const missing = glyph('\uFFFF').data;
    for (const ch of ['赟', '喆', '堃', '龑', '㵘']) expect(same(glyph(ch).data, missing)).toBe(false);
  });

  it('has a bold face heavier than the regular one', () => {
    ensureFonts();
    expect(glyph('证', 'bold').ink).toBeGreaterThan(glyph('证').ink * 1.2);
  });
});
