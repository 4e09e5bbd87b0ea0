import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ServerMessage, ServerReport } from './server-process.js';

/** A benchmark server running in a child process. */
export interface ForkedServer {
  baseUrl: string;
  /** Asks the child what its ledger holds and its peak RSS; the child exits after answering. */
  finish(): Promise<ServerReport>;
}

const SCRIPT = fileURLToPath(new URL('./server-process.ts', import.meta.url));

/**
 * Forks `server-process.ts` in `mode` and resolves once it listens. `execArgv` adds Node flags (e.g. `--cpu-prof`).
 * @example const server = await forkServer('camp', { learners: 2000 }); … const report = await server.finish();
 */
export function forkServer(mode: 'bare' | 'camp', options: { learners?: number; events?: number; execArgv?: string[] } = {}): Promise<ForkedServer> {
  const args = [mode, String(options.learners ?? 2000), String(options.events ?? 0)];
  const child = fork(SCRIPT, args, { execArgv: ['--import', 'tsx', ...(options.execArgv ?? [])], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server (${mode}) exited with ${code} before it was ready`)));
    child.once('message', (message: ServerMessage) => {
      if (message.type !== 'ready') return reject(new Error(`unexpected message from bench server: ${message.type}`));
      child.removeAllListeners('exit');
      resolve({ baseUrl: `http://127.0.0.1:${message.port}`, finish: () => finish(child) });
    });
  });
}

function finish(child: ChildProcess): Promise<ServerReport> {
  return new Promise((resolve, reject) => {
    child.once('message', (message: ServerMessage) => {
      if (message.type !== 'report') return reject(new Error(`unexpected message from bench server: ${message.type}`));
      const { type: _type, ...report } = message;
      child.once('exit', () => resolve(report));
    });
    child.send({ type: 'report' });
  });
}
