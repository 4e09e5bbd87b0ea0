import type { Channel } from '../bot/inbound-message.js';
import type { XmlObject } from '../bot/parse-xml.js';
import { JOBS, type ScheduleDeps } from '../schedules/scheduled-jobs.js';
import { buildCallback, openPassiveReply, type FakeKeys } from '../fake-wecom/fake-wecom-callbacks.js';
import type { LongConnectionSend } from './long-connection-player.js';
import { loopbackPoster, type LoopbackPoster } from './loopback-poster.js';
import type { ScriptDay, ScriptMessage, ScriptStep } from './script-tools.js';

/** A shown message with what the bot answered (for the transcript). */
export interface Exchange {
  at: number;
  channel: Channel;
  from: string;
  text: string;
  reply: string | null;
}

export interface PlayOptions {
  baseUrl: string;
  appKeys: FakeKeys;
  botKeys: FakeKeys;
  campId: string;
  /** The claimed-slot jobs run with these, their clock set to the slot's moment. */
  scheduleDeps: Omit<ScheduleDeps, 'now'>;
  concurrency: number;
  /** AI-bot messages go over this long connection instead of JSON callbacks. */
  longConnection?: LongConnectionSend | null;
  onMessage?: () => void;
  /** After each day's steps (e.g. wait for the outbox and mark the transcript). */
  onDayEnd?: (day: ScriptDay) => Promise<void>;
}

export interface PlayResult {
  sent: number;
  /** Of `sent`, the AI-bot messages that went over the long connection. */
  overLongConnection: number;
  /** Messages whose answer should have named a new event but did not, with the answer. */
  unexpected: string[];
  exchanges: Exchange[];
  jobs: { slot: string; job: string; result: string }[];
}

/** Plays the script: each step's messages as signed, encrypted callbacks with bounded concurrency, jobs in between. */
export async function playScript(days: ScriptDay[], options: PlayOptions): Promise<PlayResult> {
  const result: PlayResult = { sent: 0, overLongConnection: 0, unexpected: [], exchanges: [], jobs: [] };
  const poster = loopbackPoster(options.baseUrl, options.concurrency);
  try {
    for (const day of days) {
      for (const step of day.steps) await playStep(step, options, poster, result);
      await options.onDayEnd?.(day);
    }
  } finally {
    poster.close();
  }
  return result;
}

async function playStep(step: ScriptStep, options: PlayOptions, poster: LoopbackPoster, result: PlayResult): Promise<void> {
  if (step.kind === 'job') {
    const outcome = await JOBS[step.job]({ ...options.scheduleDeps, now: () => step.time * 1000 }, options.campId, step.slot);
    result.jobs.push({ slot: step.slot, job: step.job, result: outcome.ran ? outcome.result : 'already claimed' });
    return;
  }
  const queue = [...step.messages];
  const lane = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      await playMessage(next, options, poster, result);
      options.onMessage?.();
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, queue.length) }, lane));
}

async function playMessage(item: ScriptMessage, options: PlayOptions, poster: LoopbackPoster, result: PlayResult): Promise<void> {
  const overSocket = item.channel === 'ai-bot' && options.longConnection;
  const reply = overSocket ? await options.longConnection!(item.message) : await postCallback(item, options, poster);
  result.sent += 1;
  if (overSocket) result.overLongConnection += 1;
  if (item.expect === 'recorded' && !/#\d+/.test(reply ?? '')) result.unexpected.push(`${item.message.from}: ${item.message.text || item.message.url} → ${reply ?? '（无回复）'}`);
  if (item.show) {
    const text = item.message.kind === 'event' ? `（进入应用：${item.message.event}）` : (item.message.text || item.message.url || '');
    result.exchanges.push({ at: (item.message.createTime ?? 0) * 1000, channel: item.channel, from: item.message.from, text, reply });
  }
}

/**
 * Sends the message as a signed, encrypted callback and returns the text of the passive reply (null for none). Signed
 * with the real "now" (the query timestamp), while CreateTime inside says when the message was written: that is what
 * WeCom does, so the replay window stays at its default and the ledger dates events by CreateTime.
 */
async function postCallback(item: ScriptMessage, options: PlayOptions, poster: LoopbackPoster): Promise<string | null> {
  const keys = item.channel === 'app' ? options.appKeys : options.botKeys;
  const response = await poster.post(buildCallback(item.channel, keys, item.message));
  if (response.status !== 200) throw new Error(`回调失败 ${response.status}：${item.message.text ?? item.message.kind} → ${response.body}`);
  return response.body === '' ? null : replyText(item.channel, openPassiveReply(item.channel, keys, response.body).parsed);
}

function replyText(channel: Channel, parsed: XmlObject | Record<string, unknown>): string {
  if (channel === 'ai-bot') return String((parsed.stream as { content?: string } | undefined)?.content ?? '');
  const xml = parsed as XmlObject;
  if (channel === 'group-robot') return String((xml.Markdown as XmlObject | undefined)?.Content ?? (xml.Text as XmlObject | undefined)?.Content ?? '');
  return String(xml.Content ?? '');
}
