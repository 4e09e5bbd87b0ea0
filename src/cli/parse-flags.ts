import { UsageError } from '../errors.js';

export interface ParsedArgs {
  positional: string[];
  flags: Record<string, string | true>;
}

/**
 * Splits `--name value`, `--name=value` and bare `--switch` flags from positional words. `switches` are the flags
 * that take no value; any flag not listed in `allowed` is a usage error.
 */
export function parseFlags(args: string[], allowed: { values?: string[]; switches?: string[] }): ParsedArgs {
  const values = new Set(allowed.values ?? []);
  const switches = new Set(allowed.switches ?? []);
  const parsed: ParsedArgs = { positional: [], flags: {} };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) {
      parsed.positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (switches.has(name)) parsed.flags[name] = true;
    else if (values.has(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      parsed.flags[name] = value;
    } else throw new UsageError(`unknown option --${name}`);
  }
  return parsed;
}
