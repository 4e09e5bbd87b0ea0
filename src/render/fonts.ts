import { GlobalFonts } from '@napi-rs/canvas';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Family name every renderer uses; Regular and Bold are both registered under it. */
export const CJK_FAMILY = 'CampBot CJK';

const FONT_FILES = ['NotoSansHans-Regular.otf', 'NotoSansHans-Bold.otf'] as const;

let registered = false;

/** Absolute path of one of the bundled Noto Sans Hans files (the package's exports hide its fonts/ folder). */
export function cjkFontPath(file: (typeof FONT_FILES)[number]): string {
  const entry = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
  return join(dirname(entry), '..', 'fonts', file);
}

/**
 * Registers the Simplified Chinese font once per process; call before drawing text.
 * No system font is assumed: the OTF files come from the `@embedpdf/fonts-sc` npm package (OFL-1.1).
 * @example ensureFonts(); ctx.font = `bold 48px "${CJK_FAMILY}"`;
 */
export function ensureFonts(): void {
  if (registered) return;
  for (const file of FONT_FILES) {
    const key = GlobalFonts.registerFromPath(cjkFontPath(file), CJK_FAMILY);
    if (!key) throw new Error(`字体加载失败：${cjkFontPath(file)}`);
  }
  registered = true;
}

/** A CSS font shorthand in the CJK family, e.g. `cjkFont(48, 'bold')`. */
export function cjkFont(sizePx: number, weight: 'normal' | 'bold' = 'normal'): string {
  return `${weight} ${Math.round(sizePx)}px "${CJK_FAMILY}"`;
}
