import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLongConnection, type LongConnection, type LongConnectionOptions } from '../../src/aibot/long-connection.js';
import { createMemoryLease, type LeaseHolder } from '../../src/aibot/memory-lease.js';
import { dedupeKey, type InboundMessage, type MessageHandler, type Reply, replyMarkdown } from '../../src/bot/inbound-message.js';
import { type FakeAiBotServer, startFakeAiBotServer } from '../../src/fake-wecom/fake-aibot-server.js';

const BOT = { botId: 'aibot-camp', secret: 'aibot-secret' };
const FAST = {
  leaseMs: 40,
  reconnectBaseMs: 20,
  reconnectCapMs: 100,
  refusedCapMs: 2_000,
  subscribeTimeoutMs: 2_000,
  heartbeatMs: 100,
  inboundSilenceMs: 60_000,
  firstFrameMs: 2_000,
  streamLimitMs: 5_000,
  handlerRetryMs: 10,
};

let wecom: FakeAiBotServer;
let connections: LongConnection[];
let logs: string[];

beforeEach(async () => {
  wecom = await startFakeAiBotServer(BOT);
  connections = [];
  logs = [];
});
afterEach(async () => {
  await Promise.all(connections.map((c) => c.stop()));
  await wecom.close();
});

/** A pipeline that keeps the contract of the real one: one effect per msgid, the same answer for a repeat. */
function campPipeline() {
  const answers = new Map<string, Promise<Reply | null>>();
  const effects: string[] = [];
  const handle: MessageHandler = (message) => {
    const key = dedupeKey(message);
    if (!answers.has(key)) answers.set(key, Promise.resolve(effect(message, effects)));
    return answers.get(key) as Promise<Reply | null>;
  };
  return { handle, effects };
}

function effect(message: InboundMessage, effects: string[]): Reply | null {
  effects.push(`${message.from.userid}:${message.text}`);
  return message.text.includes('/') ? { text: `已签到 [${message.from.userid}]` } : null;
}

function connect(overrides: Partial<LongConnectionOptions> = {}): LongConnection {
  const connection = startLongConnection({
    ...BOT,
    wsUrl: wecom.url,
    lease: createMemoryLease('solo'),
    handle: campPipeline().handle,
    log: (line) => void logs.push(line),
    timings: FAST,
    ...overrides,
  });
  connections.push(connection);
  return connection;
}

async function until(done: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the long connection: subscribing and answering', () => {
  it('subscribes with bot_id and secret within 10 s of start (default timings) and pings', async () => {
    const connection = connect({ timings: { heartbeatMs: 100 } });
    await wecom.waitForSubscriptions(1, 10_000);
    expect(wecom.subscriptions).toEqual([{ connection: 1, botId: BOT.botId, reqId: expect.stringMatching(/^aibot_subscribe_/), errcode: 0 }]);
    await until(() => wecom.pings >= 2);
    expect(connection.subscribed).toBe(true);
  });

  it('answers a group command and a 1:1 command on their req_id with one finished stream', async () => {
    connect();
    await wecom.waitForSubscriptions(1);
    const group = wecom.push({ from: 'u1', chatId: 'chat-1', text: '@营地助手 /checkin 第1课' });
    const single = wecom.push({ from: 'u2', chatType: 'single', text: '/me' });
    const [groupReply, singleReply] = await Promise.all([wecom.waitForReply(group.reqId), wecom.waitForReply(single.reqId)]);
    expect(groupReply).toMatchObject({ cmd: 'aibot_respond_msg', errcode: 0 });
    expect(groupReply.body).toEqual({ msgtype: 'stream', stream: { id: expect.any(String), finish: true, content: replyMarkdown({ text: '已签到 [u1]' }) } });
    expect((singleReply.body as { stream: { content: string } }).stream.content).toBe(replyMarkdown({ text: '已签到 [u2]' }));
  });

  it('sends nothing for plain group chat, which still reaches the pipeline', async () => {
    const pipeline = campPipeline();
    connect({ handle: pipeline.handle });
    await wecom.waitForSubscriptions(1);
    const chat = wecom.push({ from: 'u1', chatId: 'chat-1', text: '@营地助手 今天学到了很多' });
    await wecom.waitForReply(wecom.push({ from: 'u1', chatId: 'chat-1', text: '/me' }).reqId);
    expect(pipeline.effects).toContain('u1:@营地助手 今天学到了很多');
    expect(wecom.replies.filter((r) => r.reqId === chat.reqId)).toEqual([]);
  });

  it('a msgid delivered twice reaches the pipeline, which records it once, and both get the same answer', async () => {
    const pipeline = campPipeline();
    connect({ handle: pipeline.handle });
    await wecom.waitForSubscriptions(1);
    const first = wecom.push({ from: 'u1', chatId: 'chat-1', text: '/checkin 第1课', msgId: 'dup-1' });
    const again = wecom.push({ from: 'u1', chatId: 'chat-1', text: '/checkin 第1课', msgId: 'dup-1' });
    const replies = await Promise.all([wecom.waitForReply(first.reqId), wecom.waitForReply(again.reqId)]);
    expect(pipeline.effects).toEqual(['u1:/checkin 第1课']);
    expect(replies.map((r) => (r.body as { stream: { content: string } }).stream.content)).toEqual([
      replyMarkdown({ text: '已签到 [u1]' }),
      replyMarkdown({ text: '已签到 [u1]' }),
    ]);
  });

  it('keeps serving after a malformed message', async () => {
    connect();
    await wecom.waitForSubscriptions(1);
    wecom.push({ from: '', chatId: 'chat-1', text: '/me' });
    await wecom.waitForReply(wecom.push({ from: 'u3', chatId: 'chat-1', text: '/me' }).reqId);
    expect(logs).toContain('aibot: message ignored: userid is missing');
  });
});

