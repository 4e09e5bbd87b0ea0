import { verifyChain } from '../db/ledger.js';
import type { CliCommand } from './cli-command.js';
import { withStore } from './with-store.js';

export const auditVerifyCommand: CliCommand = {
  path: ['audit', 'verify'],
  usage: 'audit verify',
  summary: "check the event ledger's hash chain, ids, head and append-only triggers (reads only)",
  run: (_args, io) => withStore(async (store) => {
    const check = await verifyChain(store);
    if (check.ok) {
      const head = check.signed ? '账本头签名有效' : '未设置 AUDIT_SECRET：无法排除连同账本头一起改写的截断';
      io.out(`账本完整：${check.count} 条事件的哈希链全部校验通过（${head}）`);
      return 0;
    }
    const where = check.eventId === null ? '' : `事件 #${check.eventId}：`;
    io.err(`账本校验失败：${where}${check.reason}`);
    return 1;
  }, { readOnly: true }),
};
