/** What the participation rule needs to know about one chat message. */
export interface ParticipationMessage {
  /** `text`, `image`, `file`, `link`, `mixed` count as content; anything else never counts. */
  kind: string;
  /** Text content with nothing stripped ('' when none). */
  text: string;
  /** When it happened (ms). */
  at: number;
}

/** The learner's counted messages so far, from the ledger. */
export interface ParticipationState {
  /** When the learner's latest counted message (at or before this one) happened; null if none. */
  lastCountedAt: number | null;
  /** How many of the learner's messages were counted on this message's calendar day in the camp zone. */
  countedToday: number;
}

export interface ParticipationRules {
  minChars: number;
  cooldownSeconds: number;
  dailyCap: number;
}

export type ParticipationVerdict =
  | { counts: true }
  | { counts: false; reason: 'not-content' | 'command' | 'too-short' | 'cooldown' | 'daily-cap' };

const MENTION = /(^|\s)[@＠]\S+/gu;
const SPACE = /\s/gu;
const CONTENT_KINDS = new Set(['image', 'file', 'link', 'mixed']);

/** The text without @mentions, for command detection. */
export function withoutMentions(text: string): string {
  return text.replace(MENTION, '$1').trim();
}

/** True when the message is a bot command (`/` or full-width `／`, after any @mention). */
export function isCommandText(text: string): boolean {
  return /^[/／]/u.test(withoutMentions(text));
}

/** Characters that count toward `minChars`: Unicode code points after removing @mentions and white space. */
export function contentLength(text: string): number {
  return [...withoutMentions(text).replace(SPACE, '')].length;
}

/**
 * SPEC §5 participation rule (the caller checks that the chat is bound to the camp): a message counts when it is not
 * a command, is text of at least `minChars` or a file/image/link, comes at least `cooldownSeconds` after the learner's
 * previous counted message, and fewer than `dailyCap` were counted that day.
 * @example countsAsParticipation({ kind: 'text', text: '我觉得这个方法很好', at }, { lastCountedAt: null, countedToday: 0 }, rules) // { counts: true }
 */
export function countsAsParticipation(
  message: ParticipationMessage,
  state: ParticipationState,
  rules: ParticipationRules,
): ParticipationVerdict {
  if (message.kind !== 'text' && !CONTENT_KINDS.has(message.kind)) return { counts: false, reason: 'not-content' };
  if (isCommandText(message.text)) return { counts: false, reason: 'command' };
  if (message.kind === 'text' && contentLength(message.text) < rules.minChars) return { counts: false, reason: 'too-short' };
  if (state.lastCountedAt !== null && message.at - state.lastCountedAt < rules.cooldownSeconds * 1000) {
    return { counts: false, reason: 'cooldown' };
  }
  if (state.countedToday >= rules.dailyCap) return { counts: false, reason: 'daily-cap' };
  return { counts: true };
}
