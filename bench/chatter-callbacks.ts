import { buildCallback, type FakeMessage } from '../src/fake-wecom/fake-wecom-callbacks.js';
import { BENCH_BOT_KEYS } from './bench-keys.js';
import type { PreparedCallback } from './callback-bodies.js';
import { BENCH_CHAT_ID, BENCH_WEBHOOK } from './chat-camp.js';
import { chatContent } from './chat-texts.js';
import { seededRandom } from './seeded-random.js';

/** The two ways group chatter reaches the bot: the group robot (XML) and the AI bot (JSON). */
export type GroupChannel = 'group-robot' | 'ai-bot';

const BOT_NAME = '训练营助手';

/** A signed, encrypted callback from `from` in the bench camp's bound group, sent a moment after it was written. */
export function groupCallback(channel: GroupChannel, from: string, content: Pick<FakeMessage, 'kind' | 'text'>, msgId: string, random: () => number): PreparedCallback {
  const createTime = Math.floor(Date.now() / 1000) - Math.floor(random() * 3);
  const text = content.kind === 'image' ? undefined : `@${BOT_NAME} ${content.text}`;
  const message: FakeMessage = { from, kind: content.kind, text, msgId, chatId: BENCH_CHAT_ID, chatType: 'group', createTime, webhookUrl: BENCH_WEBHOOK };
  const callback = buildCallback(channel, BENCH_BOT_KEYS, message);
  return { path: `${callback.path}?${callback.query}`, body: callback.body, contentType: callback.contentType };
}

/** A learner's plain message in the group: a realistic mix of lengths, links and images (see `chatContent`). */
export function chatterCallback(channel: GroupChannel, learner: string, msgId: string, random: () => number): PreparedCallback {
  return groupCallback(channel, learner, chatContent(random), msgId, random);
}

/**
 * `count` chatter callbacks from learners chosen at random, each with its own MsgId, built ahead (and signed now)
 * so the load generator only sends bytes.
 */
export function buildChatterCallbacks(channel: GroupChannel, count: number, learners: number, firstMsgId: number): PreparedCallback[] {
  const random = seededRandom(firstMsgId % 2 ** 31);
  return Array.from({ length: count }, (_, i) => chatterCallback(channel, `u${Math.floor(random() * learners)}`, String(firstMsgId + i), random));
}
