import type { SKRSContext2D } from '@napi-rs/canvas';
import { cjkFont } from './fonts.js';

/** How a line of text is drawn by `drawFittedText`. */
export interface FitTextOptions {
  x: number;
  y: number;
  maxWidth: number;
  size: number;
  minSize?: number;
  weight?: 'normal' | 'bold';
  color: string;
  align?: 'left' | 'center' | 'right';
  /** Extra space between characters in px at `size`; scaled down with the font. */
  spacing?: number;
}

/**
 * Draws one line at the largest size (≤ `size`, ≥ `minSize`) that fits `maxWidth`; text still too wide at the
 * smallest size is cut with "…". Returns the size used, so callers can place what follows.
 */
export function drawFittedText(ctx: SKRSContext2D, text: string, options: FitTextOptions): number {
  const weight = options.weight ?? 'normal';
  const fontSize = largestFit(ctx, [text], options);
  const shown = ellipsize(ctx, text, fontSize, options);
  ctx.font = cjkFont(fontSize, weight);
  ctx.letterSpacing = `${spacingAt(fontSize, options)}px`;
  ctx.fillStyle = options.color;
  ctx.textAlign = options.align ?? 'center';
  ctx.fillText(shown, options.x + alignShift(fontSize, options), options.y);
  ctx.letterSpacing = '0px';
  return fontSize;
}

/** Width of `text` drawn with the given size and the options' weight and spacing. */
export function measure(ctx: SKRSContext2D, text: string, fontSize: number, options: FitTextOptions): number {
  ctx.font = cjkFont(fontSize, options.weight ?? 'normal');
  ctx.letterSpacing = `${spacingAt(fontSize, options)}px`;
  const width = ctx.measureText(text).width;
  ctx.letterSpacing = '0px';
  return width;
}

function ellipsize(ctx: SKRSContext2D, text: string, fontSize: number, options: FitTextOptions): string {
  if (measure(ctx, text, fontSize, options) <= options.maxWidth) return text;
  const chars = Array.from(text);
  const fits = (n: number) => measure(ctx, `${chars.slice(0, n).join('')}…`, fontSize, options) <= options.maxWidth;
  let [low, high] = [1, chars.length];
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (fits(mid)) low = mid;
    else high = mid;
  }
  return `${chars.slice(0, low).join('')}…`;
}

function spacingAt(fontSize: number, options: FitTextOptions): number {
  return ((options.spacing ?? 0) * fontSize) / options.size;
}

/** Letter spacing also trails the last glyph; shift centred text by half of it so it looks centred. */
function alignShift(fontSize: number, options: FitTextOptions): number {
  return (options.align ?? 'center') === 'center' ? spacingAt(fontSize, options) / 2 : 0;
}

/** Lines of text and the one size they are all drawn at. */
export interface FittedLines {
  lines: string[];
  size: number;
}

/**
 * One line when it fits at `wrapBelow` px or more, otherwise two balanced lines at the largest size (down to
 * `minSize`) at which the wider one fits; `drawFittedText` ellipsizes whatever still does not fit.
 */
export function fitLines(ctx: SKRSContext2D, text: string, options: FitTextOptions & { wrapBelow: number }): FittedLines {
  const oneLine = largestFit(ctx, [text], options);
  if (oneLine >= options.wrapBelow) return { lines: [text], size: oneLine };
  const lines = splitBalanced(text);
  return { lines, size: largestFit(ctx, lines, options) };
}

/** Draws `fitLines` output, the first baseline at `options.y`, `step` px apart. */
export function drawLines(ctx: SKRSContext2D, fitted: FittedLines, options: FitTextOptions, step: number): void {
  const spacing = spacingAt(fitted.size, options);
  fitted.lines.forEach((line, i) => {
    const y = options.y + i * step;
    drawFittedText(ctx, line, { ...options, y, size: fitted.size, minSize: fitted.size, spacing });
  });
}

function largestFit(ctx: SKRSContext2D, lines: string[], options: FitTextOptions): number {
  const minSize = options.minSize ?? Math.ceil(options.size / 2);
  const widest = (size: number) => Math.max(...lines.map((line) => measure(ctx, line, size, options)));
  if (widest(options.size) <= options.maxWidth) return options.size;
  let [low, high] = [minSize, options.size];
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (widest(mid) <= options.maxWidth) low = mid;
    else high = mid;
  }
  return low;
}

const BREAK_AFTER = new Set([' ', '·', '，', '、', '：', '）', '」', '与', '和', '及']);
const BREAK_BEFORE = new Set(['（', '「', '(']);

/** Two lines of similar length, broken at punctuation or a space near the middle when there is one. */
export function splitBalanced(text: string): [string, string] {
  const chars = Array.from(text.trim());
  const middle = Math.round(chars.length / 2);
  let best = middle;
  for (let d = 0; d <= Math.max(2, Math.ceil(chars.length / 8)); d++) {
    const hit = [middle - d, middle + d].find(
      (i) => i > 0 && i < chars.length && (BREAK_AFTER.has(chars[i - 1]!) || BREAK_BEFORE.has(chars[i]!)),
    );
    if (hit !== undefined) {
      best = hit;
      break;
    }
  }
  return [chars.slice(0, best).join('').trim(), chars.slice(best).join('').trim()];
}
