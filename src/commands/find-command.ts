import type { CommandSpec } from './command-spec.js';

/** A matched command and the words after its name. */
export interface CommandMatch {
  spec: CommandSpec;
  args: string[];
}

// Every message looks a command up, so each spec's names are split once.
const splitNames = new WeakMap<CommandSpec, string[][]>();

/** All the ways a command can be called, each split into words (English names lower-cased). */
function callNames(spec: CommandSpec): string[][] {
  let names = splitNames.get(spec);
  if (!names) splitNames.set(spec, (names = [spec.name, ...spec.aliases].map((name) => name.toLowerCase().split(/\s+/u))));
  return names;
}

/**
 * Finds the command the words name: English name (any case) or Chinese alias; a two-word name (`camp bind`,
 * `奖项 预览`) wins over a one-word one. Null when nothing matches.
 * @example findCommand(['绑定', 'ai-2026q4'], commands) // { spec: campBindCommand, args: ['ai-2026q4'] }
 */
export function findCommand(words: string[], commands: readonly CommandSpec[]): CommandMatch | null {
  const lower = words.map((word) => word.toLowerCase());
  let best: { spec: CommandSpec; length: number } | null = null;
  for (const spec of commands) {
    for (const name of callNames(spec)) {
      const fits = name.length <= lower.length && name.every((word, i) => lower[i] === word);
      if (fits && (!best || name.length > best.length)) best = { spec, length: name.length };
    }
  }
  return best ? { spec: best.spec, args: words.slice(best.length) } : null;
}

/** Commands whose first name word is the given word (for `/help camp`, `/help 奖项`). */
export function commandsNamed(word: string, commands: readonly CommandSpec[]): CommandSpec[] {
  const wanted = word.replace(/^[/／]/u, '').toLowerCase();
  return commands.filter((spec) => callNames(spec).some((name) => name[0] === wanted));
}
