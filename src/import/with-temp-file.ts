import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs `work` on `content` saved as a private temporary file ending in `extension` (the readers of roster and events
 * files take a path, and pick the format by its extension), and removes it after.
 * @example await withTempFile('.csv', upload, (file) => importEventsFile(store, camp, file, now));
 */
export async function withTempFile<T>(extension: string, content: Buffer, work: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'camp-bot-upload-'));
  try {
    const file = join(dir, `upload${extension.toLowerCase()}`);
    await writeFile(file, content);
    return await work(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
