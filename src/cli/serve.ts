import { startCampBot } from '../app/create-app.js';
import { readConfig } from '../config.js';
import type { CliCommand } from './cli-command.js';

export const serveCommand: CliCommand = {
  path: ['serve'],
  usage: 'serve',
  summary: 'run the callback server and the schedules',
  async run(_args, io) {
    const bot = await startCampBot(readConfig(), { log: io.err });
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    io.err('camp-bot: shutting down');
    await bot.close();
    return 0;
  },
};
