import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import { parseCsvTable } from '../../src/import/read-table-file.js';
import { parseChatArchive } from '../../src/import/parse-chat-archive.js';

describe('parseCsvTable', () => {
  it('keys rows by lower-cased header and keeps each row\'s first file line', () => {
    const table = parseCsvTable('\uFEFFType,UserID,Note\nlesson,a,"two\nlines"\n\nexam,b,x,extra\n');
    expect(table.header).toEqual(['type', 'userid', 'note']);
    expect(table.rows.map((r) => [r.line, r.values.type, r.values.note, r.extra])).toEqual([
      [2, 'lesson', 'two\nlines', 0],
      [5, 'exam', 'x', 1],
    ]);
  });

  it('turns a CSV syntax error into a one-line ValidationError with its line', () => {
    expect(() => parseCsvTable('a,b\n1,2\n"3,4\n')).toThrow(ValidationError);
    expect(() => parseCsvTable('a,b\n1,2\n"3,4\n')).toThrow(/line 3/);
  });
});

describe('parseChatArchive', () => {
  const now = Date.parse('2026-12-01T00:00:00Z');
  it('reads messages and drops recalls, without prototype keys', () => {
    const messages = parseChatArchive([
      '{"msgid":"m1","action":"send","from":"a","roomid":"r","msgtime":1763000000000,"msgtype":"text","text":{"content":"hi"},"__proto__":{"polluted":1}}',
      '{"msgid":"m2","action":"recall","from":"a","roomid":"r","msgtime":1763000000000}',
    ].join('\n'), now);
    expect(messages).toEqual([{ line: 1, msgid: 'm1', from: 'a', roomid: 'r', msgtime: 1763000000000, msgtype: 'text', text: 'hi' }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('names every bad line', () => {
    const bad = ['{"msgid":"m1","from":"a","msgtime":4102444800000}', '[1]', '{"from":"a","msgtime":1}'].join('\n');
    try {
      parseChatArchive(bad, now);
      expect.unreachable();
    } catch (error) {
      expect((error as ValidationError).problems).toEqual([
        'line 1: msgtime 4102444800000 在未来', 'line 2: 不是 JSON 对象', 'line 3: 缺少 msgid',
      ]);
    }
  });
});
