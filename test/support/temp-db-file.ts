import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh database path in its own temp folder, set as DB_FILE for the CLI; `cleanup` restores the env. */
export function tempDbFile(): { file: string; dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'camp-bot-'));
  const file = join(dir, 'camp-bot.db');
  const previous = process.env.DB_FILE;
  process.env.DB_FILE = file;
  return {
    file,
    dir,
    cleanup: () => {
      if (previous === undefined) delete process.env.DB_FILE;
      else process.env.DB_FILE = previous;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