describe('the long connection: failures in the field', () => {
  it('re-subscribes within 15 s of a server-side drop (default timings) and answers again', async () => {
    connect({ timings: {}, random: () => 0 });
    await wecom.waitForSubscriptions(1);
    wecom.drop();
    await wecom.waitForSubscriptions(2, 15_000);
    expect(new Set(wecom.subscriptions.map((s) => s.connection))).toEqual(new Set([1, 2]));
    const { reqId } = wecom.push({ from: 'u1', chatId: 'chat-1', text: '/me' });
    await wecom.waitForReply(reqId);
  });

  it('backs off while the server stays unreachable, then subscribes when it is back', async () => {
    connect();
    await wecom.waitForSubscriptions(1);
    const port = new URL(wecom.url).port;
    await wecom.close();
    await later(300);
    wecom = await startFakeAiBotServer({ ...BOT, port: Number(port) });
    await wecom.waitForSubscriptions(1, 5_000);
    expect(logs.filter((line) => line.includes('dropped')).length).toBeGreaterThan(1);
  });

  it('after disconnected_event re-subscribes while it still holds the lease', async () => {
    connect();
    await wecom.waitForSubscriptions(1);
    wecom.kick();
    await wecom.waitForSubscriptions(2);
    expect(logs.some((line) => line.includes('disconnected_event'))).toBe(true);
  });

  it('after disconnected_event stays away once the lease has gone to another instance', async () => {
    const shared: LeaseHolder = { holder: null };
    const connection = connect({ lease: createMemoryLease('a', shared), timings: { ...FAST, leaseMs: 60_000 } });
    await wecom.waitForSubscriptions(1);
    shared.holder = 'b';
    wecom.kick();
    await until(() => !connection.holder);
    await later(300);
    expect(wecom.subscriptions).toHaveLength(1);
    expect(wecom.openConnections).toBe(0);
  });

  it('re-subscribes when nothing arrives while pings still succeed (inbound watchdog)', async () => {
    connect({ timings: { ...FAST, inboundSilenceMs: 400 } });
    await wecom.waitForSubscriptions(1);
    wecom.mute();
    expect(wecom.push({ from: 'u1', chatId: 'chat-1', text: '/me' }).delivered).toBe(false);
    const pingsBefore = wecom.pings;
    await wecom.waitForSubscriptions(2);
    expect(wecom.pings).toBeGreaterThan(pingsBefore);
    expect(logs.some((line) => line.includes('nothing received'))).toBe(true);
    await wecom.waitForReply(wecom.push({ from: 'u1', chatId: 'chat-1', text: '/me' }).reqId);
    await until(() => wecom.openConnections === 1);
  });

  it("treats 846609 on subscribing as retryable, but a wrong secret as the operator's problem", async () => {
    wecom.answerNext('aibot_subscribe', 846609);
    connect();
    await wecom.waitForSubscriptions(1);
    expect(wecom.subscriptions.map((s) => s.errcode)).toEqual([846609, 0]);
    expect(logs.some((line) => line.includes('846609, retryable'))).toBe(true);

    connect({ secret: 'wrong', lease: createMemoryLease('other') });
    await until(() => logs.some((line) => line.includes('WECOM_AIBOT_SECRET')));
  });

  it('on a reply answered 846609 re-subscribes, tries again, and hands on what the new socket cannot carry', async () => {
    const undelivered: string[] = [];
    connect({ onUndelivered: (message, reply) => void undelivered.push(`${message.msgId}:${reply.text}`) });
    await wecom.waitForSubscriptions(1);
    wecom.answerNext('aibot_respond_msg', 846609);
    wecom.push({ from: 'u1', chatId: 'chat-1', text: '/me', msgId: 'm-9' });
    await wecom.waitForSubscriptions(2);
    await until(() => undelivered.length > 0);
    // The req_id belonged to the first socket: the second refuses it (846605), so the answer goes another way.
    expect(wecom.replies.map((r) => [r.connection, r.errcode])).toEqual([
      [1, 846609],
      [2, 846605],
    ]);
    expect(undelivered).toEqual(['m-9:已签到 [u1]']);
  });
});

describe('the long connection: one holder among instances', () => {
  it('only the lease holder connects; when it stops, another takes over and answers', async () => {
    const shared: LeaseHolder = { holder: null };
    const a = connect({ lease: createMemoryLease('a', shared) });
    await wecom.waitForSubscriptions(1);
    const b = connect({ lease: createMemoryLease('b', shared) });
    await later(300);
    expect([a.holder, b.holder]).toEqual([true, false]);
    expect(wecom.subscriptions).toHaveLength(1);
    expect(wecom.openConnections).toBe(1);

    await a.stop();
    await until(() => b.subscribed);
    expect([shared.holder, wecom.subscriptions.length]).toEqual(['b', 2]);
    await wecom.waitForReply(wecom.push({ from: 'u1', chatId: 'chat-1', text: '/me' }).reqId);
  });

  it('a holder that loses the lease disconnects; a non-holder keeps trying and connects once it is free', async () => {
    const shared: LeaseHolder = { holder: null };
    const a = connect({ lease: createMemoryLease('a', shared) });
    await wecom.waitForSubscriptions(1);
    shared.holder = 'someone-else';
    await until(() => !a.holder && wecom.openConnections === 0);
    shared.holder = null;
    await wecom.waitForSubscriptions(2);
    expect(a.holder).toBe(true);
  });
});
