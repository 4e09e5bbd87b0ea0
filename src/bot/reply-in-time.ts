import type { InboundMessage, MessageHandler, Reply } from './inbound-message.js';

const LATE = Symbol('late');

/** What `replyInTime` saw: the handler's answer, or that the deadline passed first. */
export type TimedReply = { inTime: true; reply: Reply | null } | { inTime: false };

/** What to do with an answer (or a failure) that arrives after the deadline. */
export interface LateReplyHooks {
  onLateReply: (message: InboundMessage, reply: Reply) => void;
  onLateError: (error: unknown) => void;
}

/**
 * Runs the handler against a deadline. In time, its answer is returned (a rejection propagates); too late, the
 * caller answers WeCom at once and the eventual reply goes to `onLateReply` so it can be sent another way.
 * @example const outcome = await replyInTime(message, handle, 4000, hooks);
 */
export async function replyInTime(
  message: InboundMessage,
  handle: MessageHandler,
  timeoutMs: number,
  hooks: LateReplyHooks,
): Promise<TimedReply> {
  const work = Promise.resolve().then(() => handle(message));
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof LATE>((resolve) => {
    timer = setTimeout(() => resolve(LATE), timeoutMs);
  });
  try {
    const first = await Promise.race([work, deadline]);
    if (first !== LATE) return { inTime: true, reply: first };
  } finally {
    clearTimeout(timer);
  }
  work
    .then((reply) => {
      if (reply) hooks.onLateReply(message, reply);
    })
    .catch((error: unknown) => hooks.onLateError(error));
  return { inTime: false };
}
