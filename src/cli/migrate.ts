import { signLedgerHead } from '../db/ledger-head.js';
import type { CliCommand } from './cli-command.js';
import { openConfiguredDatabase } from './open-configured-database.js';

export const migrateCommand: CliCommand = {
  path: ['migrate'],
  usage: 'migrate',
  summary: 'apply database migrations (and sign the ledger head with AUDIT_SECRET when it is unsigned)',
  async run(_args, io) {
    const database = openConfiguredDatabase();
    try {
      if (signLedgerHead(database.sqlite, Date.now())) io.out('账本头已用 AUDIT_SECRET 签名（此前未签名）');
    } finally {
      database.close();
    }
    io.out('数据库已是最新（migrations applied）');
    return 0;
  },
};
