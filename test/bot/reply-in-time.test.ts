import { describe, expect, it, vi } from 'vitest';
import type { InboundMessage, Reply } from '../../src/bot/inbound-message.js';
import { replyInTime } from '../../src/bot/reply-in-time.js';

const MESSAGE = { channel: 'app', msgId: '1', from: { userid: 'u' }, chatId: null, chatType: 'single', kind: 'text', text: '/me', createdAt: null, receivedAt: 0 } satisfies InboundMessage;

function later<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}

describe('replyInTime', () => {
  it('returns the reply (or null) when the handler finishes before the deadline', async () => {
    const hooks = { onLateReply: vi.fn(), onLateError: vi.fn() };
    await expect(replyInTime(MESSAGE, async () => ({ text: 'ok' }), 200, hooks)).resolves.toEqual({ inTime: true, reply: { text: 'ok' } });
    await expect(replyInTime(MESSAGE, async () => null, 200, hooks)).resolves.toEqual({ inTime: true, reply: null });
    expect(hooks.onLateReply).not.toHaveBeenCalled();
  });

  it('propagates a handler failure that happens in time, including a synchronous throw', async () => {
    const hooks = { onLateReply: vi.fn(), onLateError: vi.fn() };
    await expect(replyInTime(MESSAGE, () => Promise.reject(new Error('boom')), 200, hooks)).rejects.toThrow('boom');
    const throwsSync = (() => {
      throw new Error('sync');
    }) as unknown as () => Promise<Reply | null>;
    await expect(replyInTime(MESSAGE, throwsSync, 200, hooks)).rejects.toThrow('sync');
  });

  it('gives up at the deadline and hands the eventual reply to onLateReply', async () => {
    const late = new Promise<[InboundMessage, Reply]>((resolve) => {
      const hooks = { onLateReply: (m: InboundMessage, r: Reply) => resolve([m, r]), onLateError: vi.fn() };
      void replyInTime(MESSAGE, () => later(80, { text: 'slow' }), 20, hooks).then((outcome) => expect(outcome).toEqual({ inTime: false }));
    });
    await expect(late).resolves.toEqual([MESSAGE, { text: 'slow' }]);
  });

  it('reports a late failure, or a throwing onLateReply, to onLateError; a late null reply is dropped', async () => {
    const errors: unknown[] = [];
    const onLateReply = vi.fn();
    await replyInTime(MESSAGE, () => later(30, null), 5, { onLateReply, onLateError: (e) => errors.push(e) });
    await replyInTime(MESSAGE, () => later(30, null).then(() => Promise.reject(new Error('late boom'))), 5, { onLateReply, onLateError: (e) => errors.push(e) });
    const throwing = () => {
      throw new Error('hook failed');
    };
    await replyInTime(MESSAGE, () => later(30, { text: 'x' }), 5, { onLateReply: throwing, onLateError: (e) => errors.push(e) });
    await later(80, null);
    expect(onLateReply).not.toHaveBeenCalled();
    expect(errors.map((e) => (e as Error).message).sort()).toEqual(['hook failed', 'late boom']);
  });
});
