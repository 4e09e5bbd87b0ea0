import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/commands/parse-command-line.js';
import { findCommand } from '../../src/commands/find-command.js';
import { commands } from '../../src/commands/registry.js';

describe('parseCommandLine', () => {
  it('reads / and full-width ／ after the @BotName mention and WeCom\'s U+2005 space', () => {
    expect(parseCommandLine('/me')).toEqual({ words: ['me'] });
    expect(parseCommandLine('@训练营助手\u2005／记分 exam @张三 88')).toEqual({ words: ['记分', 'exam', '@张三', '88'] });
    expect(parseCommandLine('  @bot @other  /rank   5 ')).toEqual({ words: ['rank', '5'] });
  });

  it('is null for chat, including a slash later in the text', () => {
    expect(parseCommandLine('今天的课很有收获')).toBeNull();
    expect(parseCommandLine('@训练营助手 看看 /me')).toBeNull();
    expect(parseCommandLine('')).toBeNull();
  });
});

describe('findCommand', () => {
  it('matches English names in any case and Chinese aliases', () => {
    expect(findCommand(['ME'], commands)?.spec.name).toBe('me');
    expect(findCommand(['我的'], commands)?.spec.name).toBe('me');
    expect(findCommand(['记分', 'exam', '@张三', '88'], commands)).toMatchObject({ spec: { name: 'score' }, args: ['exam', '@张三', '88'] });
  });

  it('matches a two-word name and its one-word alias', () => {
    expect(findCommand(['camp', 'bind', 'ai-test'], commands)).toMatchObject({ spec: { name: 'camp bind' }, args: ['ai-test'] });
    expect(findCommand(['绑定', 'ai-test'], commands)).toMatchObject({ spec: { name: 'camp bind' }, args: ['ai-test'] });
    expect(findCommand(['camp'], commands)).toBeNull();
  });

  it('gives every command a distinct name and alias', () => {
    const names = commands.flatMap((spec) => [spec.name, ...spec.aliases].map((name) => name.toLowerCase()));
    expect(new Set(names).size).toBe(names.length);
  });
});
