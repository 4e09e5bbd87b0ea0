import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import { readChatArchive } from '../../src/import/parse-chat-archive.js';

async function* linesOf(...lines: string[]): AsyncGenerator<string> {
  yield* lines;
}

describe('readChatArchive', () => {
  const now = Date.parse('2026-12-01T00:00:00Z');
  it('reads messages and drops recalls, without prototype keys', async () => {
    const read = await readChatArchive(linesOf(
      '{"msgid":"m1","action":"send","from":"a","roomid":"r","msgtime":1763000000000,"msgtype":"text","text":{"content":"hi"},"__proto__":{"polluted":1}}',
      '{"msgid":"m2","action":"recall","from":"a","roomid":"r","msgtime":1763000000000}',
    ), now, () => true);
    expect(read).toEqual({ messages: [{ line: 1, msgid: 'm1', from: 'a', roomid: 'r', msgtime: 1763000000000, msgtype: 'text', text: 'hi' }], dropped: 0 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps only what `keep` accepts and counts the rest', async () => {
    const line = (msgid: string, from: string): string => JSON.stringify({ msgid, from, roomid: 'r', msgtime: 1763000000000, msgtype: 'text' });
    const read = await readChatArchive(linesOf(line('m1', 'a'), '', line('m2', 'b')), now, (m) => m.from === 'b');
    expect([read.messages.map((m) => [m.msgid, m.line]), read.dropped]).toEqual([[['m2', 3]], 1]);
  });

  it('names every bad line', async () => {
    const bad = linesOf('{"msgid":"m1","from":"a","msgtime":4102444800000}', '[1]', '{"from":"a","msgtime":1}');
    const error = await readChatArchive(bad, now, () => true).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems).toEqual([
      'line 1: msgtime 4102444800000 在未来', 'line 2: 不是 JSON 对象', 'line 3: 缺少 msgid',
    ]);
  });
});
