import { verifyChain } from '../db/ledger.js';
import type { CliCommand } from './cli-command.js';
import { openConfiguredDatabase } from './open-configured-database.js';

export const auditVerifyCommand: CliCommand = {
  path: ['audit', 'verify'],
  usage: 'audit verify',
  summary: "check the event ledger's hash chain",
  async run(_args, io) {
    const database = openConfiguredDatabase();
    try {
      const check = verifyChain(database.sqlite);
      if (check.ok) {
        io.out(`账本完整：${check.count} 条事件的哈希链全部校验通过`);
        return 0;
      }
      io.err(`账本被篡改：事件 #${check.eventId} 校验失败（${check.reason}）`);
      return 1;
    } finally {
      database.close();
    }
  },
};
