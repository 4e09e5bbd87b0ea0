import { signLedgerHead } from '../db/ledger-head.js';
import type { CliCommand } from './cli-command.js';
import { withStore } from './with-store.js';

export const migrateCommand: CliCommand = {
  path: ['migrate'],
  usage: 'migrate',
  summary: 'apply database migrations (and sign the ledger head with AUDIT_SECRET when it is unsigned)',
  async run(_args, io) {
    await withStore(async (store) => {
      if (await signLedgerHead(store, Date.now())) io.out('账本头已用 AUDIT_SECRET 签名（此前未签名）');
    });
    io.out('数据库已是最新（migrations applied）');
    return 0;
  },
};
