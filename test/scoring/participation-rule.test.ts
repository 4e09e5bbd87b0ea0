import { describe, expect, it } from 'vitest';
import { contentLength, countsAsParticipation, isCommandText } from '../../src/scoring/participation-rule.js';

const rules = { minChars: 5, cooldownSeconds: 60, dailyCap: 3 };
const fresh = { lastCountedAt: null, countedToday: 0 };
const at = Date.parse('2026-11-10T02:00:00Z');

describe('countsAsParticipation', () => {
  it('counts code points after removing @mentions and white space', () => {
    expect(contentLength('@camp-bot 我 觉得\u2005很好')).toBe(5);
    expect(countsAsParticipation({ kind: 'text', text: '@张三 我觉得好', at }, fresh, rules)).toEqual({ counts: false, reason: 'too-short' });
    expect(countsAsParticipation({ kind: 'text', text: '@张三 我觉得很好', at }, fresh, rules)).toEqual({ counts: true });
    expect(countsAsParticipation({ kind: 'text', text: '😀😀😀😀😀', at }, fresh, rules)).toEqual({ counts: true });
  });

  it('never counts commands, even after a mention or with a full-width slash', () => {
    expect(isCommandText('@camp-bot /rank 10')).toBe(true);
    expect(countsAsParticipation({ kind: 'text', text: '／排行 十个人的名单', at }, fresh, rules)).toEqual({ counts: false, reason: 'command' });
  });

  it('counts files, images and links whatever their text, but not other kinds', () => {
    expect(countsAsParticipation({ kind: 'image', text: '', at }, fresh, rules).counts).toBe(true);
    expect(countsAsParticipation({ kind: 'link', text: '', at }, fresh, rules).counts).toBe(true);
    expect(countsAsParticipation({ kind: 'event', text: 'enter_agent', at }, fresh, rules)).toEqual({ counts: false, reason: 'not-content' });
  });

  it('applies the cooldown from the previous counted message and the daily cap', () => {
    const text = '这是一条足够长的发言';
    expect(countsAsParticipation({ kind: 'text', text, at }, { lastCountedAt: at - 59_999, countedToday: 1 }, rules))
      .toEqual({ counts: false, reason: 'cooldown' });
    expect(countsAsParticipation({ kind: 'text', text, at }, { lastCountedAt: at - 60_000, countedToday: 2 }, rules)).toEqual({ counts: true });
    expect(countsAsParticipation({ kind: 'text', text, at }, { lastCountedAt: at - 60_000, countedToday: 3 }, rules))
      .toEqual({ counts: false, reason: 'daily-cap' });
  });
});
