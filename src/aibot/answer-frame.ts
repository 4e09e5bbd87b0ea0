import { aiBotStream, type AiBotStream, newStreamId } from '../bot/ai-bot-stream.js';
import { type InboundMessage, type MessageHandler, type Reply, replyMarkdown } from '../bot/inbound-message.js';
import { parseAiBotBody } from '../bot/parse-ai-bot-message.js';
import { CallbackRejected } from '../errors.js';

/** How a message on the long connection is answered in time. */
export interface AnswerTimings {
  /** An answer not ready this long after arrival opens the stream with a short "working" note (WeCom wants 5 s). */
  firstFrameMs: number;
  /** The stream is finished by then, with the answer or a note (WeCom allows 6 minutes). */
  streamLimitMs: number;
  /** Pause before running a failed handler again (doubling, three tries in all). */
  handlerRetryMs: number;
}

export interface AnswerDeps {
  /** The message pipeline; exactly-once by msgid is its job, so a repeated msgid may reach it again. */
  handle: MessageHandler;
  /** Sends a stream frame on the message's req_id, retrying until `deadline` (ms); false when it did not get through. */
  send: (body: AiBotStream, deadline: number) => Promise<boolean>;
  /** An answer the socket could not carry (too late, or refused): sent another way, as a late callback reply is. */
  onUndelivered?: (message: InboundMessage, reply: Reply) => void;
  timings: AnswerTimings;
  now: () => number;
  log: (line: string) => void;
}

export const WORKING_NOTE = '正在处理，请稍候…';
export const TOO_SLOW_NOTE = '处理时间较长，仍在后台进行；请稍后再查看结果。';
export const FAILED_NOTE = '抱歉，这条消息没能处理，请稍后再发一次。';
export const RECEIVED_NOTE = '收到';

type Outcome = { reply: Reply | null } | { failed: true };
const LATE = Symbol('late');
const HANDLER_TRIES = 3;

/**
 * Answers one `aibot_msg_callback` frame body: parsed like an AI-bot callback, run through `handle`, and answered as
 * one finished stream (the same markdown the callback's passive reply carries). No answer, none sent (plain group
 * chat). A slow answer opens the stream with a note first and finishes it within the limit; an answer that comes
 * later, or that the socket refuses, goes to `onUndelivered`. Bad input is logged and answered with nothing.
 */
export async function answerFrame(body: unknown, deps: AnswerDeps): Promise<void> {
  const receivedAt = deps.now();
  const message = parse(body, receivedAt, deps.log);
  if (!message) return;
  const deadline = receivedAt + deps.timings.streamLimitMs;
  const streamId = newStreamId();
  const frame = (content: Reply, finish = true) => aiBotStream(streamId, replyMarkdown(content), finish);
  const answer = async (reply: Reply) => {
    if (!(await deps.send(frame(reply), deadline))) deps.onUndelivered?.(message, reply);
  };
  const outcome = handleWithRetries(message, deps);
  const first = await within(outcome, deps.timings.firstFrameMs);
  if (first !== LATE) {
    if ('failed' in first) return void (await deps.send(frame({ text: FAILED_NOTE }), deadline));
    return first.reply ? answer(first.reply) : undefined;
  }
  await deps.send(frame({ text: WORKING_NOTE }, false), deadline);
  const last = await within(outcome, deadline - deps.now());
  if (last === LATE) {
    void outcome.then((late) => 'reply' in late && late.reply && deps.onUndelivered?.(message, late.reply));
    return void (await deps.send(frame({ text: TOO_SLOW_NOTE }), deadline + deps.timings.firstFrameMs));
  }
  if ('failed' in last) return void (await deps.send(frame({ text: FAILED_NOTE }), deadline));
  return answer(last.reply ?? { text: RECEIVED_NOTE });
}

function parse(body: unknown, receivedAt: number, log: (line: string) => void): InboundMessage | null {
  try {
    return parseAiBotBody(body, receivedAt);
  } catch (error) {
    if (!(error instanceof CallbackRejected)) throw error;
    log(`aibot: message ignored: ${error.message}`);
    return null;
  }
}

async function handleWithRetries(message: InboundMessage, deps: AnswerDeps): Promise<Outcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { reply: await deps.handle(message) };
    } catch (error) {
      deps.log(`aibot: message ${message.msgId} failed (try ${attempt}/${HANDLER_TRIES}): ${String((error as Error)?.message ?? error)}`);
      if (attempt >= HANDLER_TRIES) return { failed: true };
      await new Promise((resolve) => setTimeout(resolve, deps.timings.handlerRetryMs * 2 ** (attempt - 1)));
    }
  }
}

async function within<T>(work: Promise<T>, ms: number): Promise<T | typeof LATE> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof LATE>((resolve) => {
    timer = setTimeout(() => resolve(LATE), Math.max(0, ms));
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
