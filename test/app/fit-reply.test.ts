import { describe, expect, it } from 'vitest';
import { fitReply, REPLY_TEXT_LIMIT_BYTES } from '../../src/app/fit-reply.js';

describe('fitReply', () => {
  it('leaves short replies alone and cuts long ones on a line boundary within the limit', () => {
    expect(fitReply({ text: '已记录 #1' })).toEqual({ text: '已记录 #1' });
    const long = Array.from({ length: 200 }, (_, i) => `第${i}行：小明 综合分 88.00`).join('\n');
    const cut = fitReply({ text: long }).text;
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(REPLY_TEXT_LIMIT_BYTES);
    expect(cut.endsWith('\n…（内容较长，已截断）')).toBe(true);
    expect(long.startsWith(cut.slice(0, cut.indexOf('\n…')))).toBe(true);
  });
});
