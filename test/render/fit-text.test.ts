import { createCanvas } from '@napi-rs/canvas';
import { beforeAll, describe, expect, it } from 'vitest';
import { drawFittedText, fitLines, measure, splitBalanced } from '../../src/render/fit-text.js';
import { ensureFonts } from '../../src/render/fonts.js';

const ctx = createCanvas(1600, 400).getContext('2d');
const STYLE = { x: 800, y: 200, maxWidth: 600, size: 80, minSize: 20, color: '#000000' } as const;

beforeAll(() => ensureFonts());

describe('drawFittedText', () => {
  it('keeps the requested size when the text fits', () => {
    expect(drawFittedText(ctx, '张三', STYLE)).toBe(80);
  });

  it('shrinks a long line to the largest size that fits the width', () => {
    const text = '阿卜杜热西提·买买提艾力·司马义';
    const size = drawFittedText(ctx, text, STYLE);
    expect(size).toBeLessThan(80);
    expect(measure(ctx, text, size, STYLE)).toBeLessThanOrEqual(600);
    expect(measure(ctx, text, size + 1, STYLE)).toBeGreaterThan(600);
  });

  it('stops at the minimum size for text that can never fit', () => {
    expect(drawFittedText(ctx, '长'.repeat(200), STYLE)).toBe(20);
  });
});

describe('fitLines', () => {
  it('keeps one line when it fits at or above the wrap threshold', () => {
    expect(fitLines(ctx, '综合成绩一等奖', { ...STYLE, wrapBelow: 60 })).toEqual({ lines: ['综合成绩一等奖'], size: 80 });
  });

  it('wraps into two lines that both fit, larger than one squeezed line', () => {
    const text = '最佳跨部门协作与知识分享卓越贡献奖（年度特别嘉奖）';
    const single = fitLines(ctx, text, { ...STYLE, wrapBelow: 0 }).size;
    const fitted = fitLines(ctx, text, { ...STYLE, wrapBelow: 60 });
    expect(fitted.lines).toEqual(['最佳跨部门协作与知识分享卓越贡献奖', '（年度特别嘉奖）']);
    expect(fitted.size).toBeGreaterThan(single);
    for (const line of fitted.lines) expect(measure(ctx, line, fitted.size, STYLE)).toBeLessThanOrEqual(600);
  });
});

describe('splitBalanced', () => {
  it('breaks at punctuation near the middle', () => {
    expect(splitBalanced('销售部·华东区域中心')).toEqual(['销售部·', '华东区域中心']);
  });

  it('breaks in the middle when no punctuation is near', () => {
    expect(splitBalanced('一二三四五六七八九十')).toEqual(['一二三四五', '六七八九十']);
  });
});

describe('ellipsis', () => {
  it('cuts text that cannot fit even at the minimum size to the longest prefix that fits with "…"', () => {
    const canvas = createCanvas(1600, 100);
    const small = canvas.getContext('2d');
    const style = { ...STYLE, y: 60, size: 20, minSize: 20, maxWidth: 200 };
    drawFittedText(small, '长'.repeat(50), style);
    const perChar = measure(small, '长', 20, style);
    const ellipsis = measure(small, '…', 20, style);
    const kept = Math.floor((200 - ellipsis) / perChar);
    // Ink stops at the right end of the kept text plus the ellipsis, centred on x = 800.
    const data = small.getImageData(0, 0, 1600, 100).data;
    let rightmost = 0;
    for (let x = 0; x < 1600; x++) for (let y = 0; y < 100; y++) if (data[(y * 1600 + x) * 4 + 3]! > 0) rightmost = x;
    const expectedRight = 800 + (kept * perChar + ellipsis) / 2;
    expect(Math.abs(rightmost - expectedRight)).toBeLessThan(perChar / 2);
  });
});
