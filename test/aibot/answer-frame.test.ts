import { describe, expect, it } from 'vitest';
import { answerFrame, type AnswerDeps, FAILED_NOTE, RECEIVED_NOTE, TOO_SLOW_NOTE, WORKING_NOTE } from '../../src/aibot/answer-frame.js';
import type { AiBotStream } from '../../src/bot/ai-bot-stream.js';
import { type InboundMessage, type MessageHandler, type Reply, replyMarkdown } from '../../src/bot/inbound-message.js';
import { aiBotMessageBody } from '../../src/fake-wecom/fake-inner-messages.js';

const TIMINGS = { firstFrameMs: 100, streamLimitMs: 400, handlerRetryMs: 5 };
const command = aiBotMessageBody({ from: 'u1', chatId: 'chat-1', text: '@营地助手 /me', msgId: 'm-1' });
const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function harness(handle: MessageHandler, delivered = true) {
  const sent: AiBotStream[] = [];
  const undelivered: Array<[InboundMessage, Reply]> = [];
  const logs: string[] = [];
  const deps: AnswerDeps = {
    handle,
    send: async (body) => (sent.push(body), delivered),
    onUndelivered: (message, reply) => void undelivered.push([message, reply]),
    timings: TIMINGS,
    now: Date.now,
    log: (line) => void logs.push(line),
  };
  return { deps, sent, undelivered, logs };
}

describe('answerFrame', () => {
  it('answers in time with one finished stream carrying the reply as the passive reply would', async () => {
    const reply = { text: '[第1课](http://x) *已签到*' };
    const { deps, sent } = harness(async () => reply);
    await answerFrame(command, deps);
    expect(sent).toEqual([{ msgtype: 'stream', stream: { id: expect.stringMatching(/^[0-9a-f]{24}$/), finish: true, content: replyMarkdown(reply) } }]);
    expect(sent[0]?.stream.content).not.toContain('[第1课]');
  });

  it('hands the pipeline the message as the AI-bot callback parser reads it', async () => {
    const seen: InboundMessage[] = [];
    const { deps } = harness(async (message) => (seen.push(message), null));
    await answerFrame(command, deps);
    expect(seen[0]).toMatchObject({ channel: 'ai-bot', msgId: 'm-1', chatId: 'chat-1', chatType: 'group', from: { userid: 'u1' }, kind: 'text', text: '@营地助手 /me' });
  });

  it('sends nothing where the pipeline has no answer (plain group chat)', async () => {
    const { deps, sent } = harness(async () => null);
    await answerFrame(command, deps);
    expect(sent).toEqual([]);
  });

  it('opens a slow answer with a working note, then finishes the same stream with the answer', async () => {
    const { deps, sent } = harness(async () => (await later(200), { text: '已记录' }));
    await answerFrame(command, deps);
    expect(sent.map((s) => [s.stream.finish, s.stream.content])).toEqual([
      [false, WORKING_NOTE],
      [true, '已记录'],
    ]);
    expect(sent[0]?.stream.id).toBe(sent[1]?.stream.id);
  });

  it('finishes a slow stream that ends with no answer with a short acknowledgement', async () => {
    const { deps, sent } = harness(async () => (await later(200), null));
    await answerFrame(command, deps);
    expect(sent.map((s) => s.stream.content)).toEqual([WORKING_NOTE, RECEIVED_NOTE]);
  });

  it('finishes the stream within the limit with a note and hands the late answer on', async () => {
    const { deps, sent, undelivered } = harness(async () => (await later(600), { text: '终于好了' }));
    await answerFrame(command, deps);
    expect(sent.map((s) => [s.stream.finish, s.stream.content])).toEqual([
      [false, WORKING_NOTE],
      [true, TOO_SLOW_NOTE],
    ]);
    await later(300);
    expect(undelivered.map(([message, reply]) => [message.msgId, reply.text])).toEqual([['m-1', '终于好了']]);
  });

  it('runs a failing pipeline again (three tries in all) and then says it failed', async () => {
    let calls = 0;
    const flaky = harness(async () => {
      if (++calls < 3) throw new Error('database busy');
      return { text: '好了' };
    });
    await answerFrame(command, flaky.deps);
    expect(flaky.sent.map((s) => s.stream.content)).toEqual(['好了']);
    const broken = harness(async () => {
      throw new Error('database down');
    });
    await answerFrame(command, broken.deps);
    expect(broken.sent.map((s) => s.stream.content)).toEqual([FAILED_NOTE]);
    expect(broken.logs).toHaveLength(3);
  });

  it('hands an answer the socket refused to onUndelivered', async () => {
    const { deps, undelivered } = harness(async () => ({ text: '已签到' }), false);
    await answerFrame(command, deps);
    expect(undelivered.map(([, reply]) => reply.text)).toEqual(['已签到']);
  });

  it('ignores a malformed body with one log line and no answer', async () => {
    const { deps, sent, logs } = harness(async () => ({ text: 'never' }));
    await answerFrame({ msgid: 'm-2', aibotid: 'b', msgtype: 'text', text: { content: '/me' } }, deps);
    expect(sent).toEqual([]);
    expect(logs).toEqual(['aibot: message ignored: from is not an object']);
  });
});
