/** A chat message split into the words after the slash. */
export interface CommandLine {
  /** The words after `/` (command word first), split on white space. */
  words: string[];
}

const LEADING_MENTIONS = /^(?:\s*[@＠]\S+)*\s*/u;

/**
 * Reads a command from message text: leading `@BotName` (and any other leading @mentions) and white space are
 * ignored, then `/` or full-width `／` starts the command. Null when the text is not a command.
 * @example parseCommandLine('@训练营助手 ／记分 exam @张三 88') // { words: ['记分', 'exam', '@张三', '88'] }
 */
export function parseCommandLine(text: string): CommandLine | null {
  const rest = text.replace(LEADING_MENTIONS, '');
  if (!/^[/／]/u.test(rest)) return null;
  const words = rest.slice(1).trim().split(/\s+/u).filter(Boolean);
  return { words };
}
