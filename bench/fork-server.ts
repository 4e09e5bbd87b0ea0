import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { ParentMessage, ServerMessage, ServerReport } from './server-process.js';

/** A benchmark server running in a child process. */
export interface ForkedServer {
  baseUrl: string;
  /** Starts a CPU profile of the child's main thread; `stop` writes it to `file`. */
  profile(): Promise<{ stop(file: string): Promise<void> }>;
  /** Resolves once the child has handled every message it took (some answered at the reply deadline still run). */
  drained(): Promise<void>;
  /** Asks the child what its ledger holds and its peak RSS; the child exits after answering. */
  finish(): Promise<ServerReport>;
}

const SCRIPT = fileURLToPath(new URL('./server-process.ts', import.meta.url));

/**
 * What the server serves: nothing (`bare`), the bench camp built fresh, a copy of a prepared database file, or a
 * prepared PostgreSQL database (shared with any other server forked on it).
 */
export type ServerMode = 'bare' | 'camp' | 'file' | 'postgres';

export interface ForkOptions {
  learners?: number;
  events?: number;
  /** The database to copy (mode `file`). */
  file?: string;
  /** The `postgres://` URL to serve from (mode `postgres`). */
  databaseUrl?: string;
  /** Node flags for the child (e.g. `--cpu-prof`). */
  execArgv?: string[];
}

/**
 * Forks `server-process.ts` in `mode` and resolves once it listens.
 * @example const server = await forkServer('camp', { learners: 2000 }); … const report = await server.finish();
 */
export function forkServer(mode: ServerMode, options: ForkOptions = {}): Promise<ForkedServer> {
  const args = mode === 'file' ? [mode, options.file!]
    : mode === 'postgres' ? [mode, options.databaseUrl!]
      : [mode, String(options.learners ?? 2000), String(options.events ?? 0)];
  const child = fork(SCRIPT, args, { execArgv: ['--import', 'tsx', ...(options.execArgv ?? [])], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server (${mode}) exited with ${code} before it was ready`)));
    child.once('message', (message: ServerMessage) => {
      if (message.type !== 'ready') return reject(new Error(`unexpected message from bench server: ${message.type}`));
      child.removeAllListeners('exit');
      resolve({
        baseUrl: `http://127.0.0.1:${message.port}`,
        profile: () => profile(child),
        drained: async () => void (await ask(child, { type: 'drain' }, 'drained')),
        finish: () => finish(child),
      });
    });
  });
}

/** Sends `request` and resolves on the child's next message, which must be of type `answer`. */
function ask(child: ChildProcess, request: ParentMessage, answer: ServerMessage['type']): Promise<ServerMessage> {
  return new Promise((resolve, reject) => {
    child.once('message', (message: ServerMessage) => {
      if (message.type !== answer) return reject(new Error(`unexpected message from bench server: ${message.type}`));
      resolve(message);
    });
    child.send(request);
  });
}

async function profile(child: ChildProcess): Promise<{ stop(file: string): Promise<void> }> {
  await ask(child, { type: 'profile-start' }, 'profiling');
  return { stop: async (file) => void (await ask(child, { type: 'profile-stop', file }, 'profiled')) };
}

async function finish(child: ChildProcess): Promise<ServerReport> {
  const exited = once(child, 'exit');
  const { type: _type, ...report } = (await ask(child, { type: 'report' }, 'report')) as Extract<ServerMessage, { type: 'report' }>;
  await exited;
  return report;
}
