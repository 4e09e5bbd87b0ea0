import { setTimeout as delay } from 'node:timers/promises';
import { dedupeKey, type Reply } from '../bot/inbound-message.js';
import type { Db } from '../db/db.js';
import { checkMessage } from '../db/processed-messages.js';
import type { FakeAiBotServer } from '../fake-wecom/fake-aibot-server.js';
import type { FakeMessage } from '../fake-wecom/fake-wecom-callbacks.js';

/** Sends one AI-bot message over the long connection and resolves with the text of its answer, or null for none. */
export type LongConnectionSend = (message: FakeMessage) => Promise<string | null>;

const WAIT_MS = 60_000;

/**
 * Plays AI-bot messages through the fake WeCom's long connection: pushes the frame to the subscribed camp-bot, waits
 * until the message is processed (plain chat gets no frame back, so the ledger is what says it was taken), then for
 * an answered message waits for its finished stream on the same req_id.
 */
export function longConnectionSender(server: FakeAiBotServer, store: Db): LongConnectionSend {
  return async (message) => {
    if (message.msgId === undefined) throw new Error('长连接消息需要 msgId');
    const pushed = server.push(message);
    if (!pushed.delivered) throw new Error(`长连接未订阅，消息 ${message.msgId} 未送达`);
    const reply = await processedReply(store, dedupeKey({ channel: 'ai-bot', msgId: message.msgId }));
    if (reply === null) return null;
    const frame = await server.waitForReply(pushed.reqId, WAIT_MS);
    return String((frame.body as { stream?: { content?: string } }).stream?.content ?? '');
  };
}

async function processedReply(store: Db, key: string): Promise<Reply | null> {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    const status = await checkMessage(store, key);
    if (status.kind === 'done') return status.reply;
    await delay(5);
  }
  throw new Error(`长连接消息 ${key} ${WAIT_MS / 1000} 秒内未处理`);
}
