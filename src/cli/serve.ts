import { startCampBot } from '../app/create-app.js';
import { readConfig } from '../config.js';
import type { CliCommand } from './cli-command.js';

export const serveCommand: CliCommand = {
  path: ['serve'],
  usage: 'serve',
  summary: 'run the callback server and the schedules',
  async run(_args, io) {
    // Listening for the signals before starting: one that arrives while start-up is still running (the server may
    // already be answering) waits for it to finish and then shuts down cleanly, instead of killing the process.
    let requested!: () => void;
    const stopRequested = new Promise<void>((resolve) => (requested = resolve));
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      requested();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const bot = await startCampBot(readConfig(), { log: io.err }).catch((error: unknown) => {
      stop();
      throw error;
    });
    await stopRequested;
    io.err('camp-bot: shutting down');
    await bot.close();
    return 0;
  },
};
