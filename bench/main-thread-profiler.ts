import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

/**
 * Starts V8's CPU profiler on this thread; the returned function stops it and writes the `.cpuprofile` to `file`.
 * Unlike `--cpu-prof` it covers only the window that matters (not start-up or the ledger check at the end).
 * @example const stop = await startCpuProfile(); … await stop('/tmp/server.cpuprofile');
 */
export async function startCpuProfile(): Promise<(file: string) => Promise<void>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async (file) => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
}
